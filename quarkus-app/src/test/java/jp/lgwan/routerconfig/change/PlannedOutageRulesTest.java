package jp.lgwan.routerconfig.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jp.lgwan.routerconfig.api.EmbeddedPostgresResource;
import jp.lgwan.routerconfig.audit.AuditEvent;
import org.junit.jupiter.api.Test;

/** The time rules of planned-outage windows, against the real (embedded) PostgreSQL. */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class PlannedOutageRulesTest {

    static final Actor ENGINEER = new Actor("eng-test", Set.of(Actor.ENGINEER));
    static final Actor OPERATOR = new Actor("op-test", Set.of(Actor.OPERATOR));
    /** Each test gets its own far-future day, so tests sharing the database never overlap by accident. */
    private static final AtomicInteger DAY = new AtomicInteger();
    private static final String SAPPORO = "lgrt.city.sapporo.lgwan.jp";
    private static final String NISEKO = "lgrt.town.niseko.lgwan.jp";

    @Inject
    PlannedOutageService outages;

    static Instant day() {
        return Instant.parse("2041-01-01T13:00:00Z").plus(Duration.ofDays(7L * DAY.incrementAndGet()));
    }

    private PlannedOutage request(Instant start, Instant end, OutageReason reason, String... routers) {
        return outages.request(new PlannedOutageService.Request(List.of(routers), start, end, reason, null), ENGINEER);
    }

    @Test
    void aWindowMustLastAtLeastTheBootAllowance() {
        Instant start = day();
        ChangeRefused tooShort = assertThrows(ChangeRefused.class,
                () -> request(start, start.plus(Duration.ofMinutes(10)).minusSeconds(1), OutageReason.OTHER, SAPPORO));
        assertEquals(422, tooShort.status());
        assertEquals("window-too-short", tooShort.type());
        assertTrue(tooShort.getMessage().contains("9 min 59 s") && tooShort.getMessage().contains("10 min"), tooShort.getMessage());
        assertEquals(600L, tooShort.extensions().get("minimum_seconds"));
        PlannedOutage exact = request(start, start.plus(Duration.ofMinutes(10)), OutageReason.OTHER, SAPPORO);
        assertEquals(OutageStatus.REQUESTED, exact.status);
    }

    @Test
    void aWindowMustEndAfterItStartsAndNotInThePast() {
        Instant start = day();
        assertEquals("window-inverted", assertThrows(ChangeRefused.class,
                () -> request(start, start, OutageReason.OTHER, SAPPORO)).type());
        Instant past = jp.lgwan.routerconfig.testing.MovableClock.now().minus(Duration.ofHours(2));
        assertEquals("window-in-past", assertThrows(ChangeRefused.class,
                () -> request(past, past.plus(Duration.ofHours(1)), OutageReason.OTHER, SAPPORO)).type());
        ChangeRefused unknown = assertThrows(ChangeRefused.class, () -> request(start, start.plus(Duration.ofHours(1)), OutageReason.OTHER,
                SAPPORO, "lgrt.nowhere.lgwan.jp"));
        assertEquals(422, unknown.status());
        assertEquals(List.of("lgrt.nowhere.lgwan.jp"), unknown.extensions().get("routers"));
    }

    @Test
    void twoWindowsOverlappingOnOneRouterConflict() {
        Instant start = day();
        PlannedOutage first = request(start, start.plus(Duration.ofHours(2)), OutageReason.LINE_SPEED_CHANGE, SAPPORO, NISEKO);
        ChangeRefused overlap = assertThrows(ChangeRefused.class,
                () -> request(start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(3)), OutageReason.OTHER, NISEKO));
        assertEquals(409, overlap.status());
        assertEquals("window-overlap", overlap.type());
        @SuppressWarnings("unchecked")
        Map<String, Object> conflict = ((List<Map<String, Object>>) overlap.extensions().get("conflicts")).get(0);
        assertEquals(first.id, conflict.get("outage_id"));
        assertEquals(List.of(NISEKO), conflict.get("routers"));
        // a window inside another, and one covering it, overlap too
        assertThrows(ChangeRefused.class, () -> request(start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(50)),
                OutageReason.OTHER, SAPPORO));
        assertThrows(ChangeRefused.class, () -> request(start.minus(Duration.ofHours(1)), start.plus(Duration.ofHours(5)),
                OutageReason.OTHER, SAPPORO));
    }

    @Test
    void windowsThatOnlyTouchOrConcernOtherRoutersDoNotConflict() {
        Instant start = day();
        request(start, start.plus(Duration.ofHours(1)), OutageReason.OTHER, SAPPORO);
        PlannedOutage after = request(start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(2)), OutageReason.OTHER, SAPPORO);
        PlannedOutage before = request(start.minus(Duration.ofHours(1)), start, OutageReason.OTHER, SAPPORO);
        PlannedOutage otherRouter = request(start, start.plus(Duration.ofHours(1)), OutageReason.OTHER, NISEKO);
        assertTrue(after.id > 0 && before.id > 0 && otherRouter.id > 0);
    }

    @Test
    void aCancelledWindowNoLongerHoldsItsTime() {
        Instant start = day();
        PlannedOutage first = request(start, start.plus(Duration.ofHours(1)), OutageReason.OTHER, SAPPORO);
        outages.cancel(first.id, OPERATOR, "moved");
        PlannedOutage again = request(start, start.plus(Duration.ofHours(1)), OutageReason.OTHER, SAPPORO);
        assertEquals(OutageStatus.REQUESTED, again.status);
        long cancelled = QuarkusTransaction.requiringNew().call(() -> AuditEvent.count(
                "action = ?1 and subjectId = ?2 and actor = ?3", "planned-outage.cancelled", first.id.toString(), OPERATOR.name()));
        assertEquals(1, cancelled);
    }

    @Test
    void concurrentOverlappingRequestsLetExactlyOneThrough() throws Exception {
        Instant start = day();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int shift = i;
                Callable<Boolean> attempt = () -> {
                    try {
                        request(start.plus(Duration.ofMinutes(shift)), start.plus(Duration.ofMinutes(60 + shift)), OutageReason.OTHER, SAPPORO);
                        return true;
                    } catch (ChangeRefused e) {
                        assertEquals(409, e.status());
                        return false;
                    }
                };
                results.add(pool.submit(attempt));
            }
            int accepted = 0;
            for (Future<Boolean> result : results) {
                accepted += result.get() ? 1 : 0;
            }
            assertEquals(1, accepted);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void approvalRecordsTheOperatorAndSchedulesTheOpening() {
        Instant start = day();
        PlannedOutage outage = request(start, start.plus(Duration.ofHours(1)), OutageReason.PRODUCT_CHANGE, SAPPORO);
        PlannedOutage approved = outages.approve(outage.id, OPERATOR);
        assertEquals(OutageStatus.APPROVED, approved.status);
        assertEquals(OPERATOR.name(), approved.approvedBy);
        assertTrue(scheduler.isScheduled(outage.id));
        assertEquals(409, assertThrows(ChangeRefused.class, () -> outages.approve(outage.id, OPERATOR)).status());
        outages.cancel(outage.id, OPERATOR, null);
        assertFalse(scheduler.isScheduled(outage.id));
    }

    @Inject
    jp.lgwan.routerconfig.rollout.WindowScheduler scheduler;
}
