package jp.lgwan.routerconfig.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.lgwan.routerconfig.inventory.AccessLine;
import jp.lgwan.routerconfig.inventory.AccessLineKind;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.inventory.PrefectureNode;

/**
 * What a line switch (a change of an access line's kind, carrier or product, or a new line) needs recorded
 * before its notification may be accepted (see {@link LineSwitchRecord} for the source's words):
 * a line that is (or becomes) a prefecture-WAN line, a coordination with that prefecture WAN's operator;
 * a carrier line whose service the node it reaches does not carry at the base revision (reference
 * data: {@code prefecture_nodes[].carrier_services}), a three-party agreement. A move from the prefecture
 * WAN to a carrier line follows the carrier case, as the source says (「都道府県 WAN の利用を停止し、その他の
 * 回線に切り替える場合の手続きは、「2 その他の回線利用の場合」を確認してください」).
 */
public final class LineSwitchRules {

    /** One record a line switch needs. */
    public record Needed(LineSwitchRecord.Kind kind, String accessLine, String why) {
    }

    private LineSwitchRules() {
    }

    /** The records the switches from {@code before} (at {@code base}, whose reference data says what each node carries) to {@code after} need. */
    public static List<Needed> needed(Inventory base, Organization before, Organization after) {
        Map<String, AccessLine> old = before == null ? Map.of()
                : before.accessLines().stream().collect(Collectors.toMap(AccessLine::id, Function.identity(), (a, b) -> a));
        List<Needed> needed = new ArrayList<>();
        for (AccessLine line : after.accessLines()) {
            AccessLine was = old.get(line.id());
            boolean switched = was == null || was.kind() != line.kind() || !was.carrier().equals(line.carrier()) || !was.product().equals(line.product());
            if (!switched) {
                continue;
            }
            String what = was == null ? "access line " + line.id() + " is new (" + describe(line) + ")"
                    : "access line " + line.id() + " switches from " + describe(was) + " to " + describe(line);
            if (line.kind() == AccessLineKind.PREFECTURE_WAN) {
                needed.add(new Needed(LineSwitchRecord.Kind.PREFECTURE_WAN_COORDINATION, line.id(), what
                        + ": coordinate it first with the operator of " + line.carrier() + " (都道府県WAN運営主体との調整)"));
            } else {
                Optional<PrefectureNode> node = base.prefectureNode(line.reaches());
                if (node.isEmpty() || !node.get().carries(line)) {
                    needed.add(new Needed(LineSwitchRecord.Kind.THREE_PARTY_AGREEMENT, line.id(), what + ": " + line.carrier() + " "
                            + line.product() + " is not yet connected to " + line.reaches() + " at the base revision, so it needs new"
                            + " installation work and a three-party agreement of the organization, the prefecture and the operating body first"));
                }
            }
        }
        return needed;
    }

    /** What of {@code needed} has no record in {@code records}. */
    public static List<Needed> unrecorded(List<Needed> needed, List<LineSwitchRecord> records) {
        return needed.stream().filter(n -> records.stream().noneMatch(r -> r.kind == n.kind() && r.accessLine.equals(n.accessLine()))).toList();
    }

    /** What of {@code needed} has no record in {@code records}, one sentence each. */
    public static List<String> missing(List<Needed> needed, List<LineSwitchRecord> records) {
        return unrecorded(needed, records).stream()
                .map(n -> n.why() + "; record it: POST …/line-switch-records {\"kind\": \"" + n.kind() + "\", \"access_line\": \""
                        + n.accessLine() + "\", …}")
                .toList();
    }

    private static String describe(AccessLine line) {
        return (line.kind() == AccessLineKind.PREFECTURE_WAN ? "prefecture-wan" : "carrier-line") + " " + line.carrier() + " / " + line.product();
    }
}
