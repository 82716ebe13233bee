package jp.lgwan.routerconfig.render;

import java.util.Map;
import java.util.Objects;

/**
 * How risky a router's config change is, judged from the vendor-neutral models on both sides, so
 * every vendor is judged alike: what touches the access line or the WAN's mode or address needs a
 * planned-outage window (計画停止); a routing change can disrupt traffic; the rest (descriptions,
 * banner, SNMP, NTP, syslog) is safe. A change of text alone (a template change) counts as
 * disruptive until a person says otherwise.
 */
public enum ChangeRisk {
    NONE, SAFE, DISRUPTIVE, NEEDS_OUTAGE;

    /** The value as every output writes it, the CLI's reports and the API alike: {@code NEEDS_OUTAGE}. */
    public String label() {
        return name();
    }

    public ChangeRisk max(ChangeRisk other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * @param base       the model before, null for a router that is new
     * @param head       the model after, null for a router that is removed
     * @param textChanged whether the normalized configs differ
     */
    public static ChangeRisk of(Map<String, Object> base, Map<String, Object> head, boolean textChanged) {
        if (base == null || head == null) {
            return NEEDS_OUTAGE;
        }
        if (!textChanged && base.equals(head)) {
            return NONE;
        }
        Map<?, ?> baseWan = (Map<?, ?>) base.get("wan");
        Map<?, ?> headWan = (Map<?, ?>) head.get("wan");
        Map<?, ?> baseLine = withoutDescriptiveFields((Map<?, ?>) base.get("line"));
        Map<?, ?> headLine = withoutDescriptiveFields((Map<?, ?>) head.get("line"));
        if (!Objects.equals(baseWan.get("mode"), headWan.get("mode")) || !Objects.equals(baseWan.get("name"), headWan.get("name"))
                || !Objects.equals(baseLine, headLine)) {
            return NEEDS_OUTAGE;
        }
        if (!Objects.equals(base.get("routes"), head.get("routes")) || !Objects.equals(baseWan.get("address"), headWan.get("address"))
                || !Objects.equals(((Map<?, ?>) base.get("line")).get("gateway"), ((Map<?, ?>) head.get("line")).get("gateway"))) {
            return DISRUPTIVE;
        }
        if (!base.equals(head)) {
            return SAFE;
        }
        return textChanged ? DISRUPTIVE : NONE;
    }

    /** The line itself: its id and the carrier's name change nothing on the wire, its gateway is routing. */
    private static Map<?, ?> withoutDescriptiveFields(Map<?, ?> line) {
        Map<Object, Object> copy = new java.util.LinkedHashMap<>(line);
        copy.remove("id");
        copy.remove("carrier");
        copy.remove("gateway");
        return copy;
    }
}
