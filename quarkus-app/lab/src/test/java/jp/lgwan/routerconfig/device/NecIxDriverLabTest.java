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
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.lab.LabRouter;
import jp.lgwan.routerconfig.lab.VirtualSshServer;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver's NEC IX session against the lab IX: {@code show running-config} and {@code write
 * memory} run inside configuration mode (the IX refuses them outside), every step leaves
 * configuration mode again, and a configuration mode held by another session (one at a time on IX)
 * fails the step with the device's own words instead of hanging or typing outside it.
 */
class NecIxDriverLabTest {

    private static final String NISEKO = "lgrt.town.niseko.lgwan.jp";
    private static final SnmpTarget SNMP = SnmpTarget.v2c("127.0.0.1", 0, "lgwan-ro");
    private static Inventory sample;
    private static Dialect ix;

    private final CliRouterDriverLabTest.Timers timers = new CliRouterDriverLabTest.Timers();
    private KeyPair operator;
    private LabRouter lab;
    private String rendered;

    @BeforeAll
    static void load() throws Exception {
        sample = new InventoryLoader().load(Paths.get("inventory"), LocalDate.of(2026, 11, 25)).inventory();
        ix = Dialect.load(Path.of("templates"), "nec-ix");
    }

    @BeforeEach
    void boot() throws Exception {
        ConnectionRouter router = sample.router(NISEKO).orElseThrow();
        rendered = new ConfigRenderer(Path.of("templates")).render(sample, router).text();
        operator = VirtualSshServer.newHostKey();
        lab = LabRouter.start(sample, router, rendered, operator.getPublic(), SNMP, Clock.systemUTC(), timers);
    }

    @AfterEach
    void stop() throws Exception {
        lab.close();
        timers.shutdownNow();
    }

    private SshCli.Endpoint endpoint() {
        return new SshCli.Endpoint("127.0.0.1", lab.sshPort(), "operator", SshCli.fingerprint(lab.hostKey()),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private CliRouterDriver driver() {
        return new CliRouterDriver(NISEKO, endpoint(), ix, operator, null, timers);
    }

    /** Another operator's session, in operation mode. */
    private SshCli colleague() throws DeviceException {
        return SshCli.open(endpoint(), new SshCli.Dialect(ix.cli().prompt(), ix.cli().errors()), operator, null);
    }

    @Test
    void showAndSaveRunInsideConfigurationModeAndEveryStepLeavesIt() throws Exception {
        try (CliRouterDriver driver = driver(); SshCli colleague = colleague()) {
            driver.open();
            assertTrue(driver.runningConfig().contains("\ninterface GigaEthernet0.0\n"));
            assertEquals(NISEKO + "(config)#", enterAndLeave(colleague), "the show left configuration mode");

            driver.loadCandidate(rendered.replace("description Office LAN", "description Office LAN 2F"));
            driver.commit(Duration.ofMinutes(1));
            assertEquals(NISEKO + "(config)#", enterAndLeave(colleague), "the push left configuration mode, block and all");
            driver.confirm();
            assertEquals("write memory", driver.save().command());
            assertTrue(lab.device().startupConfig().contains("  description Office LAN 2F"), "saved");
            assertEquals(NISEKO + "(config)#", enterAndLeave(colleague), "the save left configuration mode");
        }
    }

    /** The colleague enters configuration mode (which only works while nobody else is in it) and leaves it again. */
    private static String enterAndLeave(SshCli session) throws DeviceException {
        session.command("configure");
        String prompt = session.lastPrompt();
        session.command("exit");
        return prompt;
    }

    @Test
    void aConfigurationModeHeldByAnotherSessionFailsTheStepInTheDevicesWords() throws Exception {
        try (CliRouterDriver driver = driver(); SshCli colleague = colleague()) {
            driver.open();
            colleague.command("configure");
            colleague.command("interface GigaEthernet1.0");

            DeviceException occupied = assertThrows(DeviceException.class, driver::runningConfig);
            assertTrue(occupied.getMessage().endsWith("the router rejected 'configure': % CONFIG process is occupied."), occupied.getMessage());

            driver.loadCandidate(rendered.replace("description Office LAN", "description Office LAN 2F"));
            assertThrows(DeviceException.class, () -> driver.commit(Duration.ofMinutes(1)));
            assertFalse(lab.device().runningConfig().contains("  description Office LAN 2F"), "nothing typed outside configuration mode");

            colleague.command("exit");
            colleague.command("exit");
            assertTrue(driver.runningConfig().contains("\ninterface GigaEthernet0.0\n"), "free again: the step works");
        }
    }

    @Test
    void aLoginWhileAnotherSessionHoldsConfigurationModeFailsAtItsSetUp() throws Exception {
        try (SshCli colleague = colleague(); CliRouterDriver driver = driver()) {
            colleague.command("configure");
            DeviceException occupied = assertThrows(DeviceException.class, driver::open);
            assertTrue(occupied.getMessage().endsWith("the router rejected 'configure': % CONFIG process is occupied."), occupied.getMessage());
        }
    }

    @Test
    void theWatchdogsOwnSessionGetsConfigurationModeWhileTheCallersIsIdle() throws Exception {
        try (CliRouterDriver driver = driver()) {
            driver.open();
            driver.loadCandidate(rendered.replace("description Office LAN", "description Office LAN 2F"));
            assertEquals(RouterDriver.Guard.SERVICE_WATCHDOG, driver.commit(Duration.ofMinutes(1)));
            timers.expireAll();
            assertEquals("restored", driver.watchdogOutcome().orElseThrow());
            assertFalse(lab.device().runningConfig().contains("  description Office LAN 2F"));
        }
    }
}
