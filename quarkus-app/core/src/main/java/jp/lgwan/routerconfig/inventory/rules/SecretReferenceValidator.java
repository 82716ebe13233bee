package jp.lgwan.routerconfig.inventory.rules;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.regex.Pattern;

public final class SecretReferenceValidator implements ConstraintValidator<SecretReference, String> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*([._/-][a-z0-9]+)*");
    private static final Pattern ADDRESS_LIKE = Pattern.compile(".*[0-9]{1,3}[.-][0-9]{1,3}[.-][0-9]{1,3}[.-][0-9]{1,3}.*");

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (value.length() > 128 || !NAME.matcher(value).matches()) {
            return false;
        }
        if (ADDRESS_LIKE.matcher(value).matches()) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("looks like an IP address; name the secret that holds it instead")
                    .addConstraintViolation();
            return false;
        }
        return true;
    }
}
