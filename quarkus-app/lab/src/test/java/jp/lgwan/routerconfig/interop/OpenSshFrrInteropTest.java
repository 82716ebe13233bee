package jp.lgwan.routerconfig.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import jp.lgwan.routerconfig.device.CliRouterDriver;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.RouterDriver;
import jp.lgwan.routerconfig.device.SshCli;
import jp.lgwan.routerconfig.lab.VirtualSshServer;
import jp.lgwan.routerconfig.render.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SSH CLI client against real peers: OpenSSH's sshd on loopback, whose forced command is
 * FRRouting's vtysh talking to zebra and staticd in a namespace of the test's own — the
 * Cisco-style console an FRR router gives. The host key is OpenSSH's own ed25519 key, pinned by
 * the fingerprint ssh-keygen prints.
 */
class OpenSshFrrInteropTest {

    @BeforeAll
    static void requirePeers() {
        String missing = OpenSshVtysh.missing() != null ? OpenSshVtysh.missing()
                : !Files.isExecutable(FrrInstance.ZEBRA) ? "frr is not installed"
                : !"root".equals(System.getProperty("user.name")) ? "sshd, users and namespaces need root" : null;
        if (missing != null) {
            if (System.getenv("CI") != null) {
                fail("CI must run the OpenSSH/FRR interop test, but " + missing + "; .ci/run installs openssh-server and frr");
            }
            Assumptions.abort("OpenSSH/FRR interop test skipped: " + missing);
        }
    }

    private FrrInstance frr;
    private OpenSshVtysh console;
    private KeyPair operator;
    private String pinned;
    private int port;
    private Dialect frrDialect;
    private SshCli.Dialect dialect;

    @BeforeEach
    void startPeers() throws Exception {
        frrDialect = Dialect.load(Paths.get("templates"), "frr");
        dialect = new SshCli.Dialect(frrDialect.cli().prompt(), frrDialect.cli().errors());
        frr = FrrInstance.start();
        assertEquals(0, frr.boot("interface eth0\n description LGWAN access line\n ip address 192.0.2.17/30\nexit\nip route 100.64.0.0/10 192.0.2.18\n").status());
        console = OpenSshVtysh.start(frr);
        operator = console.operator();
        pinned = console.pinned();
        port = console.port();
    }

    @AfterEach
    void stopPeers() throws Exception {
        try {
            if (console != null) {
                console.close();
            }
        } finally {
            if (frr != null) {
                frr.close();
            }
        }
    }

    private SshCli.Endpoint endpoint(String pin) {
        return console.endpoint(pin);
    }

    @Test
    void theCliDrivesVtyshThroughOpenSsh() throws Exception {
        try (SshCli cli = SshCli.open(endpoint(pinned), dialect, operator, null)) {
            for (String setup : frrDialect.cli().sessionSetup()) {
                cli.command(setup);
            }
            String running = cli.command(frrDialect.cli().showConfig());
            assertTrue(running.contains("ip route 100.64.0.0/10 192.0.2.18\n"), running);
            assertTrue(running.contains(" description LGWAN access line\n"), running);
            cli.command(frrDialect.cli().enterConfig());
            cli.command("interface eth0");
            cli.command("description changed over ssh");
            cli.command(frrDialect.cli().exitConfig());
            assertTrue(cli.command("show running-config").contains(" description changed over ssh\n"));
            DeviceException rejected = assertThrows(DeviceException.class, () -> cli.command("frobnicate now"));
            assertTrue(rejected.getMessage().contains("the router rejected 'frobnicate now': % Unknown command"), rejected.getMessage());
        }
        String otherKey = SshCli.fingerprint(VirtualSshServer.newHostKey().getPublic());
        DeviceException refused = assertThrows(DeviceException.class, () -> SshCli.open(endpoint(otherKey), dialect, operator, null));
        assertEquals("127.0.0.1:" + port + ": host key " + pinned + " does not match the pinned " + otherKey + "; refusing to talk to it",
                refused.getMessage());
    }

