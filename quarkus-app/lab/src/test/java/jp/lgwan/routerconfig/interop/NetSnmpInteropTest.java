package jp.lgwan.routerconfig.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jp.lgwan.routerconfig.device.RouterSnapshot;
import jp.lgwan.routerconfig.device.SnmpException;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;
import jp.lgwan.routerconfig.lab.VirtualRouter;
import jp.lgwan.routerconfig.lab.VirtualSnmpAgent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real peers for the SNMP side: our probe against net-snmp's snmpd, and net-snmp's own client
 * against our lab agent. CI installs snmpd and snmp (.ci/run) and must run this; elsewhere it is
 * skipped with the reason when they are missing.
 */
class NetSnmpInteropTest {

    private static final Path SNMPD = Paths.get("/usr/sbin/snmpd");
    private static final Path SNMPBULKWALK = Paths.get("/usr/bin/snmpbulkwalk");

    @TempDir
    Path temp;

    @BeforeAll
    static void requireNetSnmp() {
        if (!Files.isExecutable(SNMPD) || !Files.isExecutable(SNMPBULKWALK)) {
            String missing = "net-snmp is not installed (apt-get install snmpd snmp)";
            if (System.getenv("CI") != null) {
                fail("CI must run the net-snmp interop test, but " + missing + "; .ci/run installs them");
            }
            Assumptions.abort("net-snmp interop test skipped: " + missing);
        }
    }

