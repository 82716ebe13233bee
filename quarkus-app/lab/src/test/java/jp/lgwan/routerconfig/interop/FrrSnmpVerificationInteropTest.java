package jp.lgwan.routerconfig.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.lgwan.routerconfig.device.CliRouterDriver;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.RouterDriver;
import jp.lgwan.routerconfig.device.RouterSnapshot;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.render.ConfigDiff;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole push of a sample FRR router against real peers, then its post-check over SNMP: the FRR
 * driver logs in through OpenSSH's sshd (login shell vtysh), backs up, loads the rendered config,
 * commits under the service's watchdog, and confirms once {@link Verification}, built from the
 * inventory's facts, has passed on what our {@link SnmpProbe} read from net-snmp's snmpd on the
 * router's host — with the repository's pass_persist helper making FRR's description and
 * bandwidth visible as ifAlias and ifHighSpeed/ifSpeed. Then what makes the named checks fail,
 * each with the expected and the actual value. CI installs frr, snmpd and openssh-server (.ci/run)
 * and must run this; elsewhere, without them or root, it is skipped with the reason.
 */
class FrrSnmpVerificationInteropTest {

    private static final String AUTH_KEY = "auth-key-for-tests";
    private static final String PRIV_KEY = "priv-key-for-tests";
    private static final Pattern CREATE_USER = Pattern.compile("! host: snmpd createUser (\\S+) SHA-256 .*");
    private static final Pattern ACCESS = Pattern.compile("! host: snmpd access (\\S+) usm priv read (\\S+)");
    private static final Pattern VTYSH_CONF = Pattern.compile("! host: vtysh.conf (banner motd line .*)");
    private static final String SNMP_UP = "snmp ifAdminStatus 1.3.6.1.2.1.2.2.1.7, ifOperStatus 1.3.6.1.2.1.2.2.1.8";
    private static final String SNMP_SPEED = "snmp ifHighSpeed 1.3.6.1.2.1.31.1.1.1.15";
    private static final String SNMP_DUPLEX = "snmp dot3StatsDuplexStatus 1.3.6.1.2.1.10.7.2.1.19";
    private static final String SNMP_ALIAS = "snmp ifAlias 1.3.6.1.2.1.31.1.1.1.18";
    /** How long snmpd may keep showing an interface's old state (its ifTable cache) after the kernel changed it. */
    private static final Duration SNMPD_CACHE = Duration.ofSeconds(15);

    private static Inventory sample;
    private static ConfigRenderer renderer;
    private static Dialect frrDialect;

    @BeforeAll
    static void requirePeers() throws Exception {
        String missing = OpenSshVtysh.missing() != null ? OpenSshVtysh.missing()
                : !Files.isExecutable(FrrInstance.ZEBRA) || !Files.isExecutable(FrrInstance.VTYSH) ? "frr is not installed"
                : FrrHostSnmpd.missing() != null ? FrrHostSnmpd.missing()
                : !"root".equals(System.getProperty("user.name")) ? "sshd, users and namespaces need root" : null;
        if (missing != null) {
            if (System.getenv("CI") != null) {
                fail("CI must run the FRR/SNMP verification interop test, but " + missing + "; .ci/run installs openssh-server, frr and snmpd");
            }
            Assumptions.abort("FRR/SNMP verification interop test skipped: " + missing);
        }
        sample = new InventoryLoader().load(Paths.get("inventory"), TestInventory.AS_OF).inventory();
        renderer = new ConfigRenderer(Paths.get("templates"));
        frrDialect = Dialect.load(Paths.get("templates"), "frr");
    }

    private FrrInstance frr;
    private FrrHostSnmpd snmpd;
    private OpenSshVtysh console;
    private SnmpProbe probe;

    @AfterEach
    void stopPeers() throws Exception {
        for (AutoCloseable peer : new AutoCloseable[] {probe, console, snmpd, frr}) {
            if (peer != null) {
                peer.close();
            }
        }
    }

    /** The sample's FRR router whose WAN mode is {@code auto} or not, as {@code wanAuto} asks. */
    private static ConnectionRouter sampleFrrRouter(boolean wanAuto) {
        List<ConnectionRouter> found = sample.organizations().stream().flatMap(o -> o.routers().stream())
                .filter(r -> r.vendorProfile().equals("frr"))
                .filter(r -> Verification.IntendedWan.of(sample, r).mode().auto() == wanAuto).toList();
        assertFalse(found.isEmpty(), "the sample has an FRR router whose WAN mode is " + (wanAuto ? "auto" : "fixed"));
        return found.get(0);
    }

