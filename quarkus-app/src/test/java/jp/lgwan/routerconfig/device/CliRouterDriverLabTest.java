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
        assertTrue(driver.runningConfig().contains("hostname " + SAPPORO + "\n"));
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
        driver.loadCandidate(before);
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
        String bad = render(inventory).replace("ip ssh version 2", "ip ssh version 2\nfrobnicate now");
        driver.loadCandidate(bad);
        DeviceException rejected = assertThrows(DeviceException.class, () -> driver.commit(Duration.ofMinutes(1)));
        assertTrue(rejected.getMessage().contains("the router rejected 'frobnicate now': % Invalid input detected at '^' marker."),
                rejected.getMessage());
        driver.loadCandidate(render(inventory));
        assertFalse(driver.compare().changed());
        assertFalse(lab.device().revertPending(), "rolled back at once, no timer left");
    }
}
