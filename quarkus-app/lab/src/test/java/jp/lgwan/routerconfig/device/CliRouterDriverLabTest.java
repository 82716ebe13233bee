package jp.lgwan.routerconfig.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.lab.IosXeCli;
import jp.lgwan.routerconfig.lab.LabRouter;
import jp.lgwan.routerconfig.lab.VirtualSshServer;
import jp.lgwan.routerconfig.render.ConfigDiff;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole device path against a lab IOS-XE router: SSH with a pinned host key, running config,
 * compare, commit under the router's own revert timer, the result seen over SNMP, and the timer
 * really reverting an unconfirmed change.
 */
class CliRouterDriverLabTest {

    private static final String SAPPORO = "lgrt.city.sapporo.lgwan.jp";
    private static final String SAPPORO_FILE = "organizations/011002-sapporo.yaml";
    private static final SnmpTarget SNMP = SnmpTarget.v3("127.0.0.1", 0, "lgwan-poller", SnmpAuthProtocol.SHA256, "auth-key-for-tests", "priv-key-for-tests");

    /** Revert timers that fire when the test says so. */
    static final class Timers extends ScheduledThreadPoolExecutor {
        private final List<ScheduledFuture<?>> futures = new ArrayList<>();
        private final List<Runnable> tasks = new ArrayList<>();

        Timers() {
            super(1);
        }

        @Override
        public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            ScheduledFuture<?> future = super.schedule(command, 365, TimeUnit.DAYS);
            futures.add(future);
            tasks.add(command);
            return future;
        }

