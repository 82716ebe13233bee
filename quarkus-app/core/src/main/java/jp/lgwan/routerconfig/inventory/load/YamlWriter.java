package jp.lgwan.routerconfig.inventory.load;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes inventory records as YAML in exactly the shape {@link RecordBinder} reads: snake_case
 * keys, kebab-case enum values, nulls and empty lists left out. Strings are quoted unless plainly
 * safe, so what is written reads back as the same text.
 */
public final class YamlWriter {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}][A-Za-z0-9 ._/@+()\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}ー・-]*");
    private static final Pattern LOOKS_TYPED = Pattern.compile("(?i)null|~|true|false|yes|no|on|off|y|n|[-+]?[0-9][0-9_.:eE+-]*");

    private YamlWriter() {
    }

    public static String write(Record record) {
        StringBuilder yaml = new StringBuilder(2048);
        writeRecord(yaml, record, 0, false);
        return yaml.toString();
    }

    private static void writeRecord(StringBuilder yaml, Record record, int indent, boolean inList) {
        boolean first = true;
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value == null || (value instanceof List<?> list && list.isEmpty())) {
                continue;
            }
            if (!(first && inList)) {
                yaml.append(" ".repeat(indent));
            }
            first = false;
            yaml.append(RecordBinder.yamlKey(component.getName())).append(':');
            writeValue(yaml, value, indent + 2);
        }
    }

    private static void writeValue(StringBuilder yaml, Object value, int indent) {
        if (value instanceof Record nested && !isScalarRecord(nested)) {
            yaml.append('\n');
            writeRecord(yaml, nested, indent, false);
        } else if (value instanceof List<?> list) {
            yaml.append('\n');
            for (Object item : list) {
                yaml.append(" ".repeat(indent - 2)).append("- ");
                if (item instanceof Record nested && !isScalarRecord(nested)) {
                    writeRecord(yaml, nested, indent, true);
                } else {
                    yaml.append(scalar(item)).append('\n');
                }
            }
        } else {
            yaml.append(' ').append(scalar(value)).append('\n');
        }
    }

    private static boolean isScalarRecord(Record record) {
        return record instanceof jp.lgwan.routerconfig.inventory.InterfaceMode
                || record instanceof jp.lgwan.routerconfig.inventory.EndOfSupport
                || record instanceof jp.lgwan.routerconfig.inventory.Ipv4Address
                || record instanceof jp.lgwan.routerconfig.inventory.Ipv4Prefix;
    }

    private static String scalar(Object value) {
        if (value instanceof Enum<?> constant) {
            return RecordBinder.enumValue(constant);
        }
        if (value instanceof String text) {
            return PLAIN.matcher(text).matches() && !LOOKS_TYPED.matcher(text).matches() && !text.endsWith(" ") ? text : quote(text);
        }
        return value.toString();
    }

    /** A JSON string literal, which YAML also reads as a double-quoted scalar with the same text. */
    public static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
