package jp.lgwan.routerconfig.inventory.rules;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public final class LocalGovernmentCodeCheckDigitValidator implements ConstraintValidator<LocalGovernmentCodeCheckDigit, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || !LocalGovernmentCode.isSixDigits(value)) {
            return true;
        }
        int expected = LocalGovernmentCode.checkDigit(value.substring(0, 5));
        if (value.charAt(5) - '0' == expected) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("check digit of " + value + " is " + value.charAt(5) + " but must be " + expected
                + " (" + value.substring(0, 5) + expected + ")").addConstraintViolation();
        return false;
    }
}