    @Test
    void theProbeReadsARealSnmpdOverV3Sha256AndV2c() throws Exception {
        int port = freeUdpPort();
        Process snmpd = snmpd(port, "interop-snmpd", null, true, "rocommunity lgwan-ro 127.0.0.1");
        try (SnmpProbe probe = new SnmpProbe()) {
            SnmpTarget v3 = new SnmpTarget("127.0.0.1", port, SnmpTarget.Version.V3, "lgwan-poller", SnmpAuthProtocol.SHA256,
                    "auth-key-for-tests", "priv-key-for-tests", null, Duration.ofSeconds(1), 3);
            RouterSnapshot snapshot = probe.poll(v3).get(30, TimeUnit.SECONDS);
            assertEquals("interop-snmpd", snapshot.sysName());
            assertTrue(snapshot.sysDescr().startsWith("Linux"), snapshot.sysDescr());
            RouterSnapshot.InterfaceStatus lo = snapshot.interfaceNamed("lo").orElseThrow(() -> new AssertionError(snapshot.interfaces().toString()));
            assertTrue(lo.adminUp() && lo.operUp(), lo.toString());
            assertTrue(snapshot.upTimeTicks() >= 0);

            SnmpTarget v2c = new SnmpTarget("127.0.0.1", port, SnmpTarget.Version.V2C, null, null, null, null, "lgwan-ro", Duration.ofSeconds(1), 2);
            assertEquals("interop-snmpd", probe.poll(v2c).get(30, TimeUnit.SECONDS).sysName());

            SnmpTarget wrongKey = new SnmpTarget("127.0.0.1", port, SnmpTarget.Version.V3, "lgwan-poller", SnmpAuthProtocol.SHA256,
                    "not-the-key-at-all", "priv-key-for-tests", null, Duration.ofSeconds(1), 0);
            ExecutionException failure = assertThrows(ExecutionException.class, () -> probe.poll(wrongKey).get(30, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof SnmpException, failure.toString());
            assertFalse(failure.getCause().getMessage().contains("not-the-key-at-all"));
        } finally {
            snmpd.destroy();
            snmpd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * An agent re-installed under the same address answers with a new engine id: the probe's next
     * requests carry the old one, and the agent answers each with a usmStatsUnknownEngineIDs report.
     * The probe must find the new engine by itself (no service restart) and say what happened.
     */
    @Test
    void aReinstalledAgentWithANewEngineIdIsFoundAgainWithoutARestart() throws Exception {
        int port = freeUdpPort();
        SnmpTarget v3 = new SnmpTarget("127.0.0.1", port, SnmpTarget.Version.V3, "lgwan-poller", SnmpAuthProtocol.SHA256,
                "auth-key-for-tests", "priv-key-for-tests", null, Duration.ofSeconds(1), 1);
        try (SnmpProbe probe = new SnmpProbe()) {
            RouterSnapshot before;
            Process first = snmpd(port, "before-reinstall", "lgwan-interop-1", true);
            try {
                before = probe.poll(v3).get(30, TimeUnit.SECONDS);
                assertEquals("before-reinstall", before.sysName());
            } finally {
                stop(first);
            }
            // the same host and port, a new installation: another engine id, engine boots from 1 again
            Process second = snmpd(port, "after-reinstall", "lgwan-interop-2", true);
            try {
                RouterSnapshot after = probe.poll(v3).get(30, TimeUnit.SECONDS);
                assertEquals("after-reinstall", after.sysName());
                assertNotEquals(before.engineId(), after.engineId());
                assertEquals(1, after.engineBoots().value(), after.engineBoots().toString());
            } finally {
                stop(second);
            }
            // re-installed once more, this time without the poller's user: the agent answers with reports, which say why
            Process third = snmpd(port, "without-the-user", "lgwan-interop-3", false);
            try {
                ExecutionException refused = assertThrows(ExecutionException.class, () -> probe.poll(v3).get(30, TimeUnit.SECONDS));
                assertInstanceOf(SnmpException.class, refused.getCause());
                assertTrue(refused.getCause().getMessage().endsWith(": refused: unknown user"), refused.getCause().getMessage());
            } finally {
                stop(third);
            }
        }
    }

    /** snmpd on loopback at {@code port}, with the engine id given (or its own), the poller's user or not, and {@code more} lines. */
    private Process snmpd(int port, String sysName, String engineId, boolean withUser, String... more) throws Exception {
        Path dir = Files.createTempDirectory(temp, sysName);
        Files.writeString(dir.resolve("snmpd.conf"), String.join("\n",
                "agentaddress udp:127.0.0.1:" + port,
                engineId == null ? "" : "engineID " + engineId,
                withUser ? "createUser lgwan-poller SHA-256 \"auth-key-for-tests\" AES \"priv-key-for-tests\"" : "",
                "rouser lgwan-poller priv",
                String.join("\n", more),
                "sysName " + sysName, ""));
        ProcessBuilder builder = new ProcessBuilder(SNMPD.toString(), "-f", "-C", "-c", dir.resolve("snmpd.conf").toString(),
                "-Lf", dir.resolve("snmpd.log").toString(), "-p", dir.resolve("snmpd.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.out").toFile());
        builder.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        builder.environment().put("MIBS", "");
        Process snmpd = builder.start();
        for (int i = 0; i < 100 && !(Files.exists(dir.resolve("snmpd.log")) && Files.readString(dir.resolve("snmpd.log")).contains("NET-SNMP version")); i++) {
            assertTrue(snmpd.isAlive(), "snmpd ended: " + Files.readString(dir.resolve("snmpd.out")));
            Thread.sleep(50);
        }
        return snmpd;
    }

    private static void stop(Process snmpd) throws InterruptedException {
        snmpd.destroy();
        snmpd.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void netSnmpReadsTheLabAgent() throws Exception {
        VirtualRouter router = new VirtualRouter("lgrt.town.interop.lgwan.jp", "lab router", Clock.systemUTC());
        router.addPort("GigabitEthernet0/0/0", 1000, "LGWAN access line", InterfaceMode.parse("100-full"));
        router.cable("GigabitEthernet0/0/0", InterfaceMode.parse("100-full"));
        try (VirtualSnmpAgent agent = VirtualSnmpAgent.start(router,
                SnmpTarget.v3("127.0.0.1", 0, "lgwan-poller", SnmpAuthProtocol.SHA256, "auth-key-for-tests", "priv-key-for-tests"))) {
            ProcessBuilder builder = new ProcessBuilder(SNMPBULKWALK.toString(), "-v3", "-l", "authPriv", "-u", "lgwan-poller", "-a", "SHA-256",
                    "-A", "auth-key-for-tests", "-x", "AES", "-X", "priv-key-for-tests", "-On", "-t", "2", "-r", "1",
                    "127.0.0.1:" + agent.port(), "1.3.6.1.2.1.31.1.1.1").redirectErrorStream(true);
            builder.environment().put("MIBS", "");
            Process walk = builder.start();
            String output = new String(walk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(walk.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, walk.exitValue(), output);
            List<String> lines = output.lines().toList();
            assertTrue(lines.contains(".1.3.6.1.2.1.31.1.1.1.1.1 = STRING: \"GigabitEthernet0/0/0\""), output);
            assertTrue(lines.contains(".1.3.6.1.2.1.31.1.1.1.15.1 = Gauge32: 100"), output);
            assertTrue(lines.contains(".1.3.6.1.2.1.31.1.1.1.18.1 = STRING: \"LGWAN access line\""), output);
        }
    }

    /**
     * net-snmp's own client against a lab Yamaha RTX (vendor-profiles.yaml: MIB-II only, HMAC-SHA1-96):
     * it authenticates with {@code -a SHA}, walks ifTable, and finds no ifXTable and no EtherLike-MIB.
     */
    @Test
    void netSnmpFindsMibTwoOnlyOnALabYamaha() throws Exception {
        Inventory sample = new InventoryLoader().load(Paths.get("inventory"), TestInventory.AS_OF).inventory();
        ConnectionRouter akaigawa = sample.router("lgrt.vill.akaigawa.lgwan.jp").orElseThrow();
        VirtualRouter router = VirtualRouter.of(sample, akaigawa, Clock.systemUTC());
        try (VirtualSnmpAgent agent = VirtualSnmpAgent.start(router,
                SnmpTarget.v3("127.0.0.1", 0, "lgwan-poller", sample.snmpAuth(akaigawa), "auth-key-for-tests", "priv-key-for-tests"))) {
            assertEquals(List.of(".1.3.6.1.2.1.2.2.1.2.1 = STRING: \"LAN2\"", ".1.3.6.1.2.1.2.2.1.2.2 = STRING: \"LAN1\""),
                    walk(agent, "SHA", "1.3.6.1.2.1.2.2.1.2"));
            for (String absent : List.of("1.3.6.1.2.1.31.1.1.1", "1.3.6.1.2.1.10.7.2.1")) {
                List<String> lines = walk(agent, "SHA", absent);
                // net-snmp says so in one line ("No more variables left in this MIB View"), with no value under the OID
                assertTrue(lines.size() == 1 && lines.stream().noneMatch(l -> l.startsWith("." + absent + ".")), absent + ": " + lines);
            }
        }
    }

    /** {@code snmpbulkwalk -v3 -a AUTH} of {@code oid} on the lab agent, its output lines. */
    private static List<String> walk(VirtualSnmpAgent agent, String auth, String oid) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(SNMPBULKWALK.toString(), "-v3", "-l", "authPriv", "-u", "lgwan-poller", "-a", auth,
                "-A", "auth-key-for-tests", "-x", "AES", "-X", "priv-key-for-tests", "-On", "-t", "5", "-r", "1",
                "127.0.0.1:" + agent.port(), oid).redirectErrorStream(true);
        builder.environment().put("MIBS", "");
        Process walk = builder.start();
        String output = new String(walk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(walk.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, walk.exitValue(), output);
        return output.lines().toList();
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
