package jp.lgwan.routerconfig.inventory.load;

import java.util.List;
import java.util.Map;

/**
 * A parsed YAML node with its position (1-based line and column), as read by {@link SafeYamlReader}.
 * Scalars stay text: the binder decides their type from the record field, so {@code 011002} stays
 * a code and {@code no} stays a word (no YAML 1.1 octal or boolean surprises).
 */
public sealed interface YamlNode {

    int line();

    int column();

    /** How many nodes this one stands for once every alias is expanded. */
    long weight();

    record Scalar(String value, boolean plain, int line, int column) implements YamlNode {
        public boolean isNull() {
            return plain && (value.isEmpty() || value.equals("~") || value.equals("null") || value.equals("Null") || value.equals("NULL"));
        }

        @Override
        public long weight() {
            return 1;
        }
    }

    record Entry(String key, int keyLine, int keyColumn, YamlNode value) {
    }

    record Mapping(Map<String, Entry> entries, int line, int column, long weight) implements YamlNode {
    }

    record Sequence(List<YamlNode> items, int line, int column, long weight) implements YamlNode {
    }
}
