package jp.lgwan.routerconfig.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.lab.LabRouter;
import jp.lgwan.routerconfig.lab.VirtualSshServer;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fault the lab injects: the driver names it, gives up within its timeout, and the router
 * ends in its old config (the revert timer undoes a half-pushed change) or its new confirmed one.
 */
class FaultInjectionLabTest {

    private static final String SAPPORO = "lgrt.city.sapporo.lgwan.jp";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(800);
    private static final SnmpTarget SNMP = SnmpTarget.v3("127.0.0.1", 0, "lgwan-poller", SnmpAuthProtocol.SHA256, "auth-key-for-tests", "priv-key-for-tests");

    @TempDir
    Path temp;

    private final CliRouterDriverLabTest.Timers timers = new CliRouterDriverLabTest.Timers();
    private Inventory inventory;
    private KeyPair operator;
    private LabRouter lab;
    private String boot;
    /** The running config the router booted with (its base config around the rendered one). */
    private java.util.List<String> booted;

    @BeforeEach
    void start() throws Exception {
        inventory = TestInventory.copyOfMinimal(temp).load().inventory();
        operator = VirtualSshServer.newHostKey();
        boot = new ConfigRenderer(Path.of("templates")).render(inventory, inventory.router(SAPPORO).orElseThrow()).text();
        lab = LabRouter.start(inventory, inventory.router(SAPPORO).orElseThrow(), boot, operator.getPublic(), SNMP, Clock.systemUTC(), timers);
        booted = lab.device().runningConfig();
    }

    @AfterEach
    void stop() throws Exception {
        lab.close();
        timers.shutdownNow();
    }

    private CliRouterDriver driver() {
        SshCli.Endpoint endpoint = new SshCli.Endpoint("127.0.0.1", lab.sshPort(), "operator", SshCli.fingerprint(lab.hostKey()),
                Duration.ofSeconds(3), Duration.ofSeconds(3), COMMAND_TIMEOUT);
        return new CliRouterDriver(SAPPORO, endpoint, Dialect.load(Path.of("templates"), "cisco-iosxe"), operator, null);
    }

    private String changed() {
        String changed = boot.replace("description office LAN", "description office LAN 2F").replace("ntp server 198.18.0.124", "ntp server 198.18.0.125");
        assertFalse(changed.equals(boot), "the fixture has the lines this test changes");
        return changed;
    }

    /** Runs a commit that the fault interrupts; checks the error, the time it took and that the timer brings the old config back. */
    private void commitFails(String expectedError) throws Exception {
        try (CliRouterDriver driver = driver()) {
            driver.open();
            driver.loadCandidate(changed());
            long started = System.nanoTime();
            DeviceException failure = assertThrows(DeviceException.class, () -> driver.commit(Duration.ofMinutes(1)));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(failure.getMessage().contains(expectedError), failure.getMessage());
            assertTrue(tookMillis < 3 * COMMAND_TIMEOUT.toMillis() + 1000, "gave up within its timeouts, took " + tookMillis + " ms");
        }
        timers.expireAll();
        assertEquals(booted, lab.device().runningConfig(), "back to the old config");
    }

    @Test
    void aCommandSlowerThanTheTimeout() throws Exception {
        try (CliRouterDriver driver = driver()) {
            driver.open();
            lab.ssh().latency(Duration.ofMillis(1500));
            driver.loadCandidate(changed());
            DeviceException slow = assertThrows(DeviceException.class, () -> driver.commit(Duration.ofMinutes(1)));
            assertTrue(slow.getMessage().contains("no prompt within 800 ms"), slow.getMessage());
        }
        lab.ssh().latency(Duration.ZERO);
        timers.expireAll();
        assertEquals(booted, lab.device().runningConfig());
    }

    @Test
    void aRouterThatHangsMidCommit() throws Exception {
        // set-up (2), show archive, show running-config, show snmp user, configure (4): the 9th line hangs, mid-typing
        lab.ssh().hangAfter(8);
        commitFails("no prompt within 800 ms");
    }

    @Test
    void aConnectionDroppedMidCommit() throws Exception {
        lab.ssh().dropAfter(8);
        commitFails("closed the session");
    }

    @Test
    void latencyWithinTheTimeoutStillWorks() throws Exception {
        lab.ssh().latency(Duration.ofMillis(20));
        try (CliRouterDriver driver = driver()) {
            driver.open();
            driver.loadCandidate(changed());
            driver.commit(Duration.ofMinutes(1));
            driver.confirm();
            assertFalse(lab.device().revertPending(), "confirmed");
            assertFalse(driver.compare().changed());
        }
        timers.expireAll();
        assertTrue(lab.device().runningConfig().contains(" description office LAN 2F"), "the confirmed change stays");
        assertTrue(lab.device().runningConfig().contains("ntp server 198.18.0.125"));
        assertFalse(lab.device().runningConfig().contains("ntp server 198.18.0.124"), "a line the candidate drops goes");
    }

    @Test
    void authenticationFailureAndWrongHostKeyAreNamed() throws Exception {
        lab.ssh().refuseLogins(true);
        DeviceException refused = assertThrows(DeviceException.class, () -> driver().open());
        assertTrue(refused.getMessage().endsWith("authentication failed for user operator"), refused.getMessage());
        lab.ssh().refuseLogins(false);
        SshCli.Endpoint wrong = new SshCli.Endpoint("127.0.0.1", lab.sshPort(), "operator",
                SshCli.fingerprint(VirtualSshServer.newHostKey().getPublic()), Duration.ofSeconds(3), Duration.ofSeconds(3), COMMAND_TIMEOUT);
        CliRouterDriver pinnedElsewhere = new CliRouterDriver(SAPPORO, wrong, Dialect.load(Path.of("templates"), "cisco-iosxe"), operator, null);
        assertTrue(assertThrows(DeviceException.class, pinnedElsewhere::open).getMessage().contains("does not match the pinned"));
    }

    @Test
    void anSnmpTimeoutIsReportedWithinItsTimeout() throws Exception {
        lab.snmp().silent(true);
        try (SnmpProbe probe = new SnmpProbe()) {
            SnmpTarget target = new SnmpTarget("127.0.0.1", lab.snmpPort(), SNMP.version(), SNMP.user(), SNMP.auth(), SNMP.authKey(), SNMP.privKey(),
                    null, Duration.ofMillis(300), 1);
            long started = System.nanoTime();
            ExecutionException failure = assertThrows(ExecutionException.class, () -> probe.poll(target).get(10, TimeUnit.SECONDS));
            assertInstanceOf(SnmpException.class, failure.getCause());
            // the engine still answers discovery (USM does, below the agent); the requests go unanswered
            assertTrue(failure.getCause().getMessage().contains("no response (timeout)"), failure.getCause().getMessage());
            assertTrue((System.nanoTime() - started) / 1_000_000 < 2000, "within its timeouts");
        }
    }
}
