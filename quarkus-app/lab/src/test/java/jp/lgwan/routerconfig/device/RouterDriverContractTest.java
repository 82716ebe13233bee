package jp.lgwan.routerconfig.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.RouterInterface;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.lab.LabRouter;
import jp.lgwan.routerconfig.lab.LabSecrets;
import jp.lgwan.routerconfig.lab.VirtualSshServer;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract every driver keeps, run against a lab router of each emulated dialect booted like a
 * real one — its platform's base config ({@link jp.lgwan.routerconfig.lab.LabBaseConfig}: users,
 * archive, licence, root-authentication, zones, console settings, BGP, {@code no ipv6 forwarding} ...)
 * around its rendered intended config (a router of the sample inventory per vendor profile): a fresh
 * router matches its intended config; an unconfirmed change reverts by itself; a confirmed one
 * stays; a rollback restores; a rejected line is named and leaves nothing behind; a route the
 * intent drops is removed. After every push, confirm, rollback and revert, every line the project
 * does not own is byte for byte what the router booted with.
 */
class RouterDriverContractTest {

    private static final SnmpTarget SNMP = SnmpTarget.v2c("127.0.0.1", 0, "lgwan-ro");
    private static final String ADMINISTRATOR = "lab-administrator-password";
    private static Inventory sample;

    private final CliRouterDriverLabTest.Timers timers = new CliRouterDriverLabTest.Timers();
    private LabRouter lab;

    @BeforeAll
    static void load() throws Exception {
        sample = new InventoryLoader().load(Paths.get("inventory"), TestInventory.AS_OF).inventory();
    }

    /** One router of the sample per vendor profile the lab emulates. */
    static Stream<String> routers() throws Exception {
        Inventory inventory = new InventoryLoader().load(Paths.get("inventory"), TestInventory.AS_OF).inventory();
        return inventory.organizations().stream().flatMap(o -> o.routers().stream())
                .filter(r -> LabRouter.emulates(r.vendorProfile()))
                .collect(java.util.stream.Collectors.toMap(ConnectionRouter::vendorProfile, ConnectionRouter::hostname, (a, b) -> a, java.util.TreeMap::new))
                .values().stream();
    }

    @AfterEach
    void stop() throws Exception {
        if (lab != null) {
            lab.close();
        }
        timers.shutdownNow();
    }

    private record Setup(CliRouterDriver driver, String boot, String wan, String wanDescription, Dialect dialect, String unowned) {
    }

    private Setup start(String hostname) throws Exception {
        return start(hostname, text -> text);
    }

