package jp.lgwan.routerconfig.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
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
 * A lab router at the end of a long line with a slow commit (what the window benchmark's second
 * condition uses): logins, CLI answers, SNMP answers and the commit take at least as long as set.
 * Lower bounds only: a busy machine may make anything slower.
 */
class LabLineEmulationTest {

    private static final String SAPPORO = "lgrt.city.sapporo.lgwan.jp";
    private static final Duration RTT = Duration.ofMillis(60);
    private static final Duration COMMIT = Duration.ofMillis(400);
    private static final SnmpTarget SNMP = SnmpTarget.v3("127.0.0.1", 0, "lgwan-poller", SnmpAuthProtocol.SHA256, "auth-key-for-tests",
            "priv-key-for-tests");

    @TempDir
    Path temp;

    private final CliRouterDriverLabTest.Timers timers = new CliRouterDriverLabTest.Timers();
    private KeyPair operator;
    private LabRouter lab;

    @BeforeEach
    void start() throws Exception {
        Inventory inventory = TestInventory.copyOfMinimal(temp).load().inventory();
        operator = VirtualSshServer.newHostKey();
        String boot = new ConfigRenderer(Path.of("templates")).render(inventory, inventory.router(SAPPORO).orElseThrow()).text();
        lab = LabRouter.start(inventory, inventory.router(SAPPORO).orElseThrow(), boot, operator.getPublic(), SNMP, Clock.systemUTC(), timers);
        lab.roundTrip(RTT);
        lab.commitDelay(COMMIT);
    }

    @AfterEach
    void stop() throws Exception {
        lab.close();
        timers.shutdownNow();
    }

    @Test
    void loginAnswersAndCommitTakeTheirTime() throws Exception {
        SshCli.Endpoint endpoint = new SshCli.Endpoint("127.0.0.1", lab.sshPort(), "operator", SshCli.fingerprint(lab.hostKey()),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
        Dialect.Cli cli = Dialect.load(Path.of("templates"), "cisco-iosxe").cli();
        long t0 = System.nanoTime();
        try (SshCli session = SshCli.open(endpoint, new SshCli.Dialect(cli.prompt(), cli.errors()), operator, null)) {
            long login = millisSince(t0);
            assertTrue(login >= RTT.toMillis() * LabRouter.LOGIN_ROUND_TRIPS, "login took " + login + " ms");

            long t1 = System.nanoTime();
            session.command("terminal length 0");
            long answer = millisSince(t1);
            assertTrue(answer >= RTT.toMillis() && answer < COMMIT.toMillis(), "a plain answer took " + answer + " ms");

            session.command("configure terminal");
            session.command("interface GigabitEthernet0/0/1");
            session.command("description slow line");
            long t2 = System.nanoTime();
            session.command("end");
            long commit = millisSince(t2);
            assertTrue(commit >= RTT.toMillis() + COMMIT.toMillis(), "the commit (end) took " + commit + " ms");
            assertEquals("slow line", lab.state().portView("GigabitEthernet0/0/1").orElseThrow().description());
        }
    }

    @Test
    void snmpAnswersComeOneRoundTripLate() throws Exception {
        try (SnmpProbe probe = new SnmpProbe()) {
            SnmpTarget target = SnmpTarget.v3("127.0.0.1", lab.snmpPort(), SNMP.user(), SNMP.auth(), SNMP.authKey(), SNMP.privKey());
            probe.poll(target).get(10, TimeUnit.SECONDS); // engine discovery is not delayed; the requests are
            long t0 = System.nanoTime();
            RouterSnapshot snapshot = probe.poll(target).get(10, TimeUnit.SECONDS);
            long poll = millisSince(t0);
            assertEquals(SAPPORO, snapshot.sysName());
            assertTrue(poll >= RTT.toMillis(), "a poll took " + poll + " ms");
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
