package jp.lgwan.routerconfig.render;

import java.util.Objects;

/**
 * How risky a router's config change is, judged from the vendor-neutral models on both sides, so
 * every vendor is judged alike: what touches the access line or the WAN's mode or address needs a
 * planned-outage window (計画停止); a routing change can disrupt traffic; the rest (descriptions,
 * banner, SNMP, NTP, syslog) is safe. A change of text alone (a template change) counts as
 * disruptive until a person says otherwise. It compares the {@link RouterModel}'s fields, never the
 * templates' map tree: renaming a template key cannot change what counts as risk.
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
    public static ChangeRisk of(RouterModel base, RouterModel head, boolean textChanged) {
        if (base == null || head == null) {
            return NEEDS_OUTAGE;
        }
        if (!textChanged && base.equals(head)) {
            return NONE;
        }
        RouterModel.Interface baseWan = base.wan();
        RouterModel.Interface headWan = head.wan();
        if (!Objects.equals(baseWan.mode(), headWan.mode()) || !Objects.equals(baseWan.name(), headWan.name())
                || !Objects.equals(onTheWire(base.line()), onTheWire(head.line()))) {
            return NEEDS_OUTAGE;
        }
        if (!Objects.equals(base.routes(), head.routes()) || !Objects.equals(baseWan.address(), headWan.address())
                || !Objects.equals(base.line().gateway(), head.line().gateway())) {
            return DISRUPTIVE;
        }
        if (!base.equals(head)) {
            return SAFE;
        }
        return textChanged ? DISRUPTIVE : NONE;
    }

    /** The line itself: its id and the carrier's name change nothing on the wire, its gateway is routing. */
    private static RouterModel.Line onTheWire(RouterModel.Line line) {
        return new RouterModel.Line(null, line.kind(), line.product(), null, line.bandwidthMbps(), line.reaches(), null, line.device());
    }
}
