package jp.lgwan.routerconfig.inventory.rules;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A lower-case DNS name of at least two labels, each 1–63 letters, digits or inner hyphens. */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
@Size(max = 253)
@jakarta.validation.ReportAsSingleViolation
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface DnsName {
    String message() default "must be a lower-case DNS name such as city.sapporo.lg.jp";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
