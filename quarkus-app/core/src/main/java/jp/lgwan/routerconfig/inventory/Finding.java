package jp.lgwan.routerconfig.inventory;

/**
 * One problem found in the inventory, pinned to a file, line and column, and named by the rule
 * that found it.
 *
 * @param field the YAML path of the field, e.g. {@code routers[0].interfaces[1].description}; empty for the whole file
 */
public record Finding(Severity severity, String file, int line, int column, String ruleId, String field, String message) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:LINE:COL: rule-id: field: message}, with {@code warning: } before the field for warnings. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + ruleId + ": "
                + (severity == Severity.WARNING ? "warning: " : "")
                + (field.isEmpty() ? "" : field + ": ") + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
