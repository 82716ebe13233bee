package jp.lgwan.routerconfig.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.lgwan.routerconfig.inventory.AccessLine;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Duplex;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.RouterInterface;
import jp.lgwan.routerconfig.inventory.SnmpCapabilities;
import jp.lgwan.routerconfig.inventory.SnmpObject;
import jp.lgwan.routerconfig.render.Dialect;

/**
 * The post-check (疎通試験) of a router, built from inventory facts rather than written per router:
 * its WAN is up, at the intended speed (or at least the contracted bandwidth when auto), at the
 * intended duplex, carrying the rendered description; its error counters do not rise between two
 * polls; and it did not restart unless a restart was expected. Each fact is read where the
 * platform has it: over SNMP where its vendor profile says the agent exposes the object, else from
 * the CLI (when the dialect says how), and every check names the source it read.
 */
public final class Verification {

    /** TimeTicks are 32 bits: sysUpTime and hrSystemUptime wrap to 0 after 497 days. */
    static final long TICKS_WRAP = 1L << 32;

    /**
     * One named check with what was expected, what the router showed, and where that was read
     * ({@code snmp ifAlias 1.3.6.1.2.1.31.1.1.1.18}, {@code cli show status lan2}).
     */
    public record Check(String name, boolean passed, String expected, String actual, String source) {
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

    /**
     * What the inventory intends for a router's WAN, and what its platform's SNMP agent exposes to check it with.
     *
     * @param reaches        the id of the prefecture node or prefecture-WAN access point the router's line reaches
     *                       (reference data); null where unknown
     * @param reachedAddress that node's or access point's LGWAN-side address, which the connectivity test pings from the
     *                       router; null where unknown
     */
    public record IntendedWan(String hostname, String interfaceName, InterfaceMode mode, String description, int bandwidthMbps,
                              SnmpCapabilities snmp, String reaches, String reachedAddress) {

        /** A WAN whose far end is not known (nothing to ping). */
        public IntendedWan(String hostname, String interfaceName, InterfaceMode mode, String description, int bandwidthMbps, SnmpCapabilities snmp) {
            this(hostname, interfaceName, mode, description, bandwidthMbps, snmp, null, null);
        }

        public static IntendedWan of(Inventory inventory, ConnectionRouter router) {
            AccessLine line = inventory.accessLineOf(router).orElseThrow(() -> new IllegalArgumentException(router.hostname() + " has no access line"));
            RouterInterface wan = inventory.wanOf(router).orElseThrow();
            // a prefecture-WAN line reaches an access point, a carrier line a prefecture node: ids are unique across both
            String address = inventory.accessPoint(line.reaches()).map(a -> a.address().toString())
                    .or(() -> inventory.prefectureNode(line.reaches()).map(n -> n.address().toString())).orElse(null);
            return new IntendedWan(router.hostname(), wan.name(), wan.mode(), wan.description() == null ? "" : wan.description(), line.bandwidthMbps(),
                    inventory.snmpCapabilities(router), line.reaches(), address);
        }

        /** Whether a check needs the CLI: the platform lacks an object the SNMP side of it would read. */
        public boolean needsCli() {
            return !snmp.exposes(SnmpObject.DOT3_STATS_DUPLEX_STATUS) || !snmp.exposes(SnmpObject.IF_ALIAS) || !snmp.exposes(SnmpObject.IF_HIGH_SPEED);
        }
    }

    private Verification() {
    }

    /** As {@link #of(IntendedWan, RouterSnapshot, RouterSnapshot, RouterSnapshot, boolean, InterfaceFacts)} with nothing read on the CLI. */
    public static Result of(IntendedWan intended, RouterSnapshot baseline, RouterSnapshot first, RouterSnapshot second, boolean restartExpected) {
        return of(intended, baseline, first, second, restartExpected, null);
    }

    /**
     * @param baseline        the pre-check snapshot (事前業務確認), or null when there is none
     * @param first           a poll after the change
     * @param second          a later poll, to see counters move
     * @param restartExpected whether the router was expected to restart (a power-cut window)
     * @param cli             what the CLI showed of the WAN, for the facts the platform does not expose over SNMP; null: nothing read
     */
    public static Result of(IntendedWan intended, RouterSnapshot baseline, RouterSnapshot first, RouterSnapshot second, boolean restartExpected,
                            InterfaceFacts cli) {
        List<Check> checks = new ArrayList<>();
        Optional<RouterSnapshot.InterfaceStatus> now = second.interfaceNamed(intended.interfaceName());
        if (!present(intended, second, checks)) {
            return new Result(intended.hostname(), checks);
        }
        RouterSnapshot.InterfaceStatus wan = now.get();
        up(wan, checks);
        speed(intended, wan, cli, checks);
        duplex(intended, wan, cli, checks);
        description(intended, wan, cli, checks);
        errorsNotRising(intended, first, second, checks);
        if (baseline != null) {
            checks.add(restart(baseline, second, restartExpected));
        }
        return new Result(intended.hostname(), checks);
    }

