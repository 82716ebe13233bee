package jp.lgwan.routerconfig.change;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compact binary form of the inventory's value graph (records, enums, strings, numbers, dates, lists,
 * maps and sets), for {@link InventorySnapshots}. Records are written component by component and made
 * again through their canonical constructor, so a record's own checks and normalizations run as when
 * the loader made it; a type outside that list is refused when written, and on reading only the
 * project's own records and enums are made — never an arbitrary class named by the file.
 *
 * <p>Not Java serialization: that would need every record of the inventory to implement
 * {@code Serializable} and would read whatever class a file names. Strings are written once and
 * referred to after (the rendered models repeat the same keys for every router).
 */
final class RecordCodec {

    private static final String OWN_PACKAGE = "jp.lgwan.routerconfig.";

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte STRING_REF = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte TRUE = 5;
    private static final byte FALSE = 6;
    private static final byte DOUBLE = 7;
    private static final byte DATE = 8;
    private static final byte ENUM = 9;
    private static final byte RECORD = 10;
    private static final byte LIST = 11;
    private static final byte MAP = 12;
    private static final byte SET = 13;

    private RecordCodec() {
    }

    /** A value that cannot be written or read back: the snapshot is not made, or not used. */
    static final class CodecException extends IOException {
        CodecException(String message) {
            super(message);
        }

        CodecException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How one record class is taken apart and made again. */
    private record Shape(Class<?> type, Method[] accessors, Constructor<?> canonical) {

