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
 * The name of a secret in the credential store, never the secret: lower-case words joined by
 * {@code . _ / -}. A value that looks like an address or a key is refused, since that is the usual
 * way a secret leaks into git.
 */
@Documented
@Constraint(validatedBy = SecretReferenceValidator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface SecretReference {
    String message() default "must be the name of a secret (lower-case letters, digits and . _ / -), never the secret itself";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