    /**
     * The router's host as the operator keeps it: the veth pair named like the router's ports,
     * links up, FRR running {@code bootConfig}, snmpd with the user, group and view the rendered
     * config's "! host: snmpd" lines name.
     */
    private SnmpTarget startHost(ConnectionRouter router, String bootConfig) throws Exception {
        return startHost(router, bootConfig, FrrInstance.Supervision.WATCHFRR);
    }

    private SnmpTarget startHost(ConnectionRouter router, String bootConfig, FrrInstance.Supervision supervision) throws Exception {
        Verification.IntendedWan wan = Verification.IntendedWan.of(sample, router);
        assertTrue(List.of("eth0", "eth1").contains(wan.interfaceName()), "the WAN port is one of the veth pair: " + wan.interfaceName());
        frr = FrrInstance.start(router.hostname(), List.of(), supervision);
        for (String port : List.of("eth0", "eth1")) {
            assertEquals(0, frr.host("ip", "link", "set", port, "up").status());
        }
        // a router forwards IPv4 (a host setting, sysctl); the sample's LGWAN is IPv4 only, IPv6 stays as Debian leaves it
        assertEquals(0, frr.host("sysctl", "-q", "-w", "net.ipv4.ip_forward=1").status());
        String rendered = renderer.render(sample, router).text();
        // vtysh.conf as Debian ships it, with the banner the rendered "! host: vtysh.conf" line asks for
        Files.writeString(frr.configDir().resolve("vtysh.conf"), "service integrated-vtysh-config\n" + only(rendered, VTYSH_CONF).group(1) + "\n");
        FrrInstance.Result boot = frr.boot(bootConfig);
        assertEquals(0, boot.status(), boot.output());
        String user = only(rendered, CREATE_USER).group(1);
        Matcher access = only(rendered, ACCESS);
        snmpd = FrrHostSnmpd.start(frr, new FrrHostSnmpd.Access(user, access.group(1), access.group(2)), AUTH_KEY, PRIV_KEY);
        probe = new SnmpProbe();
        return snmpd.target(user, AUTH_KEY, PRIV_KEY);
    }

    /** The rendered config with another WAN description: what the router runs before the push. */
    private static String beforeTheChange(String intended, Verification.IntendedWan wan) {
        String before = intended.replace(" description " + wan.description() + "\n", " description LGWAN access line (before the change)\n");
        assertNotEquals(intended, before, "the WAN description is rendered");
        return before;
    }

    private static Matcher only(String config, Pattern pattern) {
        List<Matcher> found = config.lines().map(pattern::matcher).filter(Matcher::matches).toList();
        assertEquals(1, found.size(), pattern + " in\n" + config);
        return found.get(0);
    }

