package jp.lgwan.routerconfig.inventory.load;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.lgwan.routerconfig.inventory.Finding;

/**
 * A {@link ParsedFile} as bytes and back, for the parse cache: the record tree walked by its record
 * components (as {@link RecordBinder} builds it), with each record's and field's line and column,
 * the fields that could not be read, and the file's findings. The file's name is not written: an
 * entry is keyed by content, and the same content may sit under two names. Decoding rebuilds the
 * records through their canonical constructors and the same {@link SourceLocations} the binder would
 * have made; a shape it cannot write (a record not placed where the binder places it) is refused at
 * encoding, so such a file is simply not cached.
 */
final class ParsedFileCodec {

    /** The layout below; a change to it is a change of build as well, this only guards hand-made entries. */
    static final int FORMAT = 1;

    private static final int HAS_LOCATION = 1;
    private static final int NON_NULL = 2;
    private static final int UNREADABLE = 4;

    private ParsedFileCodec() {
    }

    /** Thrown when a file's records have a shape the codec does not write; the file is then not cached. */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /** Thrown when an entry's bytes do not decode: a corrupt entry, ignored and rebuilt. */
    static final class Corrupt extends Exception {
        Corrupt(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    static byte[] encode(ParsedFile file, Class<?> type, String display) throws Unsupported {
        Writer out = new Writer();
        out.varint(FORMAT);
        out.varint(file.findings().size());
        for (Finding f : file.findings()) {
            if (!f.file().equals(display)) {
                throw new Unsupported("a finding names another file: " + f.file());
            }
            out.varint(f.severity().ordinal());
            out.varint(f.line());
            out.varint(f.column());
            out.string(f.ruleId());
            out.string(f.field());
            out.string(f.message());
        }
        if (file.value() == null) {
            out.varint(0);
            return out.bytes();
        }
        SourceLocations.Location root = file.locations().recordLocation(file.value());
        if (root == null || root.parent() != null || root.key() != null || root.index() >= 0 || !root.file().equals(display)) {
            throw new Unsupported("the file's record does not start at the top of the file");
        }
        out.varint(1);
        out.varint(root.line());
        out.varint(root.column());
        new Encoder(out, file.locations()).record(file.value(), type, root);
        return out.bytes();
    }

    static ParsedFile decode(byte[] bytes, int offset, int length, Class<?> type, String display) throws Corrupt {
        try {
            Reader in = new Reader(bytes, offset, length);
            if (in.varint() != FORMAT) {
                throw new IllegalArgumentException("unknown format");
            }
            int count = in.varint();
            List<Finding> findings = new ArrayList<>(Math.min(count, 1024));
            Finding.Severity[] severities = Finding.Severity.values();
            for (int i = 0; i < count; i++) {
                Finding.Severity severity = severities[in.varint()];
                int line = in.varint();
                int column = in.varint();
                findings.add(new Finding(severity, display, line, column, in.string(), in.string(), in.string()));
            }
            SourceLocations locations = new SourceLocations();
            Object value = null;
            if (in.varint() == 1) {
                SourceLocations.Location root = SourceLocations.Location.root(display, in.varint(), in.varint());
                value = new Decoder(in, locations).record(type, root);
            }
            if (!in.atEnd()) {
                throw new IllegalArgumentException("bytes after the entry's end");
            }
            return new ParsedFile(value, locations, List.copyOf(findings));
        } catch (RuntimeException | ReflectiveOperationException e) {
            throw new Corrupt("cannot decode: " + e, e);
        }
    }

    private record Encoder(Writer out, SourceLocations locations) {

        /** A record with its location ({@code at}), or without one ({@code at} null: a value its constructor supplied). */
        void record(Object record, Class<?> type, SourceLocations.Location at) throws Unsupported {
            RecordBinder.RecordShape shape = RecordBinder.shape(type);
            if (record.getClass() != type) {
                throw new Unsupported(type + " holds a " + record.getClass());
            }
            RecordComponent[] components = shape.components();
            for (int i = 0; i < components.length; i++) {
                Object value = accessor(components[i], record);
                SourceLocations.Location field = at == null ? null : locations.fieldLocation(record, i);
                boolean unreadable = at != null && locations.isUnreadable(record, i);
                out.varint((field != null ? HAS_LOCATION : 0) | (value != null ? NON_NULL : 0) | (unreadable ? UNREADABLE : 0));
                if (field != null) {
                    if (field.parent() != at || field.index() >= 0 || !RecordBinder.yamlKey(components[i].getName()).equals(field.key())) {
                        throw new Unsupported("field " + components[i].getName() + " is not where the binder places it");
                    }
                    out.varint(field.line());
                    out.varint(field.column());
                }
                if (value != null) {
                    value(value, components[i].getGenericType(), field);
                }
            }
        }

        private void value(Object value, Type type, SourceLocations.Location field) throws Unsupported {
            if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
                Type elementType = parameterized.getActualTypeArguments()[0];
                List<?> list = (List<?>) value;
                out.varint(list.size());
                for (Object element : list) {
                    if (element == null) {
                        throw new Unsupported("a null in a list");
                    }
                    if (isRecord(elementType)) {
                        SourceLocations.Location item = locations.recordLocation(element);
                        if (item == null) {
                            out.varint(0);
                        } else {
                            if (field == null || item.parent() != field || item.index() < 0) {
                                throw new Unsupported("a list item is not where the binder places it");
                            }
                            out.varint(1);
                            out.varint(item.index());
                            out.varint(item.line());
                            out.varint(item.column());
                        }
                        record(element, (Class<?>) elementType, item);
                    } else {
                        value(element, elementType, null);
                    }
                }
                return;
            }
            if (!(type instanceof Class<?> raw)) {
                throw new Unsupported("no codec for " + type);
            }
            if (isRecord(raw)) {
                SourceLocations.Location at = locations.recordLocation(value);
                if (at != null && at != field) {
                    throw new Unsupported("a record is not where the binder places it");
                }
                out.varint(at == null ? 0 : 1);
                record(value, raw, at);
            } else if (raw.isEnum()) {
                out.varint(((Enum<?>) value).ordinal());
            } else if (raw == String.class) {
                out.string((String) value);
            } else if (RecordBinder.isScalar(raw)) {
                // the scalar's own text, read back by the binder's parser: only where that gives the same value
                String text = String.valueOf(value);
                if (!value.equals(RecordBinder.parseScalar(raw, text))) {
                    throw new Unsupported(raw.getSimpleName() + " " + text + " does not read back as itself");
                }
                out.string(text);
            } else {
                throw new Unsupported("no codec for " + raw);
            }
        }

        private static Object accessor(RecordComponent component, Object record) throws Unsupported {
            try {
                return component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new Unsupported("cannot read " + component.getName() + ": " + e);
            }
        }
    }

