package jp.lgwan.routerconfig.inventory.rules;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public final class CliSafeValidator implements ConstraintValidator<CliSafe, String> {

    /**
     * Special somewhere: {@code ?} help (IOS, NEC, vtysh), {@code !} and {@code #} comments (IOS, FRR,
     * Yamaha), quotes and backslash (every quoting rule), braces, brackets and {@code ;} (Junos),
     * {@code |} (output pipes), {@code $ ^ `} (banner delimiters, variables), angle brackets.
     */
    public static final String SPECIAL = "?!#\"'\\{}[];|$^`<>";

    private int max;

    @Override
    public void initialize(CliSafe annotation) {
        max = annotation.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        String problem = problem(value, max);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // the message names the characters; escape the ones Bean Validation's templates interpret
        context.buildConstraintViolationWithTemplate(problem.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$"))
                .addConstraintViolation();
        return false;
    }

    /** Why a string is unsafe for a router CLI, or null when it is safe. */
    public static String problem(String value, int max) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String at = " at position " + (i + 1);
            if (c == '\n' || c == '\r') {
                return "contains a " + (c == '\n' ? "newline (\\n)" : "carriage return (\\r)") + at
                        + "; a string sent to a router must be one line";
            }
            if (c < 0x20 || c == 0x7f) {
                return String.format("contains the control character U+%04X%s", (int) c, at);
            }
            if (c > 0x7e) {
                return "contains the non-ASCII character '" + c + "'" + at + "; strings sent to a router must be ASCII";
            }
            if (SPECIAL.indexOf(c) >= 0) {
                return "contains '" + c + "'" + at + ", which a router CLI treats specially (none of " + SPECIAL + " may appear)";
            }
        }
        if (!value.isEmpty() && (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ')) {
            return "starts or ends with a space, which a router CLI drops";
        }
        if (value.length() > max) {
            return "is " + value.length() + " characters long; at most " + max + " reach a router";
        }
        return null;
    }
}