        synchronized void expireAll() {
            for (int i = 0; i < futures.size(); i++) {
                if (futures.get(i).cancel(false)) {
                    tasks.get(i).run();
                }
            }
        }
    }

    @TempDir
    Path temp;

    private final Timers timers = new Timers();
    private TestInventory files;
    private Inventory inventory;
    private KeyPair operator;
    private LabRouter lab;
    private CliRouterDriver driver;
    private SnmpProbe probe;

    @BeforeEach
    void start() throws Exception {
        files = TestInventory.copyOfMinimal(temp);
        inventory = files.load().inventory();
        operator = VirtualSshServer.newHostKey();
        String boot = render(inventory);
        lab = LabRouter.start(inventory, inventory.router(SAPPORO).orElseThrow(), boot, operator.getPublic(), SNMP, Clock.systemUTC(), timers);
        SshCli.Endpoint endpoint = new SshCli.Endpoint("127.0.0.1", lab.sshPort(), "operator", SshCli.fingerprint(lab.hostKey()),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
        driver = new CliRouterDriver(SAPPORO, endpoint, Dialect.load(Path.of("templates"), "cisco-iosxe"), operator, null);
        driver.open();
        probe = new SnmpProbe();
    }

    @AfterEach
    void stop() throws Exception {
        driver.close();
        probe.close();
        lab.close();
        timers.shutdownNow();
    }

    private static String render(Inventory inventory) throws Exception {
        return new ConfigRenderer(Path.of("templates")).render(inventory, inventory.router(SAPPORO).orElseThrow()).text();
    }

    private RouterSnapshot.InterfaceStatus wan() throws Exception {
        SnmpTarget target = new SnmpTarget("127.0.0.1", lab.snmpPort(), SNMP.version(), SNMP.user(), SNMP.auth(), SNMP.authKey(), SNMP.privKey(),
                null, Duration.ofSeconds(2), 1);
        return probe.poll(target).get(10, TimeUnit.SECONDS).interfaceNamed("GigabitEthernet0/0/0").orElseThrow();
    }

    private String candidate(String from, String to) throws Exception {
        files.replace(SAPPORO_FILE, from, to);
        return render(files.load().inventory());
    }

    @Test
    void theRunningConfigOfAFreshRouterIsTheIntendedOne() throws Exception {
        driver.loadCandidate(render(inventory));
        ConfigDiff diff = driver.compare();
        assertFalse(diff.changed(), diff.unifiedDiff());
        // the first label, the rest as the domain (IOS hostnames take no dots)
        assertTrue(driver.runningConfig().contains("hostname lgrt\nip domain name city.sapporo.lgwan.jp\n"));
    }

    @Test
    void aPushReadsTheRunningConfigOnceAndComparesAfreshOnceItChangedTheRouter() throws Exception {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        // the lab's per-line hook sees every line the router is sent
        lab.ssh().commitDelay(Duration.ofMillis(1), line -> {
            if (line.strip().equals("show running-config")) {
                reads.incrementAndGet();
            }
            return false;
        });
        String before = driver.runningConfig(); // the backup
        driver.loadCandidate(candidate("description: LGWAN access line", "description: LGWAN access line (renumbered)"));
        assertTrue(driver.compare().changed());
        driver.commit(Duration.ofMinutes(2));
        assertEquals(1, reads.get(), "backup, compare and the commit's plan work from one reading");

        driver.confirm();
        assertFalse(driver.compare().changed(), "after its own change the driver reads the router again");
        assertEquals(2, reads.get());
        driver.loadBackup(before, render(inventory));
        assertTrue(driver.compare().changed(), "compared with the same (new) reading");
        assertEquals(2, reads.get());
    }

    @Test
    void anUnconfirmedChangeRevertsWhenTheTimerExpires() throws Exception {
        assertEquals(100, wan().speedMbps());
        driver.loadCandidate(candidate("description: LGWAN access line\n        mode: 100-full", "description: LGWAN access line\n        mode: 1000-full"));
        ConfigDiff diff = driver.compare();
        assertEquals(List.of("interface GigabitEthernet0/0/0"), diff.sections().stream().map(ConfigDiff.SectionChange::section).toList(),
                diff.unifiedDiff());
        assertEquals(RouterDriver.Guard.DEVICE_TIMER, driver.commit(Duration.ofMinutes(2)));
        // the termination device still runs 100-full: a port forced to 1000 loses the link
        assertFalse(wan().operUp(), "link down after the push");
        timers.expireAll();
        RouterSnapshot.InterfaceStatus reverted = wan();
        assertTrue(reverted.operUp(), "the router's own timer put the old config back");
        assertEquals(100, reverted.speedMbps());
        driver.loadCandidate(render(inventory));
        assertFalse(driver.compare().changed(), "running config is the original again");
    }

    @Test
    void aConfirmedChangeStays() throws Exception {
        driver.loadCandidate(candidate("description: LGWAN access line", "description: LGWAN access line 1F rack 2"));
        driver.commit(Duration.ofMinutes(1));
        driver.confirm();
        timers.expireAll();
        assertEquals("LGWAN access line 1F rack 2", wan().alias());
        assertFalse(driver.compare().changed());
    }

    @Test
    void aLineTheRouterRejectsIsNamedAndNothingStays() throws Exception {
        String bad = render(inventory).replace("ip ssh version 2", "ip ssh version 2\nip ssh version 3");
        driver.loadCandidate(bad);
        DeviceException rejected = assertThrows(DeviceException.class, () -> driver.commit(Duration.ofMinutes(1)));
        assertTrue(rejected.getMessage().contains("the router rejected 'ip ssh version 3': % Invalid input detected at '^' marker."),
                rejected.getMessage());
        driver.loadCandidate(render(inventory));
        assertFalse(driver.compare().changed());
        assertFalse(lab.device().revertPending(), "rolled back at once, no timer left");
    }

    /** Types on the lab router as its operator would, outside the driver. */
    private String onTheRouter(String... lines) {
        jp.lgwan.routerconfig.lab.CliSession session = ((IosXeCli.Device) lab.device()).newSession();
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(session.handle(line));
        }
        return out.toString();
    }

    @Test
    void withoutTheArchiveNothingIsPushedAndTheRefusalSaysWhy() throws Exception {
        onTheRouter("configure terminal", "no archive", "end");
        java.util.List<String> before = lab.device().runningConfig();
        driver.loadCandidate(candidate("description: LGWAN access line", "description: LGWAN access line 1F"));
        DeviceException refused = assertThrows(DeviceException.class, () -> driver.commit(Duration.ofMinutes(1)));
        assertTrue(refused.getMessage().contains("nothing pushed: the revert timer needs the archive feature")
                && refused.getMessage().contains("('show archive' says 'Archive feature not enabled')"), refused.getMessage());
        assertEquals(before, lab.device().runningConfig());
        assertFalse(lab.device().revertPending());
    }

    @Test
    void theRevertTimerIsKeptWithinTheMinutesIosTakes() throws Exception {
        driver.loadCandidate(candidate("description: LGWAN access line", "description: LGWAN access line 1F"));
        PushPlan plan = driver.plan(Duration.ofHours(5));
        assertEquals("configure terminal revert timer 120", plan.commands().get(0), plan.toString());
        assertEquals("configure terminal revert timer 1", driver.plan(Duration.ofSeconds(10)).commands().get(0));
        assertEquals("configure terminal revert timer 2", driver.plan(Duration.ofSeconds(61)).commands().get(0), "rounded up");
        driver.commit(Duration.ofHours(5));
        assertTrue(onTheRouter("show archive config rollback timer").contains("Timer value: 120 min"));
    }

    @Test
    void aPlanIsTheExactCommandsTheCommitTypes() throws Exception {
        java.util.List<String> typed = new java.util.concurrent.CopyOnWriteArrayList<>();
        lab.ssh().commitDelay(Duration.ofMillis(1), line -> typed.add(line.strip()) && false);
        driver.loadCandidate(candidate("description: LGWAN access line", "description: LGWAN access line 1F"));
        PushPlan plan = driver.plan(Duration.ofMinutes(2));
        assertEquals(java.util.List.of("configure terminal revert timer 2", "interface GigabitEthernet0/0/0", "description LGWAN access line 1F",
                "exit", "end"), plan.commands());
        assertEquals(3, plan.changes(), "the lines between entering and leaving configuration mode");
        typed.clear();
        driver.commit(Duration.ofMinutes(2));
        assertEquals(plan.commands(), typed.stream().filter(l -> !l.startsWith("show ")).toList());
    }

    /** show-run's ^C is two characters; typed literally, ^ would be the delimiter and C a stray letter: one character is typed. */
    @Test
    void aBannerIsTypedWithADelimiterItsTextLacks() throws Exception {
        String banner = render(inventory).lines().dropWhile(l -> !l.startsWith("banner login")).skip(1).findFirst().orElseThrow();
        driver.loadCandidate(render(inventory).replace(banner, banner + " #1 & 100% ~ @home"));
        PushPlan plan = driver.plan(Duration.ofMinutes(1));
        int at = plan.commands().indexOf("banner login $");
        assertTrue(at > 0, plan.toString());
        assertEquals(java.util.List.of("banner login $", banner + " #1 & 100% ~ @home", "$"), plan.commands().subList(at, at + 3));
        driver.commit(Duration.ofMinutes(1));
        driver.confirm();
        assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
        assertTrue(lab.device().runningConfig().contains("banner login ^C"), "shown with ^C as IOS does");
    }

    /** IOS never shows snmp-server user: present per show snmp user, it is not typed again; missing, it is. */
    @Test
    void theSnmpUserIsComparedByPresence() throws Exception {
        driver.loadCandidate(render(inventory));
        assertFalse(driver.compare().changed());
        onTheRouter("configure terminal", "no snmp-server user lgwan-poller LGWAN-POLLER v3", "end");
        driver.loadCandidate(render(inventory));
        ConfigDiff missing = driver.compare();
        assertTrue(missing.changed());
        assertTrue(missing.unifiedDiff().contains("+snmp-server user lgwan-poller LGWAN-POLLER v3 auth sha-2 256"), missing.unifiedDiff());
        // the lab boots with the placeholders as the secrets: filled in, the user is typed back
        String filled = render(inventory).replace("{{secret:snmp/verification-poller:auth}}", "auth-key-1").replace("{{secret:snmp/verification-poller:priv}}", "priv-key-1");
        driver.loadCandidate(filled);
        driver.commit(Duration.ofMinutes(1));
        driver.confirm();
        assertTrue(((IosXeCli.Device) lab.device()).snmpUsers().get("lgwan-poller").contains("auth-key-1"));
        assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
    }

    /** A placeholder left in a line would become the router's key: refused before anything is typed. */
    @Test
    void aSecretNotFilledInIsNeverTyped() throws Exception {
        onTheRouter("configure terminal", "no snmp-server user lgwan-poller LGWAN-POLLER v3", "end");
        java.util.List<String> before = lab.device().runningConfig();
        driver.loadCandidate(render(inventory));
        DeviceException refused = assertThrows(DeviceException.class, () -> driver.commit(Duration.ofMinutes(1)));
        assertTrue(refused.getMessage().contains("holds a secret that is not filled in"), refused.getMessage());
        assertFalse(refused.getMessage().contains("verification-poller"), "no secret name either: " + refused.getMessage());
        assertEquals(before, lab.device().runningConfig());
        assertTrue(((IosXeCli.Device) lab.device()).snmpUsers().isEmpty());
    }

    /** A question the driver does not expect ([confirm] before removing a user) is declined and named, never waited on. */
    @Test
    void anUnexpectedConfirmIsDeclinedAndNamed() throws Exception {
        Dialect ios = Dialect.load(Path.of("templates"), "cisco-iosxe");
        SshCli.Endpoint endpoint = new SshCli.Endpoint("127.0.0.1", lab.sshPort(), "operator", SshCli.fingerprint(lab.hostKey()),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
        try (SshCli session = SshCli.open(endpoint, new SshCli.Dialect(ios.cli().prompt(), ios.cli().errors()), operator, null)) {
            session.decline(ios.cli().question().prompt(), ios.cli().question().answer());
            session.command("configure terminal");
            DeviceException asked = assertThrows(DeviceException.class, () -> session.command("no username lgwan-admin"));
            assertTrue(asked.getMessage().contains("the router asked '" + IosXeCli.REMOVE_USER + "' after 'no username lgwan-admin'; answered 'n'"),
                    asked.getMessage());
            session.command("end");
        }
        assertTrue(lab.device().runningConfig().stream().anyMatch(l -> l.startsWith("username lgwan-admin ")), "the user stays");
    }
}
