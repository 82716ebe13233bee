package jp.lgwan.routerconfig.inventory.load;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import jp.lgwan.routerconfig.inventory.EndOfSupport;
import jp.lgwan.routerconfig.inventory.Finding;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.Ipv4Address;
import jp.lgwan.routerconfig.inventory.Ipv4Prefix;

/**
 * Binds a {@link YamlNode} tree onto the inventory records: a record's components are its YAML
 * keys in snake_case, an enum's constants its values in kebab-case. Every problem becomes a
 * {@link Finding} with the node's line and column, and binding goes on past it so one pass reports
 * everything: an unknown key (with the nearest known key as a hint), a value of the wrong type
 * (naming the type expected). Missing values are left null for Bean Validation to report.
 */
public final class RecordBinder {

    private record ScalarType(String expected, Function<String, Object> parse) {
    }

    private static final Map<Class<?>, ScalarType> SCALARS = Map.of(
            String.class, new ScalarType("a string", s -> s),
            Integer.class, new ScalarType("an integer", RecordBinder::parseInteger),
            Boolean.class, new ScalarType("true or false", RecordBinder::parseBoolean),
            LocalDate.class, new ScalarType("a date such as 2027-03-31", RecordBinder::parseDate),
            InterfaceMode.class, new ScalarType(InterfaceMode.FORMAT, InterfaceMode::parse),
            EndOfSupport.class, new ScalarType(EndOfSupport.FORMAT, EndOfSupport::parse),
            Ipv4Address.class, new ScalarType(Ipv4Address.FORMAT, Ipv4Address::parse),
            Ipv4Prefix.class, new ScalarType(Ipv4Prefix.FORMAT, Ipv4Prefix::parse));

    /** A record type as the binder (and the parse cache's codec) builds it: its canonical constructor and components. */
    record RecordShape(Constructor<?> constructor, RecordComponent[] components, Map<String, Integer> indexByKey) {
    }

    private static final Map<Class<?>, RecordShape> SHAPES = new ConcurrentHashMap<>();

    private final String file;
    private final SourceLocations locations;
    private final List<Finding> findings;

    public RecordBinder(String file, SourceLocations locations, List<Finding> findings) {
        this.file = file;
        this.locations = locations;
        this.findings = findings;
    }

    /** Binds the whole file onto one record type; null if the file's top level is not a mapping. */
    public <T extends Record> T bindRoot(YamlNode root, Class<T> type) {
        SourceLocations.Location at = SourceLocations.Location.root(file, root.line(), root.column());
        return type.cast(bindRecord(root, type, at));
    }

