package jp.lgwan.routerconfig.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.lab.TestClock;
import jp.lgwan.routerconfig.lab.VirtualRouter;
import jp.lgwan.routerconfig.lab.VirtualSnmpAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SNMP probe against virtual routers' agents on loopback: real SNMPv3 and v2c on the wire. */
class SnmpProbeLabTest {

    private static final String SAPPORO = "lgrt.city.sapporo.lgwan.jp";
    private static final String WAN = "GigabitEthernet0/0/0";
    private static final SnmpTarget CREDENTIALS = SnmpTarget.v3("127.0.0.1", 0, "lgwan-poller", SnmpAuthProtocol.SHA256, "auth-key-for-tests", "priv-key-for-tests");

    @TempDir
    Path temp;

    private final TestClock clock = new TestClock();
    private final List<AutoCloseable> open = new ArrayList<>();
    private Inventory inventory;
    private SnmpProbe probe;

    @BeforeEach
    void start() throws Exception {
        inventory = TestInventory.copyOfMinimal(temp).load().inventory();
        probe = new SnmpProbe();
        open.add(probe);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    private VirtualRouter router(String hostname) {
        return VirtualRouter.of(inventory, inventory.router(hostname).orElseThrow(), clock);
    }

    /**
     * An agent for {@code router} and how to poll it. Requests wait 5 s: on this 2-core machine at a load
     * average of 30, 100 agents and the probe in one JVM answered some requests after more than 2 s.
     */
    private SnmpTarget agent(VirtualRouter router, SnmpTarget credentials) throws Exception {
        VirtualSnmpAgent agent = VirtualSnmpAgent.start(router, credentials);
        open.add(agent);
        return new SnmpTarget("127.0.0.1", agent.port(), credentials.version(), credentials.user(), credentials.auth(), credentials.authKey(),
                credentials.privKey(), credentials.community(), Duration.ofSeconds(5), 2);
    }

    private RouterSnapshot poll(SnmpTarget target) throws Exception {
        return probe.poll(target).get(10, TimeUnit.SECONDS);
    }

    @Test
    void readsSystemAndInterfacesOverSnmpV3Sha256() throws Exception {
        RouterSnapshot snapshot = poll(agent(router(SAPPORO), CREDENTIALS));
        assertEquals(SAPPORO, snapshot.sysName());
        assertEquals("Cisco C8200L-1N-4T 17.9.4", snapshot.sysDescr());
        assertEquals(2, snapshot.interfaces().size());
        RouterSnapshot.InterfaceStatus wan = snapshot.interfaceNamed(WAN).orElseThrow();
        assertEquals(new RouterSnapshot.InterfaceStatus(1, WAN, "ifName", "LGWAN access line", true, true, 100, "ifHighSpeed",
                RouterSnapshot.Duplex.FULL, 0, 0), wan);
        // the LAN port runs auto towards nothing modeled: the model's fastest speed
        assertEquals(1000, snapshot.interfaceNamed("GigabitEthernet0/0/1").orElseThrow().speedMbps());
    }

    @Test
    void sha1AndV2cWorkWhereTheInventorySaysSo() throws Exception {
        SnmpTarget v2c = SnmpTarget.v2c("127.0.0.1", 0, "lgwan-ro");
        assertEquals(SAPPORO, poll(agent(router(SAPPORO), v2c)).sysName(), "v2c");
        SnmpTarget sha1 = SnmpTarget.v3("127.0.0.1", 0, "old-poller", SnmpAuthProtocol.SHA1, "sha1-auth-key", "sha1-priv-key");
        assertEquals(SAPPORO, poll(agent(router(SAPPORO), sha1)).sysName(), "v3 with SHA-1");
    }

    @Test
    void wrongKeysOrCommunityFailWithAClearError() throws Exception {
        SnmpTarget good = agent(router(SAPPORO), CREDENTIALS);
        SnmpTarget wrongKey = new SnmpTarget(good.host(), good.port(), good.version(), good.user(), good.auth(), "not-the-auth-key",
                good.privKey(), null, Duration.ofMillis(300), 0);
        ExecutionException failure = assertThrows(ExecutionException.class, () -> probe.poll(wrongKey).get(10, TimeUnit.SECONDS));
        assertInstanceOf(SnmpException.class, failure.getCause());
        assertFalse(failure.getCause().getMessage().contains("not-the-auth-key"), "keys never appear in errors");

        SnmpTarget v2c = agent(router(SAPPORO), SnmpTarget.v2c("127.0.0.1", 0, "lgwan-ro"));
        SnmpTarget wrongCommunity = new SnmpTarget(v2c.host(), v2c.port(), v2c.version(), null, null, null, null, "public", Duration.ofMillis(300), 0);
        failure = assertThrows(ExecutionException.class, () -> probe.poll(wrongCommunity).get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("no response"), failure.getCause().getMessage());
    }

    @Test
    void verificationPassesWhenTheLineMatchesTheIntendedMode() throws Exception {
        VirtualRouter router = router(SAPPORO);
        SnmpTarget target = agent(router, CREDENTIALS);
        RouterSnapshot baseline = poll(target);
        clock.advance(Duration.ofSeconds(30));
        RouterSnapshot first = poll(target);
        clock.advance(Duration.ofSeconds(5));
        RouterSnapshot second = poll(target);
        Verification.Result result = Verification.of(intended(SAPPORO), baseline, first, second, false);
        assertTrue(result.passed(), result.toString());
        assertEquals(List.of("wan-up", "wan-speed", "wan-duplex", "wan-description", "wan-errors-not-rising", "restart"),
                result.checks().stream().map(Verification.Check::name).toList());
    }

    @Test
    void aDeviceLeftOnAutoAgainstAFixedPortShowsRisingErrors() throws Exception {
        VirtualRouter router = router(SAPPORO);
        router.cable(WAN, InterfaceMode.AUTO);
        SnmpTarget target = agent(router, CREDENTIALS);
        RouterSnapshot first = poll(target);
        clock.advance(Duration.ofSeconds(5));
        RouterSnapshot second = poll(target);
        Verification.Result result = Verification.of(intended(SAPPORO), null, first, second, false);
        assertEquals(List.of("wan-errors-not-rising"), result.failed().stream().map(Verification.Check::name).toList(), result.toString());
        assertTrue(result.failed().get(0).actual().startsWith("+125 in, +0 out in "), result.failed().get(0).actual());
    }

    @Test
    void aFixedSpeedMismatchTakesTheLinkDown() throws Exception {
        VirtualRouter router = router(SAPPORO);
        router.cable(WAN, InterfaceMode.parse("1000-full"));
        SnmpTarget target = agent(router, CREDENTIALS);
        Verification.Result result = Verification.of(intended(SAPPORO), null, poll(target), poll(target), false);
        assertEquals(List.of("wan-up", "wan-speed", "wan-duplex"), result.failed().stream().map(Verification.Check::name).toList(), result.toString());
        assertEquals("admin up, oper down", result.failed().get(0).actual());
    }

    @Test
    void anAutoPortAgainstAFixedDeviceFallsToHalfDuplex() throws Exception {
        // Ehime's WAN runs auto; its ONU forced to 100-full makes the router fall back to half duplex
        String ehime = "lgrt.pref.ehime.lgwan.jp";
        VirtualRouter router = router(ehime);
        router.cable("lan2", InterfaceMode.parse("100-full"));
        SnmpTarget target = agent(router, CREDENTIALS);
        RouterSnapshot first = poll(target);
        clock.advance(Duration.ofSeconds(2));
        Verification.Result result = Verification.of(intended(ehime), null, first, poll(target), false);
        assertEquals(List.of("wan-speed", "wan-duplex", "wan-errors-not-rising"), result.failed().stream().map(Verification.Check::name).toList(),
                result.toString());
    }

    @Test
    void anUnexpectedRestartIsCaughtAndAnExpectedOneIsRequired() throws Exception {
        VirtualRouter router = router(SAPPORO);
        SnmpTarget target = agent(router, CREDENTIALS);
        clock.advance(Duration.ofHours(1));
        RouterSnapshot baseline = poll(target);
        router.reboot();
        clock.advance(Duration.ofMinutes(10));
        RouterSnapshot after = poll(target);
        assertEquals(List.of("restart"), Verification.of(intended(SAPPORO), baseline, after, after, false).failed().stream()
                .map(Verification.Check::name).toList());
        assertTrue(Verification.of(intended(SAPPORO), baseline, after, after, true).passed());
    }

    @Test
    void pollsManyRoutersAtOnce() throws Exception {
        List<CompletableFuture<RouterSnapshot>> polls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            polls.add(probe.poll(agent(router(SAPPORO), CREDENTIALS)));
        }
        CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (CompletableFuture<RouterSnapshot> poll : polls) {
            assertEquals(SAPPORO, poll.get().sysName());
        }
    }

