package jp.lgwan.routerconfig.inventory.rules;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * The one text policy for what people write (inventory names and contacts; the API's
 * descriptions, reasons and decisions): any letter, mark, number, symbol or emoji — joined emoji
 * included — on one line. Refused, wherever they appear: C0 and C1 controls and line and paragraph
 * separators (a second line), bidirectional controls and other invisible format characters (text
 * that reads differently from what it is), lone surrogates (no character at all: PostgreSQL stored
 * one as "?") and noncharacters. Kept, because real text needs them: the zero-width joiner and
 * non-joiner (emoji sequences such as 👨‍👩‍👧, Indic and Persian scripts), and tag characters (the
 * flags of England, Scotland and Wales). Counted and positioned in characters (code points), not
 * UTF-16 units.
 */
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
        String problem = problem(value, max);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
    }

    /** What is wrong with {@code value} as text for people of at most {@code max} characters; null if nothing. */
    static String problem(String value, int max) {
        int position = 0;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            position++;
            String refused = refused(c);
            if (refused != null) {
                return String.format("contains %s U+%04X at position %d; it must be one line of text", refused, c, position);
            }
            i += Character.charCount(c);
        }
        return position > max ? "is longer than " + max + " characters" : null;
    }

    /** What {@code c} is, if refused. */
    private static String refused(int c) {
        if (Character.isSurrogate((char) c) && Character.isBmpCodePoint(c)) {
            // codePointAt gives a surrogate alone only where it has no partner
            return "a lone surrogate (no character)";
        }
        if (Character.isISOControl(c)) {
            return "the control character";
        }
        int type = Character.getType(c);
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            return "the line break";
        }
        if (isBidiControl(c)) {
            return "the bidirectional control";
        }
        if (type == Character.FORMAT && c != 0x200C && c != 0x200D && !(c >= 0xE0020 && c <= 0xE007F)) {
            return "the invisible format character";
        }
        if ((c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF)) {
            return "the noncharacter";
        }
        return null;
    }

    /** ALM, LRM, RLM, the embeddings and overrides, and the isolates (Unicode UAX #9). */
    private static boolean isBidiControl(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