    private record Decoder(Reader in, SourceLocations locations) {

        Object record(Class<?> type, SourceLocations.Location at) throws ReflectiveOperationException {
            RecordBinder.RecordShape shape = RecordBinder.shape(type);
            RecordComponent[] components = shape.components();
            Object[] values = new Object[components.length];
            SourceLocations.Location[] fields = new SourceLocations.Location[components.length];
            long unreadable = 0;
            for (int i = 0; i < components.length; i++) {
                int flags = in.varint();
                if ((flags & HAS_LOCATION) != 0) {
                    fields[i] = at.child(RecordBinder.yamlKey(components[i].getName()), in.varint(), in.varint());
                }
                if ((flags & UNREADABLE) != 0) {
                    unreadable |= 1L << i;
                }
                if ((flags & NON_NULL) != 0) {
                    values[i] = value(components[i].getGenericType(), fields[i]);
                }
            }
            Object record;
            try {
                record = shape.constructor().newInstance(values);
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException("the record does not construct: " + e.getCause(), e);
            }
            if (at != null) {
                locations.record(record, at);
                for (int i = 0; i < fields.length; i++) {
                    if (fields[i] != null) {
                        locations.field(record, i, fields[i]);
                    }
                    if ((unreadable & (1L << i)) != 0) {
                        locations.unreadable(record, i);
                    }
                }
            }
            return record;
        }

        private Object value(Type type, SourceLocations.Location field) throws ReflectiveOperationException {
            if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
                Type elementType = parameterized.getActualTypeArguments()[0];
                int size = in.varint();
                List<Object> list = new ArrayList<>(Math.min(size, 4096));
                for (int i = 0; i < size; i++) {
                    if (isRecord(elementType)) {
                        SourceLocations.Location item = in.varint() == 1 ? field.element(in.varint(), in.varint(), in.varint()) : null;
                        list.add(record((Class<?>) elementType, item));
                    } else {
                        list.add(value(elementType, null));
                    }
                }
                return list;
            }
            Class<?> raw = (Class<?>) type;
            if (isRecord(raw)) {
                return record(raw, in.varint() == 1 ? java.util.Objects.requireNonNull(field, "a located record in an unlocated field") : null);
            }
            if (raw.isEnum()) {
                return raw.getEnumConstants()[in.varint()];
            }
            if (raw == String.class) {
                return in.string();
            }
            return RecordBinder.parseScalar(raw, in.string());
        }
    }

    private static boolean isRecord(Type type) {
        return type instanceof Class<?> c && c.isRecord() && !RecordBinder.isScalar(c);
    }

    /** Unsigned LEB128 integers and UTF-8 strings with their length. */
    private static final class Writer {
        private byte[] bytes = new byte[1024];
        private int size;

        void varint(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("negative: " + value);
            }
            ensure(5);
            while ((value & ~0x7f) != 0) {
                bytes[size++] = (byte) ((value & 0x7f) | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
        }

        void string(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private final int end;
        private int at;

        Reader(byte[] bytes, int offset, int length) {
            this.bytes = bytes;
            this.at = offset;
            this.end = offset + length;
        }

        int varint() {
            int value = 0;
            for (int shift = 0; shift < 32; shift += 7) {
                byte b = next();
                value |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    if (value < 0) {
                        throw new IllegalArgumentException("negative varint");
                    }
                    return value;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        String string() {
            int length = varint();
            if (length > end - at) {
                throw new IllegalArgumentException("string past the entry's end");
            }
            String text = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return text;
        }

        private byte next() {
            if (at >= end) {
                throw new IllegalArgumentException("past the entry's end");
            }
            return bytes[at++];
        }

        boolean atEnd() {
            return at == end;
        }
    }
}
