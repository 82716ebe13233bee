package jp.lgwan.routerconfig.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwan.routerconfig.change.Timestamps;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.lab.LabFleet;
import jp.lgwan.routerconfig.lab.TestClock;
import jp.lgwan.routerconfig.lab.LabRouter;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The return check after a power-cut window (法定点検) polls a lab router until its deadline (the
 * window's end plus the boot allowance plus the grace period), on a clock the test moves: no real
 * wait of minutes. At its boundaries: back at the last poll before the deadline is back; back a
 * second after it is not; never back is not; a router that stayed up (a UPS) is back, with a note.
 */
class ReturnCheckTest {

    private static final String SAPPORO = "lgrt.city.sapporo.lgwan.jp";
    private static final Duration ALLOWANCE = Duration.ofMinutes(10);
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final Duration POLL_EVERY = Duration.ofSeconds(30);

    private final RecordingLedger ledger = new RecordingLedger();
    /** Moved by hand: the router's uptime and the check's deadline follow it. */
    private final TestClock clock = new TestClock();
    private Inventory inventory;
    private LabFleet fleet;
    private SnmpProbe probe;
    private Instant windowStart;
    private Instant deadline;

    @BeforeEach
    void bootAndCutThePower() throws Exception {
        inventory = new InventoryLoader().load(Path.of("inventory"), TestInventory.AS_OF).inventory();
        ConnectionRouter router = inventory.router(SAPPORO).orElseThrow();
        String intended = new ConfigRenderer(Path.of("templates")).render(inventory, router).text();
        // booted long before the window
        fleet = LabFleet.start(inventory, r -> r.hostname().equals(SAPPORO) ? Optional.of(intended) : Optional.empty(), clock);
        probe = new SnmpProbe();
        clock.advance(Duration.ofDays(3));
        windowStart = clock.instant();
        // a one-hour window, then the boot allowance: the check starts
        clock.advance(Duration.ofHours(1).plus(ALLOWANCE));
        deadline = clock.instant().plus(GRACE);
    }

    @AfterEach
    void stop() throws Exception {
        if (probe != null) {
            probe.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    private LabRouter lab() {
        return fleet.router(SAPPORO).orElseThrow();
    }

    /** The check, each pause moving the clock; the router comes back (restarts) once the clock reaches {@code backAt}, if ever. */
    private RouterPush.Outcome check(Instant backAt) throws Exception {
        ReturnCheck.Pause pause = duration -> {
            clock.advance(duration);
            if (backAt != null && !clock.instant().isBefore(backAt) && lab().snmp().isSilent()) {
                lab().state().reboot();
                lab().snmp().silent(false);
            }
        };
        ConnectionRouter router = inventory.router(SAPPORO).orElseThrow();
        return new ReturnCheck(probe, Duration.ZERO, Duration.ofMillis(300), POLL_EVERY, clock, pause)
                .run(Verification.IntendedWan.of(inventory, router), fleet.access(router), Dialect.load(Path.of("templates"),
                        router.vendorProfile()), windowStart, deadline, ledger);
    }

    @Test
    void aRouterBackAtTheLastPollBeforeTheDeadlineIsBack() throws Exception {
        lab().snmp().silent(true);
        RouterPush.Outcome outcome = check(deadline.minusSeconds(1));
        assertEquals(State.RETURN_CHECKED, outcome.state(), outcome.reason() + " " + ledger.evidence);
        Map<String, Object> evidence = ledger.evidenceOf("return-check");
        // polled every 30 s from the start to the deadline itself: 21 polls, the last one at the deadline
        assertEquals(21, evidence.get("attempts"));
        assertEquals(Timestamps.format(deadline), evidence.get("back_at"));
        assertFalse(evidence.containsKey("note"), "it restarted: no note");
        assertEquals("came back", outcome.reason());
    }

    @Test
    void aRouterBackJustAfterTheDeadlineIsNotBack() throws Exception {
        lab().snmp().silent(true);
        RouterPush.Outcome outcome = check(deadline.plusSeconds(1));
        assertEquals(State.FAILED, outcome.state());
        assertEquals(List.of("return-check:failed"), ledger.steps);
        assertEquals(21, ledger.evidenceOf("return-check").get("attempts"));
        assertEquals("reachable", outcome.failedChecks().get(0).name());
        assertTrue(outcome.reason().startsWith("did not come back: no SNMP answer (21 polls until " + Timestamps.format(deadline) + ")"), outcome.reason());
    }

    @Test
    void aRouterThatNeverComesBackIsNotBack() throws Exception {
        lab().snmp().silent(true);
        RouterPush.Outcome outcome = check(null);
        assertEquals(State.FAILED, outcome.state());
        assertEquals(deadline, clock.instant(), "polled until the deadline, then gave up");
    }

    @Test
    void aRouterThatStayedUpOnAUpsIsBackWithANote() throws Exception {
        RouterPush.Outcome outcome = check(null);
        assertEquals(State.RETURN_CHECKED, outcome.state(), outcome.reason() + " " + ledger.evidence);
        Map<String, Object> evidence = ledger.evidenceOf("return-check");
        assertEquals(1, evidence.get("attempts"));
        String note = (String) evidence.get("note");
        assertTrue(note.startsWith("no restart: up since 2026-11-25T10:00:00.000+09:00, before the window opened at " + Timestamps.format(windowStart)), note);
        assertTrue(outcome.reason().startsWith("back: no restart"), outcome.reason());
    }

    @Test
    void aRouterThatRestartedDuringTheWindowIsBackAtTheFirstPoll() throws Exception {
        lab().state().reboot();
        RouterPush.Outcome outcome = check(null);
        assertEquals(State.RETURN_CHECKED, outcome.state(), outcome.reason() + " " + ledger.evidence);
        assertEquals(1, ledger.evidenceOf("return-check").get("attempts"));
        assertEquals("came back", outcome.reason());
    }

    @Test
    void aRouterBackWithItsWanDownIsNotBack() throws Exception {
        lab().state().reboot();
        var wan = Verification.IntendedWan.of(inventory, inventory.router(SAPPORO).orElseThrow());
        var port = lab().state().portView(wan.interfaceName()).orElseThrow();
        lab().state().configure(port.name(), port.description(), port.mode(), false);
        RouterPush.Outcome outcome = check(null);
        assertEquals(State.FAILED, outcome.state());
        assertTrue(outcome.reason().startsWith("failed checks: wan-up"), outcome.reason());
        assertEquals(21, ledger.evidenceOf("return-check").get("attempts"), "polled until the deadline: the WAN may still come up");
    }
}
