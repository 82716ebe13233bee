package jp.lgwan.routerconfig.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The host settings of a rendered config: the lines a dialect keeps although the device treats them
 * as comments ({@link Dialect#keptComments()}: FRR's {@code ! host:} lines for link mode, shaping,
 * NTP, syslog, snmpd, the management filter and the vtysh banner). The driver never types them, so
 * a push cannot reach them: what a change does to them is handed over, and the router's push never
 * ends CONFIRMED or ALREADY_COMPLIANT while such a change is pending.
 */
public final class HostSettings {

    private HostSettings() {
    }

    /** The host lines of {@code config} in the dialect, stripped, in order, each once. */
    public static List<String> of(Dialect dialect, String config) {
        Set<String> lines = new LinkedHashSet<>();
        if (config != null && !dialect.keptComments().isEmpty()) {
            config.lines().map(String::strip).filter(line -> dialect.keptComments().stream().anyMatch(line::startsWith)).forEach(lines::add);
        }
        return List.copyOf(lines);
    }

    /**
     * What a change from {@code before} to {@code after} does to the host settings: {@code - LINE} for
     * each host line it drops, then {@code + LINE} for each it adds; empty when they are the same.
     * With no {@code before} (a router never pushed), every host line of {@code after} is new.
     */
    public static List<String> changes(Dialect dialect, String before, String after) {
        List<String> old = of(dialect, before);
        List<String> now = of(dialect, after);
        List<String> changes = new ArrayList<>();
        old.stream().filter(line -> !now.contains(line)).forEach(line -> changes.add("- " + line));
        now.stream().filter(line -> !old.contains(line)).forEach(line -> changes.add("+ " + line));
        return changes;
    }

    /** Why a router ends HOST_PENDING: what was done, and the host lines left to apply. */
    public static String pendingReason(String done, List<String> changes) {
        return done + "; host settings not applied (apply them on the router's host): " + String.join("; ", changes);
    }
}
