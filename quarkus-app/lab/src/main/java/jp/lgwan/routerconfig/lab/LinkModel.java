package jp.lgwan.routerconfig.lab;

import jp.lgwan.routerconfig.inventory.Duplex;
import jp.lgwan.routerconfig.inventory.InterfaceMode;

/**
 * What an Ethernet link between a router port and its termination device does for a pair of
 * interface modes (通信モード), the way real PHYs behave:
 * <ul>
 * <li>both auto: up at the lower of the two ports' fastest speeds, full duplex;</li>
 * <li>both fixed, same speed and duplex: up as set;</li>
 * <li>one auto, one fixed: the auto side senses the speed (parallel detection) but, hearing no
 *     negotiation, falls back to half duplex — the classic duplex mismatch: the link is up, and
 *     errors rise on the half-duplex side whenever the full-duplex side sends;</li>
 * <li>fixed at different speeds: no link.</li>
 * </ul>
 */
public record LinkModel(boolean up, int speedMbps, Duplex duplex, boolean mismatched) {

    public static LinkModel between(InterfaceMode router, InterfaceMode device, int routerMaxSpeedMbps) {
        if (router.auto() && device.auto()) {
            return new LinkModel(true, routerMaxSpeedMbps, Duplex.FULL, false);
        }
        if (!router.auto() && !device.auto()) {
            if (router.speedMbps() != device.speedMbps()) {
                return new LinkModel(false, 0, null, true);
            }
            return new LinkModel(true, router.speedMbps(), router.duplex(), router.duplex() != device.duplex());
        }
        InterfaceMode fixed = router.auto() ? device : router;
        // the router's own duplex: half when it is the auto side, as set when it is the fixed side
        Duplex routerDuplex = router.auto() ? Duplex.HALF : router.duplex();
        return new LinkModel(true, fixed.speedMbps(), routerDuplex, fixed.duplex() == Duplex.FULL);
    }
}