    @Test
    void theDriverPushesTheRenderedConfigAndSnmpdShowsItAsIntended() throws Exception {
        ConnectionRouter router = sampleFrrRouter(true);
        Verification.IntendedWan wan = Verification.IntendedWan.of(sample, router);
        String intended = renderer.render(sample, router).text();
        // a host without watchfrr: what a save does there is part of this test (FrrProductionPathIT saves through watchfrr)
        SnmpTarget target = startHost(router, beforeTheChange(intended, wan), FrrInstance.Supervision.NONE);
        console = OpenSshVtysh.start(frr);

        // the pre-check (事前業務確認): the router as it was, the description not yet the intended one
        RouterSnapshot baseline = poll(target);
        Verification.Result old = Verification.of(wan, null, baseline, baseline, false);
        assertEquals(List.of(new Verification.Check("wan-description", false, "ifAlias \"" + wan.description() + "\"",
                "ifAlias \"LGWAN access line (before the change)\"", SNMP_ALIAS)), old.failed(), old.toString());

        ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor();
        Verification.Result result;
        try (CliRouterDriver driver = new CliRouterDriver(router.hostname(), console.endpoint(), frrDialect, console.operator(), null, watchdogs)) {
            long start = System.nanoTime();
            driver.open();
            long opened = System.nanoTime();
            String backup = driver.runningConfig();
            long backedUp = System.nanoTime();
            driver.loadCandidate(intended);
            ConfigDiff planned = driver.compare();
            assertTrue(planned.changed(), "the push changes something");
            long loaded = System.nanoTime();
            assertEquals(RouterDriver.Guard.SERVICE_WATCHDOG, driver.commit(Duration.ofSeconds(60)));
            long committed = System.nanoTime();
            RouterSnapshot first = poll(target);
            Thread.sleep(1000);
            RouterSnapshot second = poll(target);
            result = Verification.of(wan, baseline, first, second, false);
            long verified = System.nanoTime();
            assertTrue(result.passed(), result.toString());
            driver.confirm();
            long confirmed = System.nanoTime();
            System.out.printf("%s against OpenSSH+vtysh+FRR and snmpd: open+backup+load+commit+verify+confirm %d ms"
                    + " (open %d, backup %d, load+compare %d, commit %d, verify %d incl. 1000 between the two polls, confirm %d)%n",
                    router.hostname(), ms(start, confirmed), ms(start, opened), ms(opened, backedUp), ms(backedUp, loaded), ms(loaded, committed),
                    ms(committed, verified), ms(verified, confirmed));
            System.out.println(router.hostname() + ": the push changed\n" + planned.unifiedDiff());
            assertTrue(backup.contains(" description LGWAN access line (before the change)\n"), backup);
            // the template writes FRR's own order (static routes before interfaces): the router now runs exactly the intent
            ConfigDiff after = driver.compare();
            assertFalse(after.changed(), after.unifiedDiff());
            assertTrue(driver.watchdogOutcome().isEmpty(), "confirmed: the watchdog did not fire");
            // a save that cannot write frr.conf fails by name (here: the login user may not write FRR's folder; vtysh
            // writes it directly, as no watchfrr runs)
            DeviceException unsaved = assertThrows(DeviceException.class, driver::save);
            assertTrue(unsaved.getMessage().contains("failed to open configuration file"), unsaved.getMessage());
            // a folder the login user may write: vtysh writes frr.conf, but (not root, no watchfrr to write it) cannot give it
            // to FRR's user, warns and leaves out its [OK]. The file is there, owned by the wrong user: not a save
            // (templates/frr/dialect.yaml save_ok), and the failure names the warning
            Files.setPosixFilePermissions(frr.configDir(), PosixFilePermissions.fromString("rwxrwxrwx"));
            DeviceException warned = assertThrows(DeviceException.class, driver::save);
            assertTrue(warned.getMessage().contains("did not confirm the save") && warned.getMessage().contains("% Warning: can't chown"),
                    warned.getMessage());
            // what it wrote is what FRR would boot (vtysh -b reads the integrated frr.conf)
            String saved = Files.readString(frr.configDir().resolve("frr.conf"));
            assertTrue(saved.contains(" description " + wan.description() + "\n") && !saved.contains("(before the change)"), saved);
        } finally {
            watchdogs.shutdownNow();
        }

        Map<String, Verification.Check> checks = byName(result);
        assertEquals(List.of("wan-up", "wan-speed", "wan-duplex", "wan-description", "wan-errors-not-rising", "restart"), List.copyOf(checks.keySet()));
        assertCheck(checks, "wan-up", true, "admin up, oper up", "admin up, oper up", SNMP_UP);
        // no FRR bandwidth in the rendered config: the helper answers the kernel's speed, a veth's 10000 Mbit/s
        assertCheck(checks, "wan-speed", true, ">= " + wan.bandwidthMbps() + " Mbps (auto)", "10000 Mbps", SNMP_SPEED);
        // snmpd's own EtherLike-MIB dot3StatsDuplexStatus: fullDuplex(3), as the kernel reports a veth
        assertCheck(checks, "wan-duplex", true, "full", "full", SNMP_DUPLEX);
        assertCheck(checks, "wan-description", true, "ifAlias \"" + wan.description() + "\"", "ifAlias \"" + wan.description() + "\"", SNMP_ALIAS);
        assertTrue(checks.get("wan-errors-not-rising").passed());
        assertEquals("no new ifInErrors/ifOutErrors", checks.get("wan-errors-not-rising").expected());
        assertTrue(checks.get("wan-errors-not-rising").actual().startsWith("+0 in, +0 out in "), checks.get("wan-errors-not-rising").actual());
        assertTrue(checks.get("restart").passed());
        assertEquals("no restart", checks.get("restart").expected());
        assertTrue(checks.get("restart").actual().startsWith("no restart (hrSystemUptime "), checks.get("restart").actual());
        assertEquals("snmp hrSystemUptime 1.3.6.1.2.1.25.1.1.0", checks.get("restart").source());
    }

