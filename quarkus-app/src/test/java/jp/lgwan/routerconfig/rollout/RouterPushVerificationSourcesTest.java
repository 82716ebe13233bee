package jp.lgwan.routerconfig.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.lab.LabFleet;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The post-check of a push reads each fact where the router's platform has it and records the
 * source: a Yamaha RTX (MIB-II only, SNMPv3 with HMAC-SHA1-96) is polled with SHA-1 and has its
 * speed, duplex and description read on the CLI; an IOS-XE router has all of them over SNMP.
 */
class RouterPushVerificationSourcesTest {

    private static final String AKAIGAWA = "lgrt.vill.akaigawa.lgwan.jp";
    private static final String SAPPORO = "lgrt.city.sapporo.lgwan.jp";

    private final RecordingLedger ledger = new RecordingLedger();
    private final Inventory inventory;
    private LabFleet fleet;
    private SnmpProbe probe;
    private ScheduledExecutorService watchdogs;

    RouterPushVerificationSourcesTest() throws Exception {
        inventory = new InventoryLoader().load(Path.of("inventory"), TestInventory.AS_OF).inventory();
    }

    @AfterEach
    void stop() throws Exception {
        if (watchdogs != null) {
            watchdogs.shutdownNow();
        }
        if (probe != null) {
            probe.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    /** Starts {@code hostname} in the lab running its intended config with an old WAN description, and pushes the intent. */
    private RouterPush.Outcome pushDescription(String hostname, java.util.function.Consumer<LabFleet> before) throws Exception {
        return pushDescription(hostname, before, null);
    }

    /** As above, forced past a pre-existing fault by {@code force} (null: not forced). */
    private RouterPush.Outcome pushDescription(String hostname, java.util.function.Consumer<LabFleet> before, RouterPush.Force force)
            throws Exception {
        ConnectionRouter router = inventory.router(hostname).orElseThrow();
        String intended = new ConfigRenderer(Path.of("templates")).render(inventory, router).text();
        Verification.IntendedWan wan = Verification.IntendedWan.of(inventory, router);
        String running = intended.replace(wan.description(), wan.description() + " old");
        assertFalse(running.equals(intended));
        fleet = LabFleet.start(inventory, r -> r.hostname().equals(hostname) ? Optional.of(running) : Optional.empty(), Clock.systemUTC());
        before.accept(fleet);
        RouterPush.Target target = new RouterPush.Target(hostname, fleet.resolveSecrets(intended), Dialect.load(Path.of("templates"),
                router.vendorProfile()), wan, fleet.access(router)).forced(force);
        probe = new SnmpProbe();
        watchdogs = Executors.newSingleThreadScheduledExecutor();
        return new RouterPush(probe, watchdogs, RolloutPolicy.defaults(Duration.ZERO, "test"), Clock.systemUTC()).run(target, ledger);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> postCheck() {
        return ((List<Map<String, Object>>) ledger.evidenceOf("post-check").get("checks")).stream()
                .collect(Collectors.toMap(c -> (String) c.get("name"), c -> c));
    }

    @Test
    void aYamahaRouterIsPolledWithSha1AndItsLinkAndDescriptionAreReadOnTheCli() throws Exception {
        RouterPush.Outcome outcome = pushDescription(AKAIGAWA, lab -> { });
        assertEquals(State.CONFIRMED, outcome.state(), outcome.reason() + " " + ledger.steps);
        assertEquals(SnmpAuthProtocol.SHA1, fleet.router(AKAIGAWA).orElseThrow().snmpTarget().auth());
        Map<String, Map<String, Object>> checks = postCheck();
        assertEquals("cli show status lan2", checks.get("wan-speed").get("source"));
        assertEquals("cli show status lan2", checks.get("wan-duplex").get("source"));
        assertEquals("full", checks.get("wan-duplex").get("actual"));
        assertEquals("cli show config", checks.get("wan-description").get("source"));
        assertEquals("\"LGWAN carrier line akaigawa-carrier-1\"", checks.get("wan-description").get("actual"));
        assertEquals("snmp ifAdminStatus 1.3.6.1.2.1.2.2.1.7, ifOperStatus 1.3.6.1.2.1.2.2.1.8", checks.get("wan-up").get("source"));
        // no snmpEngineBoots object on RTX: the engine's boot count every SNMPv3 answer carries
        assertEquals("snmp msgAuthoritativeEngineBoots (SNMPv3 header), sysUpTime 1.3.6.1.2.1.1.3.0", checks.get("restart").get("source"));
        // the pre-check's evidence holds what was read, nothing the platform does not expose
        Map<String, Object> preCheck = ledger.evidenceOf("pre-check");
        assertEquals("ifDescr", preCheck.get("wan_name_source"));
        assertFalse(preCheck.containsKey("wan_alias"), preCheck.toString());
        assertFalse(preCheck.containsKey("wan_duplex"), preCheck.toString());
    }

    @Test
    void aDuplexMismatchOnAYamahaRouterShowsOnTheCliAndRollsTheChangeBack() throws Exception {
        // the carrier's device forced to 100-full against the router's auto: the router falls back to half duplex
        // the mismatch was there before the push: the push is forced past the pre-check, which would refuse it
        RouterPush.Outcome outcome = pushDescription(AKAIGAWA, lab -> lab.router(AKAIGAWA).orElseThrow().state()
                .cable("lan2", InterfaceMode.parse("100-full")), new RouterPush.Force("operator", "the post-check's sources under test"));
        assertEquals(State.ROLLED_BACK, outcome.state(), outcome.reason() + " " + ledger.steps);
        Map<String, Object> duplex = postCheck().get("wan-duplex");
        assertEquals(Map.of("name", "wan-duplex", "passed", false, "expected", "full", "actual", "half", "source", "cli show status lan2"), duplex);
        assertTrue(outcome.failedChecks().stream().anyMatch(c -> c.name().equals("wan-duplex")), outcome.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anIosXeRouterHasItAllOverSnmp() throws Exception {
        RouterPush.Outcome outcome = pushDescription(SAPPORO, lab -> { });
        assertEquals(State.CONFIRMED, outcome.state(), outcome.reason() + " " + ledger.steps);
        Map<String, Map<String, Object>> checks = postCheck();
        assertEquals("snmp ifHighSpeed 1.3.6.1.2.1.31.1.1.1.15", checks.get("wan-speed").get("source"));
        assertEquals("snmp dot3StatsDuplexStatus 1.3.6.1.2.1.10.7.2.1.19", checks.get("wan-duplex").get("source"));
        assertEquals("snmp ifAlias 1.3.6.1.2.1.31.1.1.1.18", checks.get("wan-description").get("source"));
        assertEquals("snmp snmpEngineBoots 1.3.6.1.6.3.10.2.1.2.0, sysUpTime 1.3.6.1.2.1.1.3.0", checks.get("restart").get("source"));
        // the connectivity test: the router pinged the prefecture node its carrier line reaches, on its CLI
        assertEquals(Map.of("name", "reachability", "passed", true, "expected", "replies from hokkaido-node 100.64.1.1",
                "actual", "3 of 3 replies, rtt avg 1.0 ms", "source", "cli ping 100.64.1.1 repeat 3 timeout 1"), checks.get("reachability"));
        Map<String, Object> ping = (Map<String, Object>) ledger.evidenceOf("post-check").get("ping");
        assertEquals(3, ping.get("received"));
        assertEquals(1.0, ping.get("rtt_avg_ms"));
        assertEquals("hokkaido-node", ping.get("reaches"));
    }
}