    /**
     * The WAN's health before a change (事前業務確認), read from the same objects the post-check reads:
     * the interface is there, up (admin and oper), and its error counters do not rise between two
     * polls. What a push changes (speed, duplex, description) is not judged here; a router failing
     * one of these has a pre-existing fault a push would be blamed for.
     */
    public static Result wanHealth(IntendedWan intended, RouterSnapshot first, RouterSnapshot second) {
        List<Check> checks = new ArrayList<>();
        if (present(intended, second, checks)) {
            up(second.interfaceNamed(intended.interfaceName()).orElseThrow(), checks);
            errorsNotRising(intended, first, second, checks);
        }
        return new Result(intended.hostname(), checks);
    }

    /**
     * The connectivity test's reachability (疎通試験): the router's own ping of the node or access point its line
     * reaches got at least one reply; the round trip is in the actual value.
     */
    public static Check reachability(IntendedWan intended, Reachability ping) {
        Dialect.PingResult result = ping.result();
        String actual = !result.readable() ? "no ping summary in the answer: " + firstLine(ping.output())
                : result.received() + " of " + result.sent() + " replies" + (result.rttAvgMs() == null ? "" : ", rtt avg " + result.rttAvgMs() + " ms");
        return new Check("reachability", result.reached(), "replies from " + (intended.reaches() == null ? "" : intended.reaches() + " ")
                + ping.address(), actual, cli(ping.command()));
    }

    private static String firstLine(String text) {
        return text.isBlank() ? "(nothing)" : text.strip().lines().findFirst().orElse("");
    }

    /** Whether the WAN interface shows up at all; a failed {@code wan-present} check where it does not. */
    private static boolean present(IntendedWan intended, RouterSnapshot snapshot, List<Check> checks) {
        if (snapshot.interfaceNamed(intended.interfaceName()).isPresent()) {
            return true;
        }
        checks.add(new Check("wan-present", false, intended.interfaceName(), "no such interface in ifTable/ifXTable",
                snmp(intended.snmp().exposes(SnmpObject.IF_NAME) ? "ifName " + SnmpObject.IF_NAME.oid() : "ifDescr " + SnmpProbe.IF_DESCR)));
        return false;
    }

    private static void up(RouterSnapshot.InterfaceStatus wan, List<Check> checks) {
        checks.add(new Check("wan-up", wan.adminUp() && wan.operUp(), "admin up, oper up",
                "admin " + (wan.adminUp() ? "up" : "down") + ", oper " + (wan.operUp() ? "up" : "down"),
                snmp("ifAdminStatus " + SnmpProbe.IF_ADMIN_STATUS + ", ifOperStatus " + SnmpProbe.IF_OPER_STATUS)));
    }

    /** Error counters between two polls; nothing to compare where the first poll lacks the interface. */
    private static void errorsNotRising(IntendedWan intended, RouterSnapshot first, RouterSnapshot second, List<Check> checks) {
        Optional<RouterSnapshot.InterfaceStatus> before = first.interfaceNamed(intended.interfaceName());
        Optional<RouterSnapshot.InterfaceStatus> now = second.interfaceNamed(intended.interfaceName());
        if (before.isEmpty() || now.isEmpty()) {
            return;
        }
        long inRise = now.get().inErrors() - before.get().inErrors();
        long outRise = now.get().outErrors() - before.get().outErrors();
        checks.add(new Check("wan-errors-not-rising", inRise <= 0 && outRise <= 0, "no new ifInErrors/ifOutErrors",
                "+" + inRise + " in, +" + outRise + " out in " + Duration.between(first.at(), second.at()).toMillis() + " ms",
                snmp("ifInErrors " + SnmpProbe.IF_IN_ERRORS + ", ifOutErrors " + SnmpProbe.IF_OUT_ERRORS)));
    }

    private static void speed(IntendedWan intended, RouterSnapshot.InterfaceStatus wan, InterfaceFacts cli, List<Check> checks) {
        boolean fromCli = !intended.snmp().exposes(SnmpObject.IF_HIGH_SPEED) && cli != null;
        long speed = fromCli ? cli.speedMbps() : wan.speedMbps();
        String source = fromCli ? cli(cli.statusCommand())
                : snmp(wan.speedSource().equals("ifHighSpeed") ? "ifHighSpeed " + SnmpObject.IF_HIGH_SPEED.oid() : "ifSpeed " + SnmpProbe.IF_SPEED);
        InterfaceMode mode = intended.mode();
        if (mode.auto()) {
            checks.add(new Check("wan-speed", speed >= intended.bandwidthMbps(), ">= " + intended.bandwidthMbps() + " Mbps (auto)", speed + " Mbps", source));
        } else {
            checks.add(new Check("wan-speed", speed == mode.speedMbps(), mode.speedMbps() + " Mbps", speed + " Mbps", source));
        }
    }