    /** A lab router booted with its rendered config, {@code fill}ed in first. */
    private Setup start(String hostname, java.util.function.UnaryOperator<String> fill) throws Exception {
        ConnectionRouter router = sample.router(hostname).orElseThrow();
        String boot = fill.apply(new ConfigRenderer(Path.of("templates")).render(sample, router).text());
        KeyPair operator = VirtualSshServer.newHostKey();
        // where the CLI has an administrator level (Yamaha RTX), the lab sets its password and the driver brings it
        lab = LabRouter.start(sample, router, boot, operator.getPublic(), null, ADMINISTRATOR, SNMP, Clock.systemUTC(), timers);
        SshCli.Endpoint endpoint = new SshCli.Endpoint("127.0.0.1", lab.sshPort(), "operator", SshCli.fingerprint(lab.hostKey()),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
        // the same timers run the router's own revert timer and, for dialects without one, the service's watchdog
        CliRouterDriver driver = new CliRouterDriver(hostname, endpoint, Dialect.load(Path.of("templates"), router.vendorProfile()), operator, null,
                new AdministratorPassword(ADMINISTRATOR), timers);
        driver.open();
        RouterInterface wan = router.interfaces().stream().filter(i -> i.role() == jp.lgwan.routerconfig.inventory.InterfaceRole.WAN).findFirst().orElseThrow();
        Dialect dialect = Dialect.load(Path.of("templates"), router.vendorProfile());
        String unowned = dialect.unowned(running(), boot);
        // booted like a real router: lines the project does not own are there
        assertTrue(unowned.lines().count() >= 5, "the lab router has a base config of its own:\n" + String.join("\n", lab.device().runningConfig()));
        return new Setup(driver, boot, wan.name(), wan.description(), dialect, unowned);
    }

    private String running() {
        return String.join("\n", lab.device().runningConfig()) + "\n";
    }

    /** Every line the project does not own is what the router booted with, byte for byte. */
    private void assertUnownedUntouched(Setup setup, String after) {
        assertEquals(setup.unowned(), setup.dialect().unowned(running(), setup.boot()), "unowned lines changed after " + after);
    }

    private static String moved(Setup setup) {
        String changed = setup.boot().replace(setup.wanDescription(), setup.wanDescription() + " moved");
        assertFalse(changed.equals(setup.boot()));
        return changed;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void aFreshRouterRunsItsIntendedConfig(String hostname) throws Exception {
        Setup setup = start(hostname);
        try (CliRouterDriver driver = setup.driver()) {
            driver.loadCandidate(setup.boot());
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
        }
    }

    /**
     * With its secrets filled in, as the rollout pushes it (here lab-made values): the router shows
     * them its own way (Junos quotes only words that need it, where the template always quotes the
     * keys), and still matches its intended config. A mismatch would make every push of the dialect
     * "changed" and a crash's resume take a router still running the change for one that reverted.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void aRouterMatchesItsIntendedConfigWithItsSecretsFilledIn(String hostname) throws Exception {
        LabSecrets secrets = LabSecrets.generate("lgwan-poller", sample.router(hostname).orElseThrow().credentials().snmpRef());
        Setup setup = start(hostname, text -> {
            try {
                return secrets.resolve(text).text();
            } catch (DeviceException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(setup.boot().contains(secrets.authKey()) || !setup.boot().contains("snmp"), "the keys are in the config");
        try (CliRouterDriver driver = setup.driver()) {
            driver.loadCandidate(setup.boot());
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
            driver.loadCandidate(moved(setup));
            driver.commit(Duration.ofMinutes(1));
            assertUnownedUntouched(setup, "the push");
            driver.confirm();
            assertUnownedUntouched(setup, "the confirm");
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void anUnconfirmedChangeRevertsByItself(String hostname) throws Exception {
        Setup setup = start(hostname);
        try (CliRouterDriver driver = setup.driver()) {
            driver.loadCandidate(moved(setup));
            RouterDriver.Guard guard = Dialect.load(Path.of("templates"), sample.router(hostname).orElseThrow().vendorProfile()).cli().revertTimer() != null
                    ? RouterDriver.Guard.DEVICE_TIMER : RouterDriver.Guard.SERVICE_WATCHDOG;
            assertEquals(guard, driver.commit(Duration.ofMinutes(1)));
            assertEquals(setup.wanDescription() + " moved", lab.state().portView(setup.wan()).orElseThrow().description());
            assertUnownedUntouched(setup, "the push");
            timers.expireAll();
            assertUnownedUntouched(setup, "the revert");
            driver.loadCandidate(setup.boot());
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
            assertEquals(setup.wanDescription(), lab.state().portView(setup.wan()).orElseThrow().description());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void onlyAConfirmedChangeIsSavedForTheNextReload(String hostname) throws Exception {
        Setup setup = start(hostname);
        Dialect dialect = Dialect.load(Path.of("templates"), sample.router(hostname).orElseThrow().vendorProfile());
        List<String> booted = lab.device().startupConfig();
        // the open session's own settings (RTX console lines) aside, a fresh router runs what it boots
        assertEquals(lab.device().runningConfig().stream().filter(line -> !dialect.isVolatile(line)).toList(),
                booted.stream().filter(line -> !dialect.isVolatile(line)).toList());
        try (CliRouterDriver driver = setup.driver()) {
            driver.loadCandidate(moved(setup));
            driver.commit(Duration.ofMinutes(1));
            if (!dialect.cli().save().isEmpty()) {
                assertEquals(booted, lab.device().startupConfig(), "an unconfirmed change is not saved");
            }
            driver.confirm();
            RouterDriver.Saved saved = driver.save();
            assertEquals(dialect.cli().save(), saved.command());
            assertUnownedUntouched(setup, "the save");
            assertTrue(lab.device().startupConfig().stream().anyMatch(line -> line.contains(setup.wanDescription() + " moved")));
        }
        // once the session has put back what its set-up changed (RTX console settings), what runs is what boots
        assertEquals(lab.device().runningConfig(), lab.device().startupConfig(), "a reload boots the confirmed change");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void aConfirmedChangeStays(String hostname) throws Exception {
        Setup setup = start(hostname);
        try (CliRouterDriver driver = setup.driver()) {
            driver.loadCandidate(moved(setup));
            driver.commit(Duration.ofMinutes(1));
            driver.confirm();
            assertUnownedUntouched(setup, "the confirm");
            assertFalse(lab.device().revertPending());
            timers.expireAll();
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
            assertEquals(setup.wanDescription() + " moved", lab.state().portView(setup.wan()).orElseThrow().description());
        }
    }

    /** The intended config with a line of its own the router refuses (an owned one: nothing else is ever typed). */
    private static String refused(Setup setup, String line) {
        String wan = setup.wan();
        return switch (setup.dialect().profile()) {
            case "cisco-iosxe", "frr" -> setup.boot().replace("interface " + wan + "\n", "interface " + wan + "\n " + line + "\n");
            case "nec-ix" -> setup.boot().replace("device " + wan.replaceAll("\\.\\d+$", "") + "\n",
                    "device " + wan.replaceAll("\\.\\d+$", "") + "\n  " + line + "\n");
            default -> setup.boot() + line + "\n";
        };
    }

    private static String badLine(Setup setup) {
        return switch (setup.dialect().profile()) {
            case "cisco-iosxe", "nec-ix" -> "speed frobnicate";
            case "frr" -> "ip address frobnicate";
            case "juniper-junos" -> "set interfaces " + setup.wan() + " speed frobnicate";
            default -> "speed " + setup.wan() + " frobnicate";
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void aRejectedLineIsNamedAndLeavesNothing(String hostname) throws Exception {
        Setup setup = start(hostname);
        String bad = badLine(setup);
        try (CliRouterDriver driver = setup.driver()) {
            driver.loadCandidate(refused(new Setup(driver, moved(setup), setup.wan(), setup.wanDescription(), setup.dialect(), setup.unowned()), bad));
            DeviceException rejected = assertThrows(DeviceException.class, () -> driver.commit(Duration.ofMinutes(1)));
            assertTrue(rejected.getMessage().contains("the router rejected '" + bad + "'"), rejected.getMessage());
            assertUnownedUntouched(setup, "the rejected push");
            driver.loadCandidate(setup.boot());
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
            assertFalse(lab.device().revertPending());
        }
    }

    /** A line no {@code owned:} rule covers is never typed: an intended config holding one is refused before anything is. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void anIntentWithALineNobodyOwnsIsRefused(String hostname) throws Exception {
        Setup setup = start(hostname);
        try (CliRouterDriver driver = setup.driver()) {
            driver.loadCandidate(moved(setup) + "frobnicate the router\n");
            DeviceException refused = assertThrows(DeviceException.class, () -> driver.commit(Duration.ofMinutes(1)));
            assertTrue(refused.getMessage().contains("does not own (owned:), which no push would type: frobnicate the router"), refused.getMessage());
            assertEquals(setup.wanDescription(), lab.state().portView(setup.wan()).orElseThrow().description());
            assertUnownedUntouched(setup, "the refusal");
        }
    }

    /** A template line no {@code owned:} rule covers would never be pushed: the dialect owns all it renders. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void theDialectOwnsEveryLineItRenders(String hostname) throws Exception {
        ConnectionRouter router = sample.router(hostname).orElseThrow();
        Dialect dialect = Dialect.load(Path.of("templates"), router.vendorProfile()).onDevice();
        String rendered = new ConfigRenderer(Path.of("templates")).render(sample, router).text();
        assertEquals(List.of(), dialect.ownership().unowned(dialect, rendered));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void aRollbackRestoresTheOwnedLinesOnly(String hostname) throws Exception {
        Setup setup = start(hostname);
        try (CliRouterDriver driver = setup.driver()) {
            driver.loadCandidate(moved(setup));
            driver.commit(Duration.ofMinutes(1));
            assertUnownedUntouched(setup, "the push");
            driver.rollback();
            assertUnownedUntouched(setup, "the rollback");
            driver.loadCandidate(setup.boot());
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
            assertEquals(setup.wanDescription(), lab.state().portView(setup.wan()).orElseThrow().description());
        }
    }

    /**
     * A line the project owned and no longer renders goes (here a static route the inventory dropped), typed as
     * the plan says before it is typed; what the project does not own stays.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void aRouteTheIntentDropsIsRemovedAsPlanned(String hostname) throws Exception {
        Setup setup = start(hostname);
        String route = setup.boot().lines().filter(l -> l.matches("(set routing-options static )?(ip )?route .*")).reduce((a, b) -> b).orElseThrow();
        String without = setup.boot().replace(route + "\n", "");
        try (CliRouterDriver driver = setup.driver()) {
            driver.loadCandidate(without);
            assertEquals(1, driver.compare().removed(), driver.compare().unifiedDiff());
            PushPlan plan = driver.plan(Duration.ofMinutes(1));
            assertEquals(1, plan.changes(), plan.toString());
            driver.commit(Duration.ofMinutes(1));
            driver.confirm();
            assertUnownedUntouched(setup, "the push");
            assertFalse(running().contains(route + "\n"), running());
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
        }
    }
    /**
     * The connectivity test's reachability: the router pings the node / access point its line reaches (the
     * reference data's address) with its dialect's command, and the driver reads replies and round trip from the
     * answer; the lab answers only while the WAN really carries packets, so with the WAN down the answer reads as
     * no reply, and the session is back at its prompt for the next command.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void thePingOfTheReachedNodeHasRepliesOnlyWhileTheWanIsUp(String hostname) throws Exception {
        Setup setup = start(hostname);
        ConnectionRouter router = sample.router(hostname).orElseThrow();
        Verification.IntendedWan wan = Verification.IntendedWan.of(sample, router);
        assertTrue(wan.reachedAddress() != null && wan.reachedAddress().startsWith("100.6"), "the reference data has the address: " + wan);
        try (CliRouterDriver driver = setup.driver()) {
            Reachability up = driver.ping(wan.reachedAddress()).orElseThrow();
            assertTrue(up.result().reached(), up.output());
            assertEquals(up.result().sent(), up.result().received(), up.output());
            assertTrue(up.result().rttAvgMs() != null && up.result().rttAvgMs() >= 0, up.output());
            assertTrue(up.command().contains(wan.reachedAddress()), up.command());

            var port = lab.state().portView(setup.wan()).orElseThrow();
            lab.state().configure(port.name(), port.description(), port.mode(), false);
            Reachability down = driver.ping(wan.reachedAddress()).orElseThrow();
            assertTrue(down.result().readable(), down.output());
            assertFalse(down.result().reached(), down.output());
            assertEquals(0, down.result().received());
            assertEquals(null, down.result().rttAvgMs());
            // the session is at its prompt again: the next command reads as always
            driver.loadCandidate(setup.boot());
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
        }
    }

    /**
     * The ping parser of every dialect reads the answers its sources print (the forms cited in each dialect.yaml's
     * {@code cli.ping}; Yamaha RTX's and NEC IX's are UNCONFIRMED), with replies, without, and an answer that holds no
     * summary (a refused command) as unreadable: never as reached.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void thePingParserReadsTheDialectsAnswers(String hostname) throws Exception {
        Dialect.Ping ping = Dialect.load(Path.of("templates"), sample.router(hostname).orElseThrow().vendorProfile()).cli().ping();
        String[] answers = switch (Dialect.load(Path.of("templates"), sample.router(hostname).orElseThrow().vendorProfile()).profile()) {
            // napalm ios.py / noc Cisco.IOS.ping
            case "cisco-iosxe" -> new String[] {"!!!!!\nSuccess rate is 100 percent (5/5), round-trip min/avg/max = 1/2/4 ms",
                    ".....\nSuccess rate is 0 percent (0/5)"};
            // noc Juniper.JUNOS.ping
            case "juniper-junos" -> new String[] {"5 packets transmitted, 5 packets received, 0% packet loss\n"
                    + "round-trip min/avg/max/stddev = 1.017/2.000/4.564/0.229 ms", "5 packets transmitted, 0 packets received, 100% packet loss"};
            // UNCONFIRMED (BSD form assumed)
            case "yamaha-rtx" -> new String[] {"5 packets transmitted, 5 packets received, 0.0% packet loss\n"
                    + "round-trip min/avg/max = 1.000/2.000/3.000 ms", "5 packets transmitted, 0 packets received, 100.0% packet loss"};
            // UNCONFIRMED (BSD form assumed)
            case "nec-ix" -> new String[] {"5 packets transmitted, 5 packets received, 0.0% packet loss\n"
                    + "round-trip (ms)  min/avg/max = 1.000/2.000/3.000", "5 packets transmitted, 0 packets received, 100.0% packet loss"};
            // iputils ping_common.c finish()
            case "frr" -> new String[] {"^C\n--- 100.64.1.1 ping statistics ---\n5 packets transmitted, 5 received, 0% packet loss, time 4006ms\n"
                    + "rtt min/avg/max/mdev = 1.010/2.000/3.190/0.073 ms", "5 packets transmitted, 0 received, 100% packet loss, time 4090ms"};
            default -> throw new AssertionError("no sample answers for " + hostname);
        };
        assertEquals(new Dialect.PingResult(5, 5, 2.0, true), ping.parse(answers[0]));
        assertEquals(new Dialect.PingResult(5, 0, null, true), ping.parse(answers[1]));
        Dialect.PingResult refused = ping.parse("% Invalid input detected at '^' marker.");
        assertFalse(refused.readable());
        assertFalse(refused.reached());
    }
}
