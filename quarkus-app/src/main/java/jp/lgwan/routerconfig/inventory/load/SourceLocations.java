package jp.lgwan.routerconfig.inventory.load;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where each inventory record and each of its fields came from, kept beside the records so the
 * records themselves stay plain data. Keyed by identity: two equal records from two files are two
 * places.
 */
public final class SourceLocations {

    /** A place in a file, with the YAML path of what stands there, e.g. {@code routers[0].interfaces[1].mode}. */
    public record Location(String file, int line, int column, String path) {
        public Location child(String key, int line, int column) {
            return new Location(file, line, column, path.isEmpty() ? key : path + "." + key);
        }
    }

    private static final class Origin {
        final Location location;
        final Map<String, Location> fields = new HashMap<>();
        final Set<String> unreadable = new HashSet<>();

        Origin(Location location) {
            this.location = location;
        }
    }

    private final Map<Object, Origin> origins = new IdentityHashMap<>();

    void record(Object record, Location location) {
        origins.put(record, new Origin(location));
    }

    void field(Object record, String component, Location location) {
        origins.get(record).fields.put(component, location);
    }

    /** Marks a field whose value could not be read: it is reported once, by the reader, and rules stay silent about it. */
    void unreadable(Object record, String component) {
        origins.get(record).unreadable.add(component);
    }

    public void addAll(SourceLocations other) {
        origins.putAll(other.origins);
    }

    /** Where the record starts, or an unknown place if it was not read from a file. */
    public Location of(Object record) {
        Origin origin = origins.get(record);
        return origin == null ? new Location("<unknown>", 0, 0, "") : origin.location;
    }

    /**
     * Where a field of a record stands: its value if written, else the record itself (a missing
     * field is reported where its record starts), with the field's YAML path either way.
     */
    public Location of(Object record, String component) {
        Origin origin = origins.get(record);
        if (origin == null) {
            return new Location("<unknown>", 0, 0, RecordBinder.yamlKey(component));
        }
        Location field = origin.fields.get(component);
        if (field != null) {
            return field;
        }
        Location at = origin.location;
        return new Location(at.file(), at.line(), at.column(), at.path().isEmpty()
                ? RecordBinder.yamlKey(component) : at.path() + "." + RecordBinder.yamlKey(component));
    }

    public boolean isUnreadable(Object record, String component) {
        Origin origin = origins.get(record);
        return origin != null && origin.unreadable.contains(component);
    }
}