    private static void duplex(IntendedWan intended, RouterSnapshot.InterfaceStatus wan, InterfaceFacts cli, List<Check> checks) {
        InterfaceMode mode = intended.mode();
        RouterSnapshot.Duplex expected = mode.auto() || mode.duplex() == Duplex.FULL ? RouterSnapshot.Duplex.FULL : RouterSnapshot.Duplex.HALF;
        String wanted = expected.name().toLowerCase();
        if (intended.snmp().exposes(SnmpObject.DOT3_STATS_DUPLEX_STATUS) && wan.duplex() != null) {
            checks.add(new Check("wan-duplex", wan.duplex() == expected, wanted, wan.duplex().name().toLowerCase(),
                    snmp("dot3StatsDuplexStatus " + SnmpObject.DOT3_STATS_DUPLEX_STATUS.oid())));
        } else if (cli != null) {
            checks.add(new Check("wan-duplex", cli.duplex() == expected, wanted, cli.duplex().name().toLowerCase(), cli(cli.statusCommand())));
        } else {
            checks.add(new Check("wan-duplex", false, wanted, "not read: the platform exposes no dot3StatsDuplexStatus and its dialect names no CLI"
                    + " command for it", "none"));
        }
    }

    private static void description(IntendedWan intended, RouterSnapshot.InterfaceStatus wan, InterfaceFacts cli, List<Check> checks) {
        String wanted = "\"" + intended.description() + "\"";
        if (intended.snmp().exposes(SnmpObject.IF_ALIAS) && wan.alias() != null) {
            checks.add(new Check("wan-description", intended.description().equals(wan.alias()), "ifAlias " + wanted, "ifAlias \"" + wan.alias() + "\"",
                    snmp("ifAlias " + SnmpObject.IF_ALIAS.oid())));
        } else if (cli != null) {
            checks.add(new Check("wan-description", intended.description().equals(cli.description()), wanted, "\"" + cli.description() + "\"",
                    cli(cli.descriptionFrom())));
        } else {
            checks.add(new Check("wan-description", false, wanted, "not read: the platform exposes no ifAlias and its dialect names no CLI"
                    + " command for it", "none"));
        }
    }

    /**
     * Whether the router (not only its SNMP agent) restarted between the baseline and now: from
     * HOST-RESOURCES-MIB hrSystemUptime where the agent runs on a host (restarting snmpd alone
     * resets its sysUpTime, not the host's uptime), else from the engine's boot counter
     * (snmpEngineBoots, or the SNMPv3 header's) which rises on every restart of the router's own
     * agent, sysUpTime shown beside it; sysUpTime alone only where neither was read (v2c), a
     * 497-day wrap of it not taken for a restart.
     */
    static Check restart(RouterSnapshot baseline, RouterSnapshot now, boolean restartExpected) {
        String expected = restartExpected ? "restarted" : "no restart";
        long elapsed = Duration.between(baseline.at(), now.at()).toMillis() / 10;
        if (baseline.hostUptime() != null && now.hostUptime() != null) {
            boolean restarted = wentBack(baseline.hostUptime().value(), now.hostUptime().value(), elapsed);
            return new Check("restart", restarted == restartExpected, expected, said(restarted) + " (hrSystemUptime " + baseline.hostUptime().value()
                    + " -> " + now.hostUptime().value() + ", sysUpTime " + baseline.upTimeTicks() + " -> " + now.upTimeTicks() + ")",
                    snmp(now.hostUptime().source()));
        }
        boolean sameEngine = baseline.engineId() != null && baseline.engineId().equals(now.engineId());
        if (sameEngine && baseline.engineBoots() != null && now.engineBoots() != null) {
            boolean restarted = now.engineBoots().value() > baseline.engineBoots().value();
            return new Check("restart", restarted == restartExpected, expected, said(restarted) + " (engine boots " + baseline.engineBoots().value()
                    + " -> " + now.engineBoots().value() + ", sysUpTime " + baseline.upTimeTicks() + " -> " + now.upTimeTicks() + ")",
                    snmp(now.engineBoots().source() + ", " + now.sysUpTime().source()));
        }
        boolean restarted = wentBack(baseline.upTimeTicks(), now.upTimeTicks(), elapsed);
        return new Check("restart", restarted == restartExpected, expected, said(restarted) + " (sysUpTime " + baseline.upTimeTicks() + " -> "
                + now.upTimeTicks() + (sameEngine || baseline.engineId() == null ? "" : ", engine id " + baseline.engineId() + " -> " + now.engineId())
                + ")", snmp(now.sysUpTime().source()));
    }

    private static String said(boolean restarted) {
        return restarted ? "restarted" : "no restart";
    }

    /**
     * Whether an uptime counter went back: it is lower than before, and not because it wrapped (the
     * old value plus the time between the polls passing 2^32 and landing near the new one).
     */
    static boolean wentBack(long before, long after, long elapsedTicks) {
        if (after >= before) {
            return false;
        }
        long wrapped = before + elapsedTicks - TICKS_WRAP;
        long tolerance = Math.max(elapsedTicks / 10, 6_000);
        return wrapped < -tolerance || Math.abs(after - wrapped) > tolerance;
    }

    private static String snmp(String what) {
        return "snmp " + what;
    }

    private static String cli(String command) {
        return "cli " + command;
    }
}