    /**
     * Restarting only snmpd on the router's host after a push (an operator, or a package upgrade) resets
     * the agent's sysUpTime and counts an engine boot, but the router did not restart: its host's
     * hrSystemUptime goes on, and the good change is kept. Before, the check read sysUpTime and rolled
     * the change back: "restarted (sysUpTime 879 -> 301)".
     */
    @Test
    void restartingOnlySnmpdAfterAPushIsNoRestartOfTheRouter() throws Exception {
        ConnectionRouter router = sampleFrrRouter(true);
        Verification.IntendedWan wan = Verification.IntendedWan.of(sample, router);
        String intended = renderer.render(sample, router).text();
        SnmpTarget target = startHost(router, beforeTheChange(intended, wan));
        console = OpenSshVtysh.start(frr);
        RouterSnapshot baseline = poll(target);

        ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor();
        try (CliRouterDriver driver = new CliRouterDriver(router.hostname(), console.endpoint(), frrDialect, console.operator(), null, watchdogs)) {
            driver.open();
            driver.loadCandidate(intended);
            assertTrue(driver.compare().changed());
            assertEquals(RouterDriver.Guard.SERVICE_WATCHDOG, driver.commit(Duration.ofSeconds(60)));

            snmpd.restart();
            RouterSnapshot first = poll(target);
            Thread.sleep(500);
            RouterSnapshot second = poll(target);
            // the agent did restart after the pre-check (its sysUpTime counts from a later start), its engine counted a boot,
            // its engine id stayed
            java.time.Instant agentStarted = second.at().minusMillis(second.upTimeTicks() * 10);
            assertTrue(agentStarted.isAfter(baseline.at()), "agent up since " + agentStarted + ", pre-check at " + baseline.at());
            assertTrue(second.engineBoots().value() > baseline.engineBoots().value(), baseline.engineBoots() + " -> " + second.engineBoots());
            assertEquals(baseline.engineId(), second.engineId());

            Verification.Result result = Verification.of(wan, baseline, first, second, false);
            assertTrue(result.passed(), result.toString());
            Verification.Check restart = byName(result).get("restart");
            assertTrue(restart.actual().matches("no restart \\(hrSystemUptime \\d+ -> \\d+, sysUpTime \\d+ -> \\d+\\)"), restart.actual());
            assertEquals("snmp hrSystemUptime 1.3.6.1.2.1.25.1.1.0", restart.source());
            driver.confirm();
            assertTrue(driver.watchdogOutcome().isEmpty(), "confirmed: the watchdog did not fire");
        } finally {
            watchdogs.shutdownNow();
        }
    }

    @Test
    void theHostShuttingTheWanPortDownFailsWanUp() throws Exception {
        ConnectionRouter router = sampleFrrRouter(true);
        Verification.IntendedWan wan = Verification.IntendedWan.of(sample, router);
        SnmpTarget target = startHost(router, renderer.render(sample, router).text());
        RouterSnapshot baseline = poll(target);
        assertTrue(Verification.of(wan, baseline, baseline, baseline, false).passed());

        assertEquals(0, frr.host("ip", "link", "set", wan.interfaceName(), "down").status());
        Verification.Result result = awaitVerification(target, wan, baseline, r -> r.failed().stream().anyMatch(c -> c.name().equals("wan-up")));
        Map<String, Verification.Check> checks = byName(result);
        assertEquals(List.of("wan-up", "wan-speed"), result.failed().stream().map(Verification.Check::name).toList(), result.toString());
        assertCheck(checks, "wan-up", false, "admin up, oper up", "admin down, oper down", SNMP_UP);
        // the kernel has no speed for a link that is down (sysfs answers EINVAL): the helper says 0, unknown
        assertCheck(checks, "wan-speed", false, ">= " + wan.bandwidthMbps() + " Mbps (auto)", "0 Mbps", SNMP_SPEED);
        assertCheck(checks, "wan-description", true, "ifAlias \"" + wan.description() + "\"", "ifAlias \"" + wan.description() + "\"", SNMP_ALIAS);
    }