    /** The sample inventory, whose vendor profiles say what each platform's agent exposes. */
    private static Inventory sample() throws Exception {
        return new jp.lgwan.routerconfig.inventory.load.InventoryLoader().load(java.nio.file.Paths.get("inventory"), TestInventory.AS_OF).inventory();
    }

    /**
     * A Yamaha RTX's agent has MIB-II and its private MIB only (vendor-profiles.yaml yamaha-rtx): the lab
     * agent has no ifXTable and no EtherLike-MIB, takes HMAC-SHA1-96, and the probe finds the WAN by ifDescr.
     */
    @Test
    void aYamahaAgentHasMibTwoOnlyAndTakesSha1() throws Exception {
        Inventory sample = sample();
        ConnectionRouter akaigawa = sample.router("lgrt.vill.akaigawa.lgwan.jp").orElseThrow();
        assertEquals(jp.lgwan.routerconfig.inventory.SnmpAuthProtocol.SHA1, sample.snmpAuth(akaigawa));
        VirtualRouter router = VirtualRouter.of(sample, akaigawa, clock);
        SnmpTarget target = agent(router, SnmpTarget.v3("127.0.0.1", 0, "lgwan-poller", sample.snmpAuth(akaigawa), "auth-key-for-tests",
                "priv-key-for-tests"));
        Verification.IntendedWan wan = Verification.IntendedWan.of(sample, akaigawa);
        assertTrue(wan.needsCli());
        RouterSnapshot snapshot = probe.poll(target, wan.snmp().objects()).get(10, TimeUnit.SECONDS);
        RouterSnapshot.InterfaceStatus lan2 = snapshot.interfaceNamed("lan2").orElseThrow(() -> new AssertionError(snapshot.interfaces()));
        assertEquals(new RouterSnapshot.InterfaceStatus(1, "LAN2", "ifDescr", null, true, true, 1000, "ifSpeed", null, 0, 0), lan2);
        assertEquals("msgAuthoritativeEngineBoots (SNMPv3 header)", snapshot.engineBoots().source());
        assertEquals(1, snapshot.engineBoots().value());
        // even asked for, the agent has none of them
        RouterSnapshot asked = probe.poll(target).get(10, TimeUnit.SECONDS);
        assertEquals("", asked.interfaceNamed("lan2").orElseThrow().alias(), "no ifAlias answered");
        assertEquals("ifDescr", asked.interfaceNamed("lan2").orElseThrow().nameSource());

        // the poller asking with SHA-256, as it did for every router before: refused, and said so
        SnmpTarget sha256 = new SnmpTarget(target.host(), target.port(), target.version(), target.user(),
                jp.lgwan.routerconfig.inventory.SnmpAuthProtocol.SHA256, target.authKey(), target.privKey(), null, Duration.ofMillis(500), 0);
        ExecutionException refused = assertThrows(ExecutionException.class, () -> probe.poll(sha256).get(10, TimeUnit.SECONDS));
        assertInstanceOf(SnmpException.class, refused.getCause());
    }

