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
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.RouterInterface;
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
 * One contract every driver keeps, run against a lab router of each emulated dialect booted with
 * its rendered intended config (a router of the sample inventory per vendor profile): a fresh
 * router matches its intended config; an unconfirmed change reverts by itself; a confirmed one
 * stays; a rejected line is named and leaves nothing behind.
 */
class RouterDriverContractTest {

    private static final SnmpTarget SNMP = SnmpTarget.v2c("127.0.0.1", 0, "lgwan-ro");
    private static final String ADMINISTRATOR = "lab-administrator-password";
    private static Inventory sample;

    private final CliRouterDriverLabTest.Timers timers = new CliRouterDriverLabTest.Timers();
    private LabRouter lab;

    @BeforeAll
    static void load() throws Exception {
        sample = new InventoryLoader().load(Paths.get("inventory"), LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"))).inventory();
    }

    /** One router of the sample per vendor profile the lab emulates. */
    static Stream<String> routers() throws Exception {
        Inventory inventory = new InventoryLoader().load(Paths.get("inventory"), LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"))).inventory();
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

    private record Setup(CliRouterDriver driver, String boot, String wan, String wanDescription) {
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
        return new Setup(driver, boot, wan.name(), wan.description());
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
            driver.confirm();
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
            timers.expireAll();
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
        assertEquals(lab.device().runningConfig().stream().filter(line -> !dialect.isVolatile(line)).toList(), booted);
        try (CliRouterDriver driver = setup.driver()) {
            driver.loadCandidate(moved(setup));
            driver.commit(Duration.ofMinutes(1));
            if (!dialect.cli().save().isEmpty()) {
                assertEquals(booted, lab.device().startupConfig(), "an unconfirmed change is not saved");
            }
            driver.confirm();
            String savedBy = driver.save();
            assertEquals(dialect.cli().save(), savedBy);
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
            assertFalse(lab.device().revertPending());
            timers.expireAll();
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
            assertEquals(setup.wanDescription() + " moved", lab.state().portView(setup.wan()).orElseThrow().description());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void aRejectedLineIsNamedAndLeavesNothing(String hostname) throws Exception {
        Setup setup = start(hostname);
        try (CliRouterDriver driver = setup.driver()) {
            driver.loadCandidate(moved(setup) + "frobnicate the router\n");
            DeviceException rejected = assertThrows(DeviceException.class, () -> driver.commit(Duration.ofMinutes(1)));
            assertTrue(rejected.getMessage().contains("the router rejected 'frobnicate the router'"), rejected.getMessage());
            driver.loadCandidate(setup.boot());
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
            assertFalse(lab.device().revertPending());
        }
    }
}
