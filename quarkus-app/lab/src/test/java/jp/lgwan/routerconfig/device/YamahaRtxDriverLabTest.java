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
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.lab.LabRouter;
import jp.lgwan.routerconfig.lab.VirtualSshServer;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver's Yamaha RTX session against the lab RTX: the login lands at {@code >} and reaches
 * {@code #} with {@code administrator} and the administrator password; a {@code console prompt}
 * prefix is still a prompt; the console settings the session needs are configuration lines it reads
 * first and puts back before {@code save} and at logout, and never part of a diff; leaving the
 * administrator level with unsaved changes answers no.
 */
class YamahaRtxDriverLabTest {

    private static final String MATSUNO = "lgrt.town.matsuno.lgwan.jp";
    private static final String SECRET = "rtx-admin-secret";
    private static final SnmpTarget SNMP = SnmpTarget.v2c("127.0.0.1", 0, "lgwan-ro");
    private static Inventory sample;
    private static Dialect rtx;

    private final CliRouterDriverLabTest.Timers timers = new CliRouterDriverLabTest.Timers();
    private KeyPair operator;
    private LabRouter lab;
    private String rendered;

    @BeforeAll
    static void load() throws Exception {
        sample = new InventoryLoader().load(Paths.get("inventory"), LocalDate.of(2026, 11, 25)).inventory();
        rtx = Dialect.load(Path.of("templates"), "yamaha-rtx");
    }

    @AfterEach
    void stop() throws Exception {
        if (lab != null) {
            lab.close();
        }
        timers.shutdownNow();
    }

    /** The lab RTX booted with the rendered config plus {@code extra} lines the router has besides, its administrator password {@link #SECRET}. */
    private void boot(String extra) throws Exception {
        boot(extra, SECRET);
    }

    private void boot(String extra, String administratorPassword) throws Exception {
        ConnectionRouter router = sample.router(MATSUNO).orElseThrow();
        rendered = new ConfigRenderer(Path.of("templates")).render(sample, router).text();
        operator = VirtualSshServer.newHostKey();
        lab = LabRouter.start(sample, router, rendered + extra, operator.getPublic(), null, administratorPassword, SNMP, Clock.systemUTC(), timers);
    }

    private CliRouterDriver driver(AdministratorPassword administrator) {
        SshCli.Endpoint endpoint = new SshCli.Endpoint("127.0.0.1", lab.sshPort(), "operator", SshCli.fingerprint(lab.hostKey()),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
        return new CliRouterDriver(MATSUNO, endpoint, rtx, operator, null, administrator, timers);
    }

    private List<String> consoleLines(List<String> config) {
        return config.stream().filter(line -> line.startsWith("console ")).toList();
    }

    @Test
    void theDriverElevatesWithTheAdministratorPasswordAndComparesWithoutTheConsoleSettings() throws Exception {
        boot("");
        List<String> before = consoleLines(lab.device().runningConfig());
        try (CliRouterDriver driver = driver(new AdministratorPassword(SECRET))) {
            driver.open();
            assertEquals(List.of("console character ascii", "console lines infinity", "console columns 200"),
                    consoleLines(lab.device().runningConfig()), "the session's settings are configuration lines meanwhile");
            driver.loadCandidate(rendered);
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
            assertTrue(driver.runningConfig().contains("\nconsole lines infinity\n"), "shown by show config, yet no part of the diff");
        }
        assertEquals(before, consoleLines(lab.device().runningConfig()), "put back at logout (the base config's console lines 24 and ja.utf8)");
        assertEquals(lab.device().startupConfig(), lab.device().runningConfig());
    }

    @Test
    void withoutTheAdministratorPasswordTheLoginFailsNamingWhereItComesFrom() throws Exception {
        boot("");
        try (CliRouterDriver driver = driver(null)) {
            DeviceException refused = assertThrows(DeviceException.class, driver::open);
            assertEquals(MATSUNO + ": the yamaha-rtx CLI logged in at '>' and configures only after 'administrator' and the administrator"
                    + " password, and no such password was given (the router's credentials.admin_ref names the secret)", refused.getMessage());
        }
    }

    @Test
    void aRouterWithoutAnAdministratorPasswordIsReachedWithoutOne() throws Exception {
        boot("", null);
        try (CliRouterDriver driver = driver(null)) {
            driver.open();
            driver.loadCandidate(rendered);
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
        }
    }

    @Test
    void aWrongAdministratorPasswordIsRefusedWithoutNamingIt() throws Exception {
        boot("");
        List<String> before = consoleLines(lab.device().runningConfig());
        try (CliRouterDriver driver = driver(new AdministratorPassword("not-the-secret"))) {
            DeviceException refused = assertThrows(DeviceException.class, driver::open);
            assertTrue(refused.getMessage().endsWith("the router rejected 'administrator': Error: Incorrect password"), refused.getMessage());
            assertFalse(refused.getMessage().contains("not-the-secret"));
        }
        assertEquals(before, consoleLines(lab.device().runningConfig()), "nothing was set up");
    }

    @Test
    void aConsolePromptPrefixIsStillAPrompt() throws Exception {
        boot("console prompt RTX830\n");
        try (CliRouterDriver driver = driver(new AdministratorPassword(SECRET))) {
            driver.open();
            // the prompt prefix is the router's own setting, which the intended config does not hold
            driver.loadCandidate(rendered);
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
            driver.loadCandidate(rendered.replace("\"Office LAN\"", "\"Office LAN 2F\""));
            driver.commit(Duration.ofMinutes(1));
            driver.confirm();
            assertEquals("Office LAN 2F", lab.state().portView("lan1").orElseThrow().description());
        }
    }

    @Test
    void theConsoleSettingsArePutBackBeforeSaveAndAtLogoutAndNeverSaved() throws Exception {
        boot("console lines 50\nconsole columns 120\n");
        List<String> before = consoleLines(lab.device().runningConfig());
        try (CliRouterDriver driver = driver(new AdministratorPassword(SECRET))) {
            driver.open();
            driver.loadCandidate(rendered.replace("\"Office LAN\"", "\"Office LAN 2F\"") + "console lines 50\nconsole columns 120\n");
            String diff = driver.compare().unifiedDiff();
            assertEquals(List.of("-description lan1 \"Office LAN\"", "+description lan1 \"Office LAN 2F\""),
                    diff.lines().filter(l -> l.startsWith("-") && !l.startsWith("---") || l.startsWith("+") && !l.startsWith("+++")).toList(), diff);
            assertFalse(diff.contains("console"), "no console setting in the diff: " + diff);
            driver.commit(Duration.ofMinutes(1));
            driver.confirm();
            assertEquals("save", driver.save().command());
            assertEquals(before, consoleLines(lab.device().startupConfig()), "the session's settings are never saved");
            assertTrue(lab.device().startupConfig().contains("description lan1 \"Office LAN 2F\""));
            assertTrue(consoleLines(lab.device().runningConfig()).contains("console lines infinity"), "set up again after the save");
            assertTrue(driver.runningConfig().contains("\nschedule at 1 "), "the session still reads whole configs after the save");
        }
        assertEquals(before, consoleLines(lab.device().runningConfig()), "put back at logout");
        assertEquals(lab.device().startupConfig(), lab.device().runningConfig());
    }

    @Test
    void loggingOutWithAnUnsavedChangeAnswersNoToTheSaveQuestion() throws Exception {
        boot("");
        List<String> booted = lab.device().startupConfig();
        long started = System.nanoTime();
        try (CliRouterDriver driver = driver(new AdministratorPassword(SECRET))) {
            driver.open();
            driver.loadCandidate(rendered.replace("\"Office LAN\"", "\"Office LAN 2F\""));
            driver.commit(Duration.ofMinutes(1));
            driver.confirm();
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0, "no wait for a prompt that never came");
        assertEquals(booted, lab.device().startupConfig(), "N: nothing saved but by the driver's own save");
        assertTrue(lab.device().runningConfig().contains("description lan1 \"Office LAN 2F\""));
    }

    @Test
    void aFixedModeIsTypedInTheDocumentedLanTypeFormAndAnUndocumentedOneIsRefused() throws Exception {
        boot("");
        try (CliRouterDriver driver = driver(new AdministratorPassword(SECRET))) {
            driver.open();
            driver.loadCandidate(rendered + "lan type lan1 100-fdx\n");
            driver.commit(Duration.ofMinutes(1));
            driver.confirm();
            assertEquals(InterfaceMode.parse("100-full"), lab.state().portView("lan1").orElseThrow().mode());

            driver.loadCandidate(rendered + "lan type lan1 speed=100 duplex=full\n");
            DeviceException refused = assertThrows(DeviceException.class, () -> driver.commit(Duration.ofMinutes(1)));
            assertTrue(refused.getMessage().endsWith("the router rejected 'lan type lan1 speed=100 duplex=full': Error: Illegal keyword"),
                    refused.getMessage());
        }
    }
}
