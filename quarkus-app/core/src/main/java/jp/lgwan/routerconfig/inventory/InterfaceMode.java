package jp.lgwan.routerconfig.inventory;

import java.util.Set;

/**
 * The interface communication mode (通信モード) between a router port and the line termination
 * device: auto-negotiation, or a fixed speed with full or half duplex. Written {@code auto} or
 * {@code <speed>-<duplex>} in YAML, e.g. {@code 100-full}.
 */
public record InterfaceMode(boolean auto, int speedMbps, Duplex duplex) {

    public static final Set<Integer> FIXED_SPEEDS = Set.of(10, 100, 1000, 10000);
    public static final InterfaceMode AUTO = new InterfaceMode(true, 0, null);
    public static final String FORMAT = "auto, or SPEED-DUPLEX with SPEED 10, 100, 1000 or 10000 and DUPLEX full or half (e.g. 100-full)";

    public InterfaceMode {
        if (auto && (speedMbps != 0 || duplex != null)) {
            throw new IllegalArgumentException("auto mode has no fixed speed or duplex");
        }
        if (!auto && (!FIXED_SPEEDS.contains(speedMbps) || duplex == null)) {
            throw new IllegalArgumentException("expected " + FORMAT);
        }
    }

    public static InterfaceMode fixed(int speedMbps, Duplex duplex) {
        return new InterfaceMode(false, speedMbps, duplex);
    }

    public static InterfaceMode parse(String text) {
        if ("auto".equals(text)) {
            return AUTO;
        }
        int dash = text.indexOf('-');
        if (dash > 0) {
            String speed = text.substring(0, dash);
            String duplex = text.substring(dash + 1);
            if (speed.length() <= 5 && !speed.isEmpty() && speed.chars().allMatch(c -> c >= '0' && c <= '9') && FIXED_SPEEDS.contains(Integer.parseInt(speed))
                    && (duplex.equals("full") || duplex.equals("half"))) {
                return fixed(Integer.parseInt(speed), Duplex.valueOf(duplex.toUpperCase()));
            }
        }
        throw new IllegalArgumentException("expected " + FORMAT);
    }

    public boolean isHalfDuplex() {
        return duplex == Duplex.HALF;
    }

    @Override
    public String toString() {
        return auto ? "auto" : speedMbps + "-" + duplex.name().toLowerCase();
    }
}
