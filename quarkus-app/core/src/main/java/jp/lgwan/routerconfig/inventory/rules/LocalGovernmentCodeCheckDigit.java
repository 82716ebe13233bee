package jp.lgwan.routerconfig.inventory.rules;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A 6-digit local-government code (地方公共団体コード) must end in its check digit; other values are left to the format rule. */
@Documented
@Constraint(validatedBy = LocalGovernmentCodeCheckDigitValidator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface LocalGovernmentCodeCheckDigit {
    String message() default "has a wrong check digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
