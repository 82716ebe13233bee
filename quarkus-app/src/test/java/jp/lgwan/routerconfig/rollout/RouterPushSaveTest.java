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
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.lab.LabFleet;
import jp.lgwan.routerconfig.lab.LabRouter;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A verified push ends saved: a reload of the router boots the change (IOS-XE {@code write
 * memory} after {@code configure confirm}); a save the router refuses is a failure that says the
 * change runs but is not saved, never a silent success.
 */
class RouterPushSaveTest {

    private static final String SAPPORO = "lgrt.city.sapporo.lgwan.jp";

    private final RecordingLedger ledger = new RecordingLedger();
    private final List<String> steps = ledger.steps;
    private final List<Map<String, Object>> evidence = ledger.evidence;
    private Inventory inventory;
    private LabFleet fleet;
    private SnmpProbe probe;
    private ScheduledExecutorService watchdogs;
    private RouterPush.Target target;

    @BeforeEach
    void start() throws Exception {
        inventory = new InventoryLoader().load(Path.of("inventory"), TestInventory.AS_OF).inventory();
        ConnectionRouter router = inventory.router(SAPPORO).orElseThrow();
        String intended = new ConfigRenderer(Path.of("templates")).render(inventory, router).text();
        Verification.IntendedWan wan = Verification.IntendedWan.of(inventory, router);
        String running = intended.replace(" description " + wan.description() + "\n", " description " + wan.description() + " (old)\n");
        assertFalse(running.equals(intended));
        // the router runs the old description; the intent is the inventory's
        fleet = LabFleet.start(inventory, r -> r.hostname().equals(SAPPORO) ? Optional.of(running) : Optional.empty(), Clock.systemUTC());
        target = new RouterPush.Target(SAPPORO, fleet.resolveSecrets(intended), Dialect.load(Path.of("templates"), router.vendorProfile()), wan,
                fleet.access(router));
        probe = new SnmpProbe();
        watchdogs = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() throws Exception {
        watchdogs.shutdownNow();
        probe.close();
        fleet.close();
    }

    private RouterPush.Outcome push() {
        RouterPush push = new RouterPush(probe, watchdogs, RolloutPolicy.defaults(Duration.ZERO, "test"), Clock.systemUTC());
        return push.run(target, ledger);
    }

    private LabRouter lab() {
        return fleet.router(SAPPORO).orElseThrow();
    }

    @Test
    void aVerifiedChangeIsConfirmedThenSavedForTheNextReload() {
        RouterPush.Outcome outcome = push();
        assertEquals(State.CONFIRMED, outcome.state(), outcome.reason() + " " + steps);
        assertEquals("confirm:ok", steps.get(steps.size() - 1));
        assertEquals("write memory", evidence.get(evidence.size() - 1).get("saved_by"));
        assertEquals(lab().device().runningConfig(), lab().device().startupConfig(), "a reload boots what was confirmed");
        assertTrue(lab().device().startupConfig().stream().noneMatch(line -> line.contains("(old)")));
    }

    @Test
    void aSaveTheRouterRefusesIsAFailureThatSaysTheChangeRunsUnsaved() {
        List<String> booted = lab().device().startupConfig();
        lab().ssh().answerInstead(line -> line.strip().equals("write memory"), "% Error: nvram: no space left on device");
        RouterPush.Outcome outcome = push();
        assertEquals(State.FAILED, outcome.state(), steps.toString());
        assertTrue(outcome.reason().startsWith("confirmed but not saved (a reload boots the old config)"), outcome.reason());
        assertTrue(outcome.reason().contains("no space left on device"), outcome.reason());
        assertEquals("save:failed", steps.get(steps.size() - 1), steps.toString());
        assertTrue(lab().device().runningConfig().stream().noneMatch(line -> line.contains("(old)")), "the verified change runs");
        assertFalse(lab().device().revertPending(), "and was confirmed");
        assertEquals(booted, lab().device().startupConfig(), "but a reload would boot the old config");
    }
}
