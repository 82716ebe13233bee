package jp.lgwan.routerconfig.inventory.load;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each inventory record and each of its fields came from, kept beside the records so the
 * records themselves stay plain data. Keyed by identity: two equal records from two files are two
 * places. Kept small (one slot per record component, YAML paths built only when asked for), since
 * a national fleet has millions of fields.
 */
public final class SourceLocations {

    /** A place in a file; its YAML path, e.g. {@code routers[0].interfaces[1].mode}, is built on demand. */
    public static final class Location {
        private final String file;
        private final int line;
        private final int column;
        private final Location parent;
        private final String key;
        private final int index;

        private Location(String file, int line, int column, Location parent, String key, int index) {
            this.file = file;
            this.line = line;
            this.column = column;
            this.parent = parent;
            this.key = key;
            this.index = index;
        }

        /** The top of a file. */
        public static Location root(String file, int line, int column) {
            return new Location(file, line, column, null, null, -1);
        }

        /** Something the path does not reach: a record not read from a file. */
        static Location unknown(String path) {
            return new Location("<unknown>", 0, 0, null, path, -1);
        }

        public Location child(String key, int line, int column) {
            return new Location(file, line, column, this, key, -1);
        }

        public Location element(int index, int line, int column) {
            return new Location(file, line, column, this, null, index);
        }

        public String file() {
            return file;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        Location parent() {
            return parent;
        }

        String key() {
            return key;
        }

        int index() {
            return index;
        }

        public String path() {
            StringBuilder path = new StringBuilder();
            appendPath(path);
            return path.toString();
        }

        private void appendPath(StringBuilder path) {
            if (parent != null) {
                parent.appendPath(path);
            }
            if (index >= 0) {
                path.append('[').append(index).append(']');
            } else if (key != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(key);
            }
        }
    }

    private static final class Origin {
        final Location location;
        final Location[] fields;
        long unreadable;

        Origin(Location location, int components) {
            this.location = location;
            this.fields = new Location[components];
        }
    }

    private static final Map<Class<?>, Map<String, Integer>> COMPONENT_INDEXES = new ConcurrentHashMap<>();

    private final Map<Object, Origin> origins = new IdentityHashMap<>();

    void record(Object record, Location location) {
        origins.put(record, new Origin(location, record.getClass().getRecordComponents().length));
    }

    void field(Object record, int component, Location location) {
        origins.get(record).fields[component] = location;
    }

    /** Marks a field whose value could not be read: it is reported once, by the reader, and rules stay silent about it. */
    void unreadable(Object record, int component) {
        origins.get(record).unreadable |= 1L << component;
    }

    /** Where the record starts; null for a record not read from a file (the parse cache's codec reads this). */
    Location recordLocation(Object record) {
        Origin origin = origins.get(record);
        return origin == null ? null : origin.location;
    }

    /** Where component {@code component} of the record was written; null where it was not. */
    Location fieldLocation(Object record, int component) {
        return origins.get(record).fields[component];
    }

    boolean isUnreadable(Object record, int component) {
        return (origins.get(record).unreadable & (1L << component)) != 0;
    }

    public void addAll(SourceLocations other) {
        origins.putAll(other.origins);
    }

    /** Where the record starts, or an unknown place if it was not read from a file. */
    public Location of(Object record) {
        Origin origin = origins.get(record);
        return origin == null ? Location.unknown("") : origin.location;
    }

    /**
     * Where a field of a record stands: its value if written, else the record itself (a missing
     * field is reported where its record starts), with the field's YAML path either way.
     */
    public Location of(Object record, String component) {
        Origin origin = origins.get(record);
        if (origin == null) {
            return Location.unknown(RecordBinder.yamlKey(component));
        }
        int index = indexOf(record.getClass(), component);
        Location field = index < 0 ? null : origin.fields[index];
        if (field != null) {
            return field;
        }
        Location at = origin.location;
        Location missing = at.child(RecordBinder.yamlKey(component), at.line(), at.column());
        return missing;
    }

    public boolean isUnreadable(Object record, String component) {
        Origin origin = origins.get(record);
        int index = origin == null ? -1 : indexOf(record.getClass(), component);
        return index >= 0 && (origin.unreadable & (1L << index)) != 0;
    }

    private static int indexOf(Class<?> type, String component) {
        return COMPONENT_INDEXES.computeIfAbsent(type, t -> {
            Map<String, Integer> indexes = new HashMap<>();
            RecordComponent[] components = t.getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                indexes.put(components[i].getName(), i);
            }
            return indexes;
        }).getOrDefault(component, -1);
    }
}