    @Test
    void changesMadeByHandInFrrFailTheirNamedChecks() throws Exception {
        ConnectionRouter router = sampleFrrRouter(true);
        Verification.IntendedWan wan = Verification.IntendedWan.of(sample, router);
        SnmpTarget target = startHost(router, renderer.render(sample, router).text());
        RouterSnapshot baseline = poll(target);
        assertTrue(Verification.of(wan, baseline, baseline, baseline, false).passed());

        // someone on the box: another description, and an FRR bandwidth below the contracted line
        FrrInstance.Result byHand = frr.vtysh("configure terminal\ninterface " + wan.interfaceName() + "\ndescription changed by hand\nbandwidth 100");
        assertEquals(0, byHand.status(), byHand.output());
        Verification.Result result = awaitVerification(target, wan, baseline, r -> r.failed().size() == 2);
        Map<String, Verification.Check> checks = byName(result);
        assertEquals(List.of("wan-speed", "wan-description"), result.failed().stream().map(Verification.Check::name).toList(), result.toString());
        // FRR's bandwidth is in Mbit/s; the helper serves it as ifHighSpeed (and ifSpeed in bit/s)
        assertCheck(checks, "wan-speed", false, ">= " + wan.bandwidthMbps() + " Mbps (auto)", "100 Mbps", SNMP_SPEED);
        assertCheck(checks, "wan-description", false, "ifAlias \"" + wan.description() + "\"", "ifAlias \"changed by hand\"", SNMP_ALIAS);
        assertCheck(checks, "wan-up", true, "admin up, oper up", "admin up, oper up", SNMP_UP);
    }

    @Test
    void aFixedLinkModeTheHostDoesNotRunFailsWanSpeed() throws Exception {
        // the inventory fixes this WAN at a speed; the "! host: ethtool -s ... autoneg off" line is the host's job,
        // not the driver's, and a veth cannot be set anyway: it runs at 10000 Mbit/s
        ConnectionRouter router = sampleFrrRouter(false);
        Verification.IntendedWan wan = Verification.IntendedWan.of(sample, router);
        String rendered = renderer.render(sample, router).text();
        assertTrue(rendered.contains("! host: ethtool -s " + wan.interfaceName() + " speed " + wan.mode().speedMbps() + " duplex full autoneg off\n"), rendered);
        SnmpTarget target = startHost(router, rendered);
        RouterSnapshot first = poll(target);
        RouterSnapshot second = poll(target);
        Verification.Result result = Verification.of(wan, first, first, second, false);
        Map<String, Verification.Check> checks = byName(result);
        assertEquals(List.of("wan-speed"), result.failed().stream().map(Verification.Check::name).toList(), result.toString());
        assertCheck(checks, "wan-speed", false, wan.mode().speedMbps() + " Mbps", "10000 Mbps", SNMP_SPEED);
        assertCheck(checks, "wan-duplex", true, "full", "full", SNMP_DUPLEX);
        assertCheck(checks, "wan-description", true, "ifAlias \"" + wan.description() + "\"", "ifAlias \"" + wan.description() + "\"", SNMP_ALIAS);
    }

    /** Polls until {@code done} holds for the verification (snmpd caches ifTable for a few seconds), or fails. */
    private Verification.Result awaitVerification(SnmpTarget target, Verification.IntendedWan wan, RouterSnapshot baseline,
                                                  Predicate<Verification.Result> done) throws Exception {
        long deadline = System.nanoTime() + SNMPD_CACHE.toNanos();
        Verification.Result result;
        do {
            Thread.sleep(500);
            RouterSnapshot first = poll(target);
            RouterSnapshot second = poll(target);
            result = Verification.of(wan, baseline, first, second, false);
        } while (!done.test(result) && System.nanoTime() < deadline);
        return result;
    }

    private static Map<String, Verification.Check> byName(Verification.Result result) {
        return result.checks().stream().collect(Collectors.toMap(Verification.Check::name, c -> c, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static void assertCheck(Map<String, Verification.Check> checks, String name, boolean passed, String expected, String actual,
                                    String source) {
        assertEquals(new Verification.Check(name, passed, expected, actual, source), checks.get(name), checks.toString());
    }

    /** A poll of what the frr profile says its hosts' snmpd exposes (vendor-profiles.yaml). */
    private RouterSnapshot poll(SnmpTarget target) throws Exception {
        return probe.poll(target, sample.vendorProfile("frr").orElseThrow().snmp().objects()).get(30, TimeUnit.SECONDS);
    }

    /** The lines a unified diff takes out ({@code -}) or puts in ({@code +}), sorted. */
    private static List<String> lines(ConfigDiff diff, char side) {
        return diff.unifiedDiff().lines().filter(l -> l.length() > 1 && l.charAt(0) == side && l.charAt(1) != side)
                .map(l -> l.substring(1)).sorted().toList();
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