    /**
     * The restart check on the lab's agents: an FRR router's snmpd restarting alone is no restart (the
     * host's hrSystemUptime goes on), its host rebooting is; a device's restart shows as an engine boot.
     */
    @Test
    void theRestartCheckReadsTheRoutersUptimeNotTheAgents() throws Exception {
        Inventory sample = sample();
        ConnectionRouter frr = sample.router("lgrt.iryokouiki.hokkaido.lgwan.jp").orElseThrow();
        VirtualRouter host = VirtualRouter.of(sample, frr, clock);
        SnmpTarget target = agent(host, SnmpTarget.v3("127.0.0.1", 0, "lgwan-poller", sample.snmpAuth(frr), "auth-key-for-tests", "priv-key-for-tests"));
        Verification.IntendedWan wan = Verification.IntendedWan.of(sample, frr);
        clock.advance(Duration.ofHours(1));
        RouterSnapshot baseline = probe.poll(target, wan.snmp().objects()).get(10, TimeUnit.SECONDS);
        clock.advance(Duration.ofMinutes(5));
        host.restartAgent();
        clock.advance(Duration.ofSeconds(3));
        RouterSnapshot afterAgent = probe.poll(target, wan.snmp().objects()).get(10, TimeUnit.SECONDS);
        assertEquals(300, afterAgent.upTimeTicks(), "the agent's own uptime started again");
        assertEquals(2, afterAgent.engineBoots().value());
        Verification.Check restart = Verification.of(wan, baseline, afterAgent, afterAgent, false).checks().stream()
                .filter(c -> c.name().equals("restart")).findFirst().orElseThrow();
        assertEquals(new Verification.Check("restart", true, "no restart", "no restart (hrSystemUptime 360000 -> 390300, sysUpTime 360000 -> 300)",
                "snmp hrSystemUptime 1.3.6.1.2.1.25.1.1.0"), restart);

        host.reboot();
        clock.advance(Duration.ofMinutes(2));
        RouterSnapshot afterReboot = probe.poll(target, wan.snmp().objects()).get(10, TimeUnit.SECONDS);
        assertTrue(Verification.of(wan, baseline, afterReboot, afterReboot, true).passed());
        assertEquals(List.of("restart"), Verification.of(wan, baseline, afterReboot, afterReboot, false).failed().stream()
                .map(Verification.Check::name).toList());
    }

    private Verification.IntendedWan intended(String hostname) {
        ConnectionRouter router = inventory.router(hostname).orElseThrow();
        return Verification.IntendedWan.of(inventory, router);
    }
}
