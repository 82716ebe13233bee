package jp.lgwan.routerconfig.change;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import jp.lgwan.routerconfig.change.NotificationItem.Change;
import jp.lgwan.routerconfig.change.NotificationItem.Kind;
import jp.lgwan.routerconfig.change.OrganizationChanges.FieldChange;
import jp.lgwan.routerconfig.inventory.AccessLine;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.Organization;

/**
 * The rule that a change notification says what its revision does: the router settings are changed
 * 「LGWAN変更届出に記載された情報に基づき」 (based on what the notification states), so a notification whose
 * items name changes its revision does not make, or whose revision changes what no item names, is
 * refused until an operator accepts it with a reason. Each item kind names the inventory changes it
 * stands for ({@link Kind#names()}, {@link Kind#covers}); a line speed item also carries the values the
 * form asks for (変更後の回線速度, and the termination device's mode the carrier confirmed).
 */
public final class ItemsMatchRevision {

    private ItemsMatchRevision() {
    }

    /** Every way {@code items} and the changes from {@code before} to {@code after} disagree, one sentence each; empty when they match. */
    public static List<String> mismatches(List<NotificationItem> items, Organization before, Organization after) {
        List<FieldChange> changes = OrganizationChanges.between(before, after);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            NotificationItem item = items.get(i);
            String which = "items[" + i + "] (" + item.kind() + ")";
            if (!item.kind().names().isEmpty() && changes.stream().noneMatch(c -> item.kind().names().contains(c.change()) && onLine(item, c))) {
                mismatches.add(which + ": the revision changes nothing it stands for (" + names(item.kind())
                        + (item.accessLine() == null ? "" : " of access line " + item.accessLine()) + ")");
            }
            if (item.kind() == Kind.ACCESS_LINE_SPEED) {
                speedValues(which, item, changes, after).ifPresent(mismatches::add);
            }
        }
        for (FieldChange change : changes) {
            if (items.stream().noneMatch(item -> item.kind().covers(change.change()))) {
                mismatches.add(change.describe() + " is changed, but no item names it (" + kindsCovering(change.change()) + ")");
            }
        }
        return mismatches;
    }

    /**
     * A speed item states the bandwidth after the change and the termination device's mode the carrier confirmed
     * (「回線事業者に回線終端装置等の設定を確認するとともに、LGWAN接続ルータの設定変更の有無についてもあらかじめ確認します」):
     * the revision must have both. A speed change whose device mode nobody confirmed is what let a change that
     * forgot the device's new mode through as long as router and device still agreed with each other.
     */
    private static Optional<String> speedValues(String which, NotificationItem item, List<FieldChange> changes, Organization after) {
        List<String> changed = changes.stream().filter(c -> c.change() == Change.LINE_SPEED).map(FieldChange::accessLine).distinct().toList();
        String lineId = item.accessLine() != null ? item.accessLine() : changed.size() == 1 ? changed.get(0) : null;
        if (lineId == null) {
            return Optional.of(which + ": name the access line whose speed changes (access_line)");
        }
        AccessLine line = after.accessLines().stream().filter(l -> lineId.equals(l.id())).findFirst().orElse(null);
        if (line == null) {
            return Optional.of(which + ": " + after.code() + " has no access line " + lineId + " at the notification's revision");
        }
        if (item.bandwidthMbps() != null && !item.bandwidthMbps().equals(line.bandwidthMbps())) {
            return Optional.of(which + ": bandwidth_mbps " + item.bandwidthMbps() + " is filed, but access line " + lineId + " has "
                    + line.bandwidthMbps() + " Mbps at the revision");
        }
        if (item.terminationDeviceMode() == null) {
            return Optional.of(which + ": say the termination device's mode after the change (termination_device_mode), as the carrier"
                    + " confirmed it; the router's WAN port must run the same");
        }
        InterfaceMode confirmed = InterfaceMode.parse(item.terminationDeviceMode());
        InterfaceMode device = line.terminationDevice() == null ? null : line.terminationDevice().mode();
        if (!confirmed.equals(device)) {
            return Optional.of(which + ": the carrier confirmed termination device mode " + confirmed + ", but access line " + lineId
                    + "'s termination device runs " + device + " at the revision");
        }
        return Optional.empty();
    }

    private static boolean onLine(NotificationItem item, FieldChange change) {
        return item.accessLine() == null || change.accessLine() == null || item.accessLine().equals(change.accessLine());
    }

    private static String names(Kind kind) {
        return String.join(", ", kind.names().stream().map(c -> c.name().toLowerCase().replace('_', ' ')).sorted().toList());
    }

    private static String kindsCovering(Change change) {
        List<String> kinds = Arrays.stream(Kind.values()).filter(k -> k.covers(change)).map(Kind::name).toList();
        return (kinds.size() == 1 ? "" : "one of ") + String.join(", ", kinds) + " would";
    }
}