    @Test
    void theWatchdogRestoresAnUnconfirmedChangeOnRealFrr() throws Exception {
        ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor();
        try (CliRouterDriver driver = new CliRouterDriver("frr-interop", endpoint(pinned), frrDialect, operator, null, watchdogs)) {
            driver.open();
            String before = driver.runningConfig();
            // the intent is the owned part (the rest — no ip forwarding, no ipv6 forwarding — is the host's)
            String owned = frrDialect.owned(before, before);
            String unowned = frrDialect.unowned(before, owned);
            assertTrue(unowned.contains("no ipv6 forwarding\n"), unowned);
            driver.loadCandidate(owned.replace(" description LGWAN access line", " description moved to the new line")
                    .replace("ip route 100.64.0.0/10 192.0.2.18", "ip route 100.64.0.0/10 192.0.2.18\nip route 198.18.0.0/24 192.0.2.18"));
            assertEquals(RouterDriver.Guard.SERVICE_WATCHDOG, driver.commit(Duration.ofSeconds(2)));
            String pushed = driver.runningConfig();
            assertTrue(pushed.contains(" description moved to the new line\n") && pushed.contains("ip route 198.18.0.0/24 192.0.2.18\n"), pushed);
            assertEquals(unowned, frrDialect.unowned(pushed, owned), "the push left the host's lines alone");
            for (int i = 0; i < 100 && driver.watchdogOutcome().isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertEquals("restored", driver.watchdogOutcome().orElse("the watchdog never fired"));
            driver.loadCandidate(owned);
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
            assertEquals(unowned, frrDialect.unowned(driver.runningConfig(), owned), "so did the watchdog's restore");
            DeviceException late = assertThrows(DeviceException.class, driver::confirm);
            assertEquals("frr-interop: too late to confirm: restored", late.getMessage());
        } finally {
            watchdogs.shutdownNow();
        }
    }

    @Test
    void aConfirmedChangeStaysOnRealFrr() throws Exception {
        ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor();
        try (CliRouterDriver driver = new CliRouterDriver("frr-interop", endpoint(pinned), frrDialect, operator, null, watchdogs)) {
            driver.open();
            String before = driver.runningConfig();
            String owned = frrDialect.owned(before, before);
            driver.loadCandidate(owned.replace(" description LGWAN access line", " description confirmed change"));
            driver.commit(Duration.ofSeconds(2));
            driver.confirm();
            Thread.sleep(2500);
            assertTrue(driver.watchdogOutcome().isEmpty(), "the watchdog did not fire");
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
            assertEquals(frrDialect.unowned(before, owned), frrDialect.unowned(driver.runningConfig(), owned));
        } finally {
            watchdogs.shutdownNow();
        }
    }

    /**
     * A host whose login shell is bash (measured before: "no prompt within 15000 ms; last output: lgwan-ops@lgrt:~$"): the
     * dialect's session_start types {@code exec vtysh} at the shell's prompt and the push works as usual; without it,
     * the timeout names the likely cause.
     */
    @Test
    void aBashLoginShellReachesVtyshThroughSessionStart() throws Exception {
        console.close();
        console = OpenSshVtysh.startBehindBash(frr);
        ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor();
        try (CliRouterDriver driver = new CliRouterDriver("frr-interop", console.endpoint(), frrDialect, console.operator(), null, watchdogs)) {
            driver.open();
            String before = driver.runningConfig();
            assertTrue(before.contains(" description LGWAN access line\n"), before);
            String owned = frrDialect.owned(before, before);
            driver.loadCandidate(owned.replace(" description LGWAN access line", " description reached from bash"));
            driver.commit(Duration.ofSeconds(30));
            driver.confirm();
            assertTrue(driver.runningConfig().contains(" description reached from bash\n"));
        } finally {
            watchdogs.shutdownNow();
        }
        SshCli.Endpoint quick = new SshCli.Endpoint("127.0.0.1", console.port(), OpenSshVtysh.USER, console.pinned(), Duration.ofSeconds(3),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
        DeviceException lost = assertThrows(DeviceException.class, () -> SshCli.open(quick, dialect, console.operator(), null));
        assertTrue(lost.getMessage().contains("no prompt within 3000 ms; last output: ") && lost.getMessage().contains("$ ")
                && lost.getMessage().contains("the login did not reach the router's CLI prompt")
                && lost.getMessage().contains("cli.session_start"), lost.getMessage());
    }
}