    private Object bindRecord(YamlNode node, Class<?> type, SourceLocations.Location at) {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            typeError(node, at, "a mapping of " + describeRecord(type));
            return null;
        }
        RecordShape shape = shape(type);
        Object[] values = new Object[shape.components.length];
        SourceLocations.Location[] fieldLocations = new SourceLocations.Location[values.length];
        long unreadable = 0;
        for (YamlNode.Entry entry : mapping.entries().values()) {
            Integer index = shape.indexByKey.get(entry.key());
            SourceLocations.Location fieldAt = at.child(entry.key(), entry.value().line(), entry.value().column());
            if (index == null) {
                findings.add(new Finding(Finding.Severity.ERROR, file, entry.keyLine(), entry.keyColumn(), "yaml-unknown-field", fieldAt.path(),
                        "unknown field" + suggestion(entry.key(), shape.indexByKey.keySet())
                                + "; " + describeRecord(type) + " has " + String.join(", ", shape.indexByKey.keySet())));
                continue;
            }
            RecordComponent component = shape.components[index];
            fieldLocations[index] = fieldAt;
            int before = findings.size();
            values[index] = bindValue(entry.value(), component.getGenericType(), fieldAt);
            if (values[index] == null && findings.size() > before) {
                unreadable |= 1L << index;
            }
        }
        Object record = construct(shape, values, mapping, at);
        if (record != null) {
            locations.record(record, at);
            for (int i = 0; i < fieldLocations.length; i++) {
                if (fieldLocations[i] != null) {
                    locations.field(record, i, fieldLocations[i]);
                }
                if ((unreadable & (1L << i)) != 0) {
                    locations.unreadable(record, i);
                }
            }
        }
        return record;
    }

    private Object construct(RecordShape shape, Object[] values, YamlNode node, SourceLocations.Location at) {
        try {
            return shape.constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            typeError(node, at, describeRecord(shape.constructor.getDeclaringClass()) + " (" + e.getCause().getMessage() + ")");
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + shape.constructor.getDeclaringClass(), e);
        }
    }

    /** Whether values of {@code type} are read from one scalar's text (a record such as Ipv4Address included). */
    static boolean isScalar(Class<?> type) {
        return SCALARS.containsKey(type);
    }

    /** A scalar value from its text, as the binder reads it; IllegalArgumentException where it is not one. */
    static Object parseScalar(Class<?> type, String text) {
        try {
            return SCALARS.get(type).parse.apply(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private Object bindValue(YamlNode node, Type type, SourceLocations.Location at) {
        if (node instanceof YamlNode.Scalar scalar && scalar.isNull()) {
            return null;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            return bindList(node, parameterized.getActualTypeArguments()[0], at);
        }
        Class<?> raw = (Class<?>) type;
        if (raw.isRecord() && !SCALARS.containsKey(raw)) {
            return bindRecord(node, raw, at);
        }
        if (raw.isEnum()) {
            return bindEnum(node, raw, at);
        }
        ScalarType scalarType = SCALARS.get(raw);
        if (scalarType == null) {
            throw new IllegalStateException("no YAML binding for " + type);
        }
        if (!(node instanceof YamlNode.Scalar scalar)) {
            typeError(node, at, scalarType.expected);
            return null;
        }
        try {
            return scalarType.parse.apply(scalar.value());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            typeError(node, at, scalarType.expected);
            return null;
        }
    }

    private List<Object> bindList(YamlNode node, Type elementType, SourceLocations.Location at) {
        if (!(node instanceof YamlNode.Sequence sequence)) {
            typeError(node, at, "a list");
            return null;
        }
        List<Object> values = new ArrayList<>(sequence.items().size());
        for (int i = 0; i < sequence.items().size(); i++) {
            YamlNode item = sequence.items().get(i);
            SourceLocations.Location itemAt = at.element(i, item.line(), item.column());
            Object value = bindValue(item, elementType, itemAt);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private record EnumShape(Map<String, Object> byValue, String expected) {
    }

    private static final Map<Class<?>, EnumShape> ENUMS = new ConcurrentHashMap<>();

    private Object bindEnum(YamlNode node, Class<?> type, SourceLocations.Location at) {
        EnumShape shape = ENUMS.computeIfAbsent(type, t -> {
            Map<String, Object> byValue = new LinkedHashMap<>();
            for (Object constant : t.getEnumConstants()) {
                byValue.put(enumValue((Enum<?>) constant), constant);
            }
            return new EnumShape(byValue, "one of " + String.join(", ", byValue.keySet()));
        });
        Object constant = node instanceof YamlNode.Scalar scalar ? shape.byValue.get(scalar.value()) : null;
        if (constant == null) {
            typeError(node, at, shape.expected);
        }
        return constant;
    }

    private void typeError(YamlNode node, SourceLocations.Location at, String expected) {
        String got = node instanceof YamlNode.Scalar scalar ? "'" + printable(scalar.value()) + "'" : "a " + SafeYamlReader.describe(node);
        findings.add(new Finding(Finding.Severity.ERROR, file, node.line(), node.column(), "yaml-type", at.path(),
                "expected " + expected + ", got " + got));
    }

    /** The YAML key of a record component: its name in snake_case. */
    public static String yamlKey(String componentName) {
        StringBuilder key = new StringBuilder(componentName.length() + 4);
        for (char c : componentName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                key.append('_').append(Character.toLowerCase(c));
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    /** The YAML value of an enum constant: its name in kebab-case. */
    public static String enumValue(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A user's value as it may safely be printed in one line of an error. */
    public static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 60; i++) {
            char c = value.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() >= 60 ? out + "…" : out.toString();
    }

    private static String describeRecord(Class<?> type) {
        return yamlKey(Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1)).replace('_', ' ');
    }

    private static String suggestion(String key, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static RecordShape shape(Class<?> type) {
        return SHAPES.computeIfAbsent(type, t -> {
            RecordComponent[] components = t.getRecordComponents();
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Map<String, Integer> indexByKey = new LinkedHashMap<>();
            for (int i = 0; i < components.length; i++) {
                indexByKey.put(yamlKey(components[i].getName()), i);
            }
            try {
                return new RecordShape(t.getDeclaredConstructor(types), components, indexByKey);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Object parseInteger(String text) {
        int digits = text.startsWith("-") ? 1 : 0;
        if (text.length() == digits || text.length() - digits > 9 || !text.substring(digits).chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(text);
        }
        return Integer.valueOf(text);
    }

    private static Object parseBoolean(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static Object parseDate(String text) {
        return LocalDate.parse(text);
    }
}