        static Shape of(Class<?> type) throws CodecException {
            if (!type.isRecord() || !type.getName().startsWith(OWN_PACKAGE)) {
                throw new CodecException("not a record of " + OWN_PACKAGE + "*: " + type.getName());
            }
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
                types[i] = components[i].getType();
            }
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return new Shape(type, accessors, canonical);
            } catch (NoSuchMethodException e) {
                throw new CodecException("no canonical constructor: " + type.getName(), e);
            }
        }
    }

    /** Writes values to one stream, each string and class name once. */
    static final class Writer {
        private final DataOutputStream out;
        private final Map<String, Integer> strings = new HashMap<>();
        private final Map<Class<?>, Shape> shapes = new HashMap<>();

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void write(Object value) throws IOException {
            if (value == null) {
                out.writeByte(NULL);
            } else if (value instanceof String s) {
                string(s);
            } else if (value instanceof Integer i) {
                out.writeByte(INT);
                out.writeInt(i);
            } else if (value instanceof Long l) {
                out.writeByte(LONG);
                out.writeLong(l);
            } else if (value instanceof Boolean b) {
                out.writeByte(b ? TRUE : FALSE);
            } else if (value instanceof Double d) {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            } else if (value instanceof LocalDate date) {
                out.writeByte(DATE);
                out.writeLong(date.toEpochDay());
            } else if (value instanceof Enum<?> e) {
                Class<?> type = e.getDeclaringClass();
                if (!type.getName().startsWith(OWN_PACKAGE)) {
                    throw new CodecException("not an enum of " + OWN_PACKAGE + "*: " + type.getName());
                }
                out.writeByte(ENUM);
                string(type.getName());
                string(e.name());
            } else if (value instanceof Record) {
                Shape shape = shapes.get(value.getClass());
                if (shape == null) {
                    shape = Shape.of(value.getClass());
                    shapes.put(value.getClass(), shape);
                }
                out.writeByte(RECORD);
                string(shape.type().getName());
                for (Method accessor : shape.accessors()) {
                    try {
                        write(accessor.invoke(value));
                    } catch (IllegalAccessException | InvocationTargetException e) {
                        throw new CodecException("cannot read " + accessor, e);
                    }
                }
            } else if (value instanceof List<?> list) {
                out.writeByte(LIST);
                out.writeInt(list.size());
                for (Object element : list) {
                    write(element);
                }
            } else if (value instanceof Map<?, ?> map) {
                out.writeByte(MAP);
                out.writeInt(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    write(entry.getKey());
                    write(entry.getValue());
                }
            } else if (value instanceof Set<?> set) {
                out.writeByte(SET);
                out.writeInt(set.size());
                for (Object element : set) {
                    write(element);
                }
            } else {
                throw new CodecException("cannot keep a " + value.getClass().getName() + " in a snapshot");
            }
        }

        private void string(String s) throws IOException {
            Integer known = strings.get(s);
            if (known != null) {
                out.writeByte(STRING_REF);
                out.writeInt(known);
                return;
            }
            strings.put(s, strings.size());
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.writeByte(STRING);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    /** Reads what one {@link Writer} wrote, in the same order. */
    static final class Reader {
        private final DataInputStream in;
        private final List<String> strings = new ArrayList<>();
        private final Map<String, Shape> shapes = new HashMap<>();
        private final long limit;

        /** @param limit no size read may pass it (the file's length): a damaged size is an error, not a huge allocation */
        Reader(DataInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        Object read() throws IOException {
            byte tag = in.readByte();
            switch (tag) {
                case NULL:
                    return null;
                case STRING:
                case STRING_REF:
                    return string(tag);
                case INT:
                    return in.readInt();
                case LONG:
                    return in.readLong();
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case DOUBLE:
                    return in.readDouble();
                case DATE:
                    return LocalDate.ofEpochDay(in.readLong());
                case ENUM:
                    return enumValue(string(in.readByte()), string(in.readByte()));
                case RECORD:
                    return record(string(in.readByte()));
                case LIST: {
                    int size = size();
                    List<Object> list = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        list.add(read());
                    }
                    return Collections.unmodifiableList(list);
                }
                case MAP: {
                    int size = size();
                    Map<Object, Object> map = new LinkedHashMap<>(size * 4 / 3 + 1);
                    for (int i = 0; i < size; i++) {
                        Object key = read();
                        map.put(key, read());
                    }
                    return Collections.unmodifiableMap(map);
                }
                case SET: {
                    int size = size();
                    Set<Object> set = new LinkedHashSet<>(size * 4 / 3 + 1);
                    for (int i = 0; i < size; i++) {
                        set.add(read());
                    }
                    return Collections.unmodifiableSet(set);
                }
                default:
                    throw new CodecException("unknown tag " + tag);
            }
        }

        /** The next value, which must be a {@code type} (or null). */
        <T> T read(Class<T> type) throws IOException {
            Object value = read();
            if (value != null && !type.isInstance(value)) {
                throw new CodecException("expected a " + type.getName() + ", found a " + value.getClass().getName());
            }
            return type.cast(value);
        }

        private int size() throws IOException {
            int size = in.readInt();
            if (size < 0 || size > limit) {
                throw new CodecException("size " + size + " past the end");
            }
            return size;
        }

        private String string(byte tag) throws IOException {
            if (tag == STRING_REF) {
                int index = in.readInt();
                if (index < 0 || index >= strings.size()) {
                    throw new CodecException("string reference " + index + " out of range");
                }
                return strings.get(index);
            }
            if (tag != STRING) {
                throw new CodecException("expected a string, found tag " + tag);
            }
            byte[] bytes = new byte[size()];
            in.readFully(bytes);
            String s = new String(bytes, StandardCharsets.UTF_8);
            strings.add(s);
            return s;
        }

        private Object enumValue(String typeName, String name) throws IOException {
            Class<?> type = ownClass(typeName);
            if (!type.isEnum()) {
                throw new CodecException("not an enum: " + typeName);
            }
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(name)) {
                    return constant;
                }
            }
            throw new CodecException("no " + name + " in " + typeName);
        }

        private Object record(String typeName) throws IOException {
            Shape shape = shapes.get(typeName);
            if (shape == null) {
                shape = Shape.of(ownClass(typeName));
                shapes.put(typeName, shape);
            }
            Object[] arguments = new Object[shape.accessors().length];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = read();
            }
            try {
                return shape.canonical().newInstance(arguments);
            } catch (InstantiationException | IllegalAccessException | IllegalArgumentException | InvocationTargetException e) {
                throw new CodecException("cannot make a " + typeName + " again", e);
            }
        }

        private static Class<?> ownClass(String name) throws CodecException {
            if (!name.startsWith(OWN_PACKAGE)) {
                throw new CodecException("not a class of " + OWN_PACKAGE + "*: " + name);
            }
            try {
                return Class.forName(name, false, RecordCodec.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new CodecException("no class " + name, e);
            }
        }
    }
}
