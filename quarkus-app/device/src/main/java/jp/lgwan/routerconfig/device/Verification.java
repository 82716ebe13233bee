package jp.lgwan.routerconfig.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.lgwan.routerconfig.inventory.AccessLine;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Duplex;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.RouterInterface;

/**
 * The post-check (疎通試験) of a router, built from inventory facts rather than written per router:
 * its WAN is up, at the intended speed (or at least the contracted bandwidth when auto), at the
 * intended duplex, carrying the rendered description; its error counters do not rise between two
 * polls; and it did not restart unless a restart was expected. Every check keeps what was expected
 * and what was seen.
 */
public final class Verification {

    /** One named check with what was expected and what the router showed. */
    public record Check(String name, boolean passed, String expected, String actual) {
    }

    /** All checks of one router; it passes when every check does. */
    public record Result(String hostname, List<Check> checks) {
        public boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }

        public List<Check> failed() {
            return checks.stream().filter(c -> !c.passed()).toList();
        }
    }

    /** What the inventory intends for a router's WAN. */
    public record IntendedWan(String hostname, String interfaceName, InterfaceMode mode, String description, int bandwidthMbps) {

        public static IntendedWan of(Inventory inventory, ConnectionRouter router) {
            AccessLine line = inventory.ownerOf(router).accessLines().stream().filter(l -> router.hostname().equals(l.router())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(router.hostname() + " has no access line"));
            RouterInterface wan = router.interfaceNamed(line.routerInterface());
            return new IntendedWan(router.hostname(), wan.name(), wan.mode(), wan.description() == null ? "" : wan.description(), line.bandwidthMbps());
        }
    }

    private Verification() {
    }

    /**
     * @param baseline       the pre-check snapshot (事前業務確認), or null when there is none
     * @param first          a poll after the change
     * @param second         a later poll, to see counters move
     * @param restartExpected whether the router was expected to restart (a power-cut window)
     */
    public static Result of(IntendedWan intended, RouterSnapshot baseline, RouterSnapshot first, RouterSnapshot second, boolean restartExpected) {
        List<Check> checks = new ArrayList<>();
        Optional<RouterSnapshot.InterfaceStatus> now = second.interfaceNamed(intended.interfaceName());
        Optional<RouterSnapshot.InterfaceStatus> before = first.interfaceNamed(intended.interfaceName());
        if (now.isEmpty()) {
            checks.add(new Check("wan-present", false, intended.interfaceName(), "no such interface in ifTable/ifXTable"));
            return new Result(intended.hostname(), checks);
        }
        RouterSnapshot.InterfaceStatus wan = now.get();
        checks.add(new Check("wan-up", wan.adminUp() && wan.operUp(), "admin up, oper up",
                "admin " + (wan.adminUp() ? "up" : "down") + ", oper " + (wan.operUp() ? "up" : "down")));
        InterfaceMode mode = intended.mode();
        if (mode.auto()) {
            checks.add(new Check("wan-speed", wan.speedMbps() >= intended.bandwidthMbps(), ">= " + intended.bandwidthMbps() + " Mbps (auto)",
                    wan.speedMbps() + " Mbps"));
        } else {
            checks.add(new Check("wan-speed", wan.speedMbps() == mode.speedMbps(), mode.speedMbps() + " Mbps", wan.speedMbps() + " Mbps"));
        }
        RouterSnapshot.Duplex expectedDuplex = mode.auto() || mode.duplex() == Duplex.FULL ? RouterSnapshot.Duplex.FULL : RouterSnapshot.Duplex.HALF;
        checks.add(new Check("wan-duplex", wan.duplex() == expectedDuplex, expectedDuplex.name().toLowerCase(), wan.duplex().name().toLowerCase()));
        checks.add(new Check("wan-description", intended.description().equals(wan.alias()), "ifAlias \"" + intended.description() + "\"",
                "ifAlias \"" + wan.alias() + "\""));
        if (before.isPresent()) {
            long inRise = wan.inErrors() - before.get().inErrors();
            long outRise = wan.outErrors() - before.get().outErrors();
            checks.add(new Check("wan-errors-not-rising", inRise <= 0 && outRise <= 0, "no new ifInErrors/ifOutErrors",
                    "+" + inRise + " in, +" + outRise + " out in " + java.time.Duration.between(first.at(), second.at()).toMillis() + " ms"));
        }
        if (baseline != null) {
            boolean restarted = second.upTimeTicks() < baseline.upTimeTicks();
            checks.add(new Check("restart", restarted == restartExpected, restartExpected ? "restarted (sysUpTime reset)" : "no restart",
                    (restarted ? "restarted" : "no restart") + " (sysUpTime " + baseline.upTimeTicks() + " -> " + second.upTimeTicks() + ")"));
        }
        return new Result(intended.hostname(), checks);
    }
}
