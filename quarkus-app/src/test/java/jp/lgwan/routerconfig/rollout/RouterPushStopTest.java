package jp.lgwan.routerconfig.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import jp.lgwan.routerconfig.device.RouterDriver;
import jp.lgwan.routerconfig.lab.LabRouter;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instance that stops interrupts its pushes. What a push would record next is then the
 * interruption's doing, not the router's: it is not recorded, the push does not act on it (no
 * rollback, no FAILED), the router keeps its last recorded state under its revert timer, and the
 * instance that takes the claim over finishes it by resuming. Seen before this rule: "router niseko
 * FAILED at step device: interrupted" on a clean stop.
 */
class RouterPushStopTest {

    private final RecordingLedger recorded = new RecordingLedger();
    private OldDescriptionPush setup;
    private RouterPush.Target target;

    @BeforeEach
    void start() throws Exception {
        setup = OldDescriptionPush.start();
        target = setup.target;
    }

    @AfterEach
    void stop() throws Exception {
        Thread.interrupted();
        setup.close();
    }

    private RouterPush push(Duration settle) {
        return setup.push(settle);
    }

    private LabRouter lab() {
        return setup.lab();
    }

    /** The recording ledger, behind the rule, interrupting this thread (as the instance's stop does) once step {@code after} is recorded. */
    private RouterPush.Ledger interruptedAfter(String after) {
        return RouterPush.Ledger.stoppingWhenInterrupted(new RouterPush.Ledger() {
            @Override
            public void step(State state, String name, String outcome, StepEvidence evidence) {
                recorded.step(state, name, outcome, evidence);
                if (name.equals(after)) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public long backup(String runningConfig) {
                return recorded.backup(runningConfig);
            }

            @Override
            public void guard(RouterDriver.Guard guard) {
                recorded.guard(guard);
            }

            @Override
            public String backupConfig() {
                return recorded.backupConfig();
            }
        });
    }

    @Test
    void aPushStoppedAfterItsCommitIsNeitherFailedNorRolledBackAndTheNextInstanceConfirmsIt() {
        RouterPush.Stopped stopped = assertThrows(RouterPush.Stopped.class, () -> push(Duration.ofSeconds(1)).run(target, interruptedAfter("commit")));
        assertEquals("interrupted before recording step post-check (failed)", stopped.getMessage());
        assertEquals("commit:ok", recorded.steps.get(recorded.steps.size() - 1), "the interrupted post-check is not recorded: " + recorded.steps);
        assertTrue(lab().device().revertPending(), "the change runs under the router's revert timer, neither confirmed nor rolled back");
        assertTrue(lab().device().runningConfig().stream().noneMatch(line -> line.contains("(old)")), "the change runs");

        assertTrue(Thread.interrupted(), "the interruption is left for the thread's owner to see");
        RouterPush.Outcome resumed = push(Duration.ZERO).resume(target, recorded);
        assertEquals(State.CONFIRMED, resumed.state(), resumed.reason() + " " + recorded.steps);
        assertEquals(List.of("resume:the router still runs the unconfirmed change; checking it again", "post-check:passed", "confirm:ok"),
                recorded.steps.subList(recorded.steps.size() - 3, recorded.steps.size()));
        assertFalse(lab().device().revertPending());
    }

    @Test
    void aPushStoppedBeforeItsPreCheckRecordsNothingAndLeavesTheRouterUntouched() {
        List<String> before = lab().device().runningConfig();
        Thread.currentThread().interrupt();
        RouterPush.Stopped stopped = assertThrows(RouterPush.Stopped.class, () -> push(Duration.ZERO).run(target, interruptedAfter("none")));
        assertEquals("interrupted before recording step pre-check (failed)", stopped.getMessage());
        assertEquals(List.of(), recorded.steps, "not a pre-check failure: the router was never asked");
        assertEquals(before, lab().device().runningConfig());
    }
}
