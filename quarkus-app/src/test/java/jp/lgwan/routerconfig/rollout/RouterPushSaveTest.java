package jp.lgwan.routerconfig.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.lab.LabRouter;
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


    private final RecordingLedger ledger = new RecordingLedger();
    private final List<String> steps = ledger.steps;
    private final List<Map<String, Object>> evidence = ledger.evidence;
    private OldDescriptionPush setup;

    @BeforeEach
    void start() throws Exception {
        setup = OldDescriptionPush.start();
    }

    @AfterEach
    void stop() throws Exception {
        setup.close();
    }

    private RouterPush.Outcome push() {
        return setup.push(Duration.ZERO).run(setup.target, ledger);
    }

    private LabRouter lab() {
        return setup.lab();
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
