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
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.lab.LabFleet;
import jp.lgwan.routerconfig.lab.LabRouter;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pre-check (事前業務確認) reads what the post-check reads — the WAN there, up, its error
 * counters still between two polls — and refuses to push a router that already fails one: it ends
 * {@code PRE_EXISTING_FAULT}, nothing typed, never CONFIRMED; an operator's force (with a reason)
 * pushes it all the same, the force in the step's evidence.
 */
class RouterPushPreCheckTest {

    private static final String SAPPORO = "lgrt.city.sapporo.lgwan.jp";
    /** Fixed 1000-full towards a media converter fixed 1000-full. */
    private static final String SAPPORO_SU = "lgsu.city.sapporo.lgwan.jp";

    private final RecordingLedger ledger = new RecordingLedger();
    private final Inventory inventory;
    private LabFleet fleet;
    private SnmpProbe probe;
    private ScheduledExecutorService watchdogs;

    RouterPushPreCheckTest() throws Exception {
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

    /** Boots {@code hostname} running its intended config as {@code running} changes it, lets {@code fault} act, and pushes the intent. */
    private RouterPush.Outcome push(String hostname, UnaryOperator<String> running, java.util.function.Consumer<LabRouter> fault,
                                    RouterPush.Force force) throws Exception {
        ConnectionRouter router = inventory.router(hostname).orElseThrow();
        String intended = new ConfigRenderer(Path.of("templates")).render(inventory, router).text();
        String boot = running.apply(intended);
        fleet = LabFleet.start(inventory, r -> r.hostname().equals(hostname) ? Optional.of(boot) : Optional.empty(), Clock.systemUTC());
        fault.accept(fleet.router(hostname).orElseThrow());
        RouterPush.Target target = new RouterPush.Target(hostname, fleet.resolveSecrets(intended), Dialect.load(Path.of("templates"),
                router.vendorProfile()), Verification.IntendedWan.of(inventory, router), fleet.access(router)).forced(force);
        probe = new SnmpProbe();
        watchdogs = Executors.newSingleThreadScheduledExecutor();
        // 300 ms between the polls: a duplex mismatch adds 25 input errors a second in the lab
        return new RouterPush(probe, watchdogs, RolloutPolicy.defaults(Duration.ofMillis(300), "test"), Clock.systemUTC()).run(target, ledger);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> preCheck() {
        return ((List<Map<String, Object>>) ledger.evidenceOf("pre-check").get("checks")).stream()
                .collect(Collectors.toMap(c -> (String) c.get("name"), c -> c));
    }

    /** The WAN at 100 Mbit/s full against a media converter fixed at 1000: no link (the router's old mode, in its config ...). */
    private static String oldMode(String intended) {
        String slow = intended.replace(" speed 1000\n", " speed 100\n duplex full\n");
        assertFalse(slow.equals(intended));
        return slow;
    }

    /** ... and on its port. */
    private static void runsOldMode(LabRouter lab) {
        var port = lab.state().portView("GigabitEthernet0/0/0").orElseThrow();
        lab.state().configure(port.name(), port.description(), InterfaceMode.parse("100-full"), true);
    }

    @Test
    void aRouterWhoseWanIsAlreadyDownIsNotPushed() throws Exception {
        RouterPush.Outcome outcome = push(SAPPORO_SU, RouterPushPreCheckTest::oldMode, RouterPushPreCheckTest::runsOldMode, null);
        assertEquals(State.PRE_EXISTING_FAULT, outcome.state(), outcome.reason() + " " + ledger.steps);
        assertEquals(List.of("pre-check:pre-existing fault"), ledger.steps, "nothing read, typed or backed up after it");
        assertEquals("pre-existing fault: wan-up (admin up, oper down); nothing pushed", outcome.reason());
        assertEquals(List.of("wan-up"), outcome.failedChecks().stream().map(Verification.Check::name).toList());
        Map<String, Object> wanUp = preCheck().get("wan-up");
        assertEquals(false, wanUp.get("passed"));
        assertEquals("snmp ifAdminStatus 1.3.6.1.2.1.2.2.1.7, ifOperStatus 1.3.6.1.2.1.2.2.1.8", wanUp.get("source"), "the post-check's source");
        assertTrue(fleet.router(SAPPORO_SU).orElseThrow().device().runningConfig().contains(" speed 100"), "not pushed");
    }

    @Test
    void aRouterWhoseWanErrorsAreAlreadyRisingIsNotPushed() throws Exception {
        // the carrier's ONU forced to 100-full against the router's auto: half duplex on the router, input errors rising
        RouterPush.Outcome outcome = push(SAPPORO, intended -> intended.replace("LGWAN carrier line sapporo-carrier-1",
                "LGWAN carrier line sapporo-carrier-1 (old)"), lab -> lab.state().cable("GigabitEthernet0/0/0", InterfaceMode.parse("100-full")), null);
        assertEquals(State.PRE_EXISTING_FAULT, outcome.state(), outcome.reason() + " " + ledger.steps);
        assertEquals(List.of("pre-check:pre-existing fault"), ledger.steps);
        Map<String, Object> errors = preCheck().get("wan-errors-not-rising");
        assertEquals(false, errors.get("passed"), errors.toString());
        assertTrue(outcome.reason().startsWith("pre-existing fault: wan-errors-not-rising (+"), outcome.reason());
        assertTrue(fleet.router(SAPPORO).orElseThrow().device().runningConfig().contains(" description LGWAN carrier line sapporo-carrier-1 (old)"),
                "not pushed");
    }

    @Test
    void aForcedPushGoesPastTheFaultAndSaysWhoForcedItAndWhy() throws Exception {
        // the media converter was changed to 1000-full first; the router follows with this push, which brings the link up
        RouterPush.Outcome outcome = push(SAPPORO_SU, RouterPushPreCheckTest::oldMode, RouterPushPreCheckTest::runsOldMode,
                new RouterPush.Force("sato", "the converter went to 1000-full first; the push brings the link up"));
        assertEquals(State.CONFIRMED, outcome.state(), outcome.reason() + " " + ledger.steps);
        assertEquals("pre-check:pre-existing fault, forced", ledger.steps.get(0));
        Map<String, Object> evidence = ledger.evidenceOf("pre-check");
        assertEquals("sato", evidence.get("forced_by"));
        assertEquals("the converter went to 1000-full first; the push brings the link up", evidence.get("forced_reason"));
        assertEquals(false, preCheck().get("wan-up").get("passed"));
        assertTrue(ledger.steps.contains("post-check:passed"), ledger.steps.toString());
    }

    @Test
    void aHealthyRoutersPreCheckRecordsTheChecksItPassed() throws Exception {
        RouterPush.Outcome outcome = push(SAPPORO, intended -> intended.replace("LGWAN carrier line sapporo-carrier-1",
                "LGWAN carrier line sapporo-carrier-1 (old)"), lab -> { }, null);
        assertEquals(State.CONFIRMED, outcome.state(), outcome.reason() + " " + ledger.steps);
        assertEquals("pre-check:ok", ledger.steps.get(0));
        assertEquals(List.of("wan-errors-not-rising", "wan-up"), preCheck().keySet().stream().sorted().toList());
        assertTrue(preCheck().values().stream().allMatch(c -> Boolean.TRUE.equals(c.get("passed"))), preCheck().toString());
    }
}
