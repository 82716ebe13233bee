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

/**
 * The CLI-injection guard: a string that reaches a device config must be one line of printable
 * ASCII, free of the characters some dialect treats specially, and no longer than {@link #max()}.
 * Without it a description holding a newline would add a command of its author's choosing.
 */
@Documented
@Constraint(validatedBy = CliSafeValidator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface CliSafe {
    int max() default 64;

    String message() default "is not safe to send to a router CLI";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
