package jp.lgwan.routerconfig.inventory.rules;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public final class PlainTextValidator implements ConstraintValidator<PlainText, String> {

    private int max;

    @Override
    public void initialize(PlainText annotation) {
        max = annotation.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String problem = null;
        for (int i = 0; i < value.length() && problem == null; i++) {
            char c = value.charAt(i);
            int type = Character.getType(c);
            // line and paragraph separators break lines too; format characters (bidi overrides,
            // zero-width) make a name read differently from what it is
            if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.FORMAT) {
                problem = String.format("contains the control character U+%04X at position %d; it must be one line of text", (int) c, i + 1);
            }
        }
        if (problem == null && value.codePointCount(0, value.length()) > max) {
            problem = "is longer than " + max + " characters";
        }
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
    }
}
