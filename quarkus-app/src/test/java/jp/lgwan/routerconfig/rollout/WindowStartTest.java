package jp.lgwan.routerconfig.rollout;

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
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import jp.lgwan.routerconfig.api.EmbeddedPostgresResource;
import jp.lgwan.routerconfig.audit.AuditEvent;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeNotification;
import jp.lgwan.routerconfig.change.ChangeNotificationService;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.NotificationItem;
import jp.lgwan.routerconfig.change.NotificationState;
import jp.lgwan.routerconfig.change.OutageReason;
import jp.lgwan.routerconfig.change.OutageStatus;
import jp.lgwan.routerconfig.change.PlannedOutage;
import jp.lgwan.routerconfig.change.PlannedOutageService;
import jp.lgwan.routerconfig.change.RouterBaseline;
import jp.lgwan.routerconfig.testing.Await;
import jp.lgwan.routerconfig.testing.MovableClock;
import org.junit.jupiter.api.Test;

/**
 * Windows opening through Quartz's JDBC job store: on time, late after a missed start, MISSED when
 * too little time is left, and by an operator's hand. Time passes by moving the service's clock
 * ({@link MovableClock}), which the window triggers follow. Each test owns one router so that windows
 * near the present never clash.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class WindowStartTest {

    static final Actor ENGINEER = new Actor("eng-window", Set.of(Actor.ENGINEER));
    static final Actor OPERATOR = new Actor("op-window", Set.of(Actor.OPERATOR));

    @Inject
    PlannedOutageService outages;
    @Inject
    WindowStarter starter;
    @Inject
    WindowScheduler scheduler;
    @Inject
    ChangeNotificationService notifications;
    @Inject
    org.quartz.Scheduler quartz;
    @Inject
    MovableClock clock;
    @Inject
    JobLifecycle jobs;

    private PlannedOutage approvedWindow(Instant start, Instant end, OutageReason reason, String router) {
        PlannedOutage outage = outages.request(new PlannedOutageService.Request(List.of(router), start, end, reason, null), ENGINEER);
        return outages.approve(outage.id, OPERATOR);
    }

    private static PlannedOutage reload(long id) {
        return QuarkusTransaction.requiringNew().call(() -> PlannedOutage.findById(id));
    }

    private static RolloutJob jobOf(long outageId) {
        return Jobs.of(outageId);
    }

    /** When the window's trigger fires, by the service's clock: Quartz fires by the system clock, which the test clock is not. */
    private Instant firesAt(long outageId) throws org.quartz.SchedulerException {
        Instant onSystemClock = quartz.getTrigger(org.quartz.TriggerKey.triggerKey("window-" + outageId, WindowScheduler.GROUP)).getNextFireTime().toInstant();
        return onSystemClock.plus(Duration.between(java.time.Clock.systemUTC().instant(), clock.instant()));
    }

    @Test
    void anApprovedWindowOpensOnTime() throws Exception {
        Instant start = clock.instant().plus(Duration.ofHours(1));
        PlannedOutage outage = approvedWindow(start, start.plus(Duration.ofMinutes(30)), OutageReason.OTHER, "lgrt.metro.tokyo.lgwan.jp");
        assertEquals(OutageStatus.APPROVED, outage.status);
        clock.setTo(start.minusSeconds(3)); // the hour passes
        Await.until("window " + outage.id + " started", () -> reload(outage.id).status != OutageStatus.APPROVED);
        RolloutJob job = jobOf(outage.id);
        assertEquals(RolloutJob.StartKind.SCHEDULED, job.startKind);
        assertEquals("service", job.startedBy);
        assertFalse(job.createdAt.isBefore(start), "fired at " + job.createdAt + ", before its start " + start);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> AuditEvent.count("action = ?1 and subjectId = ?2 and actor = ?3",
                "planned-outage.started", outage.id.toString(), "service")) == 1);
    }

    /**
     * Nothing ran when the window opened: Quartz is held in standby while the service's clock passes
     * the start by a minute (past the misfire threshold), as if every instance was down; when it
     * runs again it fires the misfire at once.
     */
    private PlannedOutage openedAfterDowntime(Duration length, String router) throws Exception {
        quartz.standby();
        try {
            Instant start = clock.instant().plus(Duration.ofHours(1));
            PlannedOutage outage = approvedWindow(start, start.plus(length), OutageReason.OTHER, router);
            clock.setTo(start.plus(Duration.ofMinutes(1)));
            assertEquals(OutageStatus.APPROVED, reload(outage.id).status, "nothing fired while down");
            return outage;
        } finally {
            quartz.start();
        }
    }

    @Test
    void aMissedStartWithEnoughTimeLeftOpensLate() throws Exception {
        PlannedOutage outage = openedAfterDowntime(Duration.ofMinutes(30), "lgrt.city.chiyoda.lgwan.jp");
        Await.until("window " + outage.id + " started", () -> reload(outage.id).status != OutageStatus.APPROVED);
        assertEquals(RolloutJob.StartKind.LATE, jobOf(outage.id).startKind);
    }

    @Test
    void aMissedStartWithLessThanTheBootAllowanceLeftIsMissed() throws Exception {
        PlannedOutage outage = openedAfterDowntime(Duration.ofMinutes(10), "lgrt.vill.hinohara.lgwan.jp");
        Await.until("window " + outage.id + " missed", () -> reload(outage.id).status == OutageStatus.MISSED);
        assertEquals(null, jobOf(outage.id), "a missed window has no job");
        AuditEvent missed = QuarkusTransaction.requiringNew().call(() -> AuditEvent.<AuditEvent>find("action = ?1 and subjectId = ?2",
                "planned-outage.missed", outage.id.toString()).firstResult());
        assertEquals("service", missed.actor);
        assertTrue(((Number) missed.detail.get("time_left_seconds")).longValue() < 600, missed.detail.toString());
    }

    /** Approved after its start (the emergency case): it waits for the operator's hand, and is not fired at once. */
    @Test
    void aWindowApprovedAfterItsStartWaitsForTheOperator() throws Exception {
        Instant now = clock.instant();
        // a legal power inspection: it has something to do (check its routers) with no notification scheduled
        PlannedOutage outage = approvedWindow(now.minusSeconds(60), now.plus(Duration.ofMinutes(30)), OutageReason.LEGAL_POWER_INSPECTION,
                "lgrt.iryokouiki.hokkaido.lgwan.jp");
        assertEquals(OutageStatus.APPROVED, reload(outage.id).status);
        assertTrue(scheduler.isScheduled(outage.id), "a trigger at its end marks it MISSED if nobody starts it");
        assertEquals(outage.windowEnd.getEpochSecond(), firesAt(outage.id).getEpochSecond(), 2, "its trigger is at its end, not now");
        RolloutJob job = starter.openByHand(outage.id, OPERATOR);
        assertEquals(RolloutJob.StartKind.MANUAL, job.startKind);
        jobs.halt(job.id, "test: done with it"); // no return check of it runs when another test moves the clock
    }

    @Test
    void anOperatorStartsAWindowByHandOnlyInsideIt() throws Exception {
        String router = "lgrt.town.niseko.lgwan.jp";
        // a change that needs pushing: the router is taken to run something else
        String original = QuarkusTransaction.requiringNew().call(() -> {
            RouterBaseline baseline = RouterBaseline.findById(router);
            String before = baseline.config;
            baseline.config = before + "lgwan-test-drift\n";
            return before;
        });
        try {
            ChangeNotification urgent = notifications.file(new ChangeNotificationService.Filing("013951",
                    List.of(new NotificationItem(NotificationItem.Kind.ROUTER_SETTINGS, "NTP")), clock.today(ZoneId.of("Asia/Tokyo")),
                    null, "障害対応"), OPERATOR);
            // the router's baseline stands in for the change: its item matches no change of the revision
            notifications.accept(urgent.id, OPERATOR, null, "test: the baseline's drift stands in for the change");
            Instant future = clock.instant().plus(Duration.ofDays(3));
            PlannedOutage later = approvedWindow(future, future.plus(Duration.ofMinutes(20)), OutageReason.OTHER, router);
            ChangeRefused early = assertThrows(ChangeRefused.class, () -> starter.openByHand(later.id, OPERATOR));
            assertEquals("outside-window", early.type());
            outages.cancel(later.id, OPERATOR, null);
            Instant start = clock.instant().minusSeconds(30);
            PlannedOutage outage = approvedWindow(start, start.plus(Duration.ofMinutes(20)), OutageReason.OTHER, router);
            notifications.schedule(urgent.id, outage.id, OPERATOR);
            RolloutJob job = starter.openByHand(outage.id, OPERATOR);
            assertEquals(RolloutJob.StartKind.MANUAL, job.startKind);
            assertEquals(OPERATOR.name(), job.startedBy);
            RolloutJob stored = jobOf(outage.id);
            assertEquals(List.of(router), stored.routers.stream().map(r -> r.hostname).toList());
            assertEquals(urgent.id, stored.routers.get(0).notificationId);
            NotificationState state = QuarkusTransaction.requiringNew().call(() -> ChangeNotification.<ChangeNotification>findById(urgent.id).state);
            assertTrue(state == NotificationState.IN_PROGRESS || state == NotificationState.COMPLETED, state.name());
            // a second start, by hand or by a late trigger, does nothing more
            assertEquals(409, assertThrows(ChangeRefused.class, () -> starter.openByHand(outage.id, OPERATOR)).status());
            assertTrue(starter.openOnSchedule(outage.id).isEmpty());
            assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> RolloutJob.count("outageId", outage.id)));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> RouterBaseline.<RouterBaseline>findById(router).config = original);
        }
    }

    /** The operator whose script lost an id: a window with nothing to push is refused and stays approved, its slot not spent. */
    @Test
    void aWindowWithNothingToPushIsNotStartedByHand() {
        String router = "lgrt.city.matsuyama.lgwan.jp";
        Instant start = clock.instant().minusSeconds(30);
        PlannedOutage outage = approvedWindow(start, start.plus(Duration.ofMinutes(15)), OutageReason.OTHER, router);
        try {
            ChangeRefused empty = assertThrows(ChangeRefused.class, () -> starter.openByHand(outage.id, OPERATOR));
            assertEquals(409, empty.status());
            assertEquals("nothing-scheduled", empty.type());
            assertEquals("no change notification is scheduled into planned outage " + outage.id + "; schedule one into it before starting it",
                    empty.getMessage());

            // scheduled, but it changes nothing on the window's router: filed at the revision the router is taken to run
            String running = QuarkusTransaction.requiringNew().call(() -> RouterBaseline.<RouterBaseline>findById(router).revision);
            ChangeNotification unchanged = notifications.file(new ChangeNotificationService.Filing("382019",
                    List.of(new NotificationItem(NotificationItem.Kind.OTHER, "contacts")), clock.today(ZoneId.of("Asia/Tokyo")), running,
                    "test: emergency"), OPERATOR);
            notifications.accept(unchanged.id, OPERATOR, null, "test: filed at the router's own revision");
            notifications.schedule(unchanged.id, outage.id, OPERATOR);
            ChangeRefused nothing = assertThrows(ChangeRefused.class, () -> starter.openByHand(outage.id, OPERATOR));
            assertEquals("1 change notifications are scheduled into planned outage " + outage.id
                    + ", but none changes a router the window covers: there is nothing to push", nothing.getMessage());

            assertEquals(OutageStatus.APPROVED, reload(outage.id).status, "the window is still there to be used");
            assertEquals(null, jobOf(outage.id));
            assertEquals(NotificationState.SCHEDULED,
                    QuarkusTransaction.requiringNew().call(() -> ChangeNotification.<ChangeNotification>findById(unchanged.id).state));
            assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> AuditEvent.count("action = ?1 and subjectId = ?2",
                    "planned-outage.started", String.valueOf(outage.id))));
        } finally {
            outages.cancel(outage.id, OPERATOR, "test done");
        }
    }

    @Test
    void aLegalPowerInspectionBlocksPushesWhileAnOrdinaryWindowAllowsThem() {
        Instant now = clock.instant();
        String inspected = "lgrt.town.kumakogen.lgwan.jp";
        String ordinary = "lgrt.pref.ehime.lgwan.jp";
        assertFalse(outages.mayPush(ordinary, now.plusSeconds(7200 + 60)), "no window, no push");
        PlannedOutage inspection = approvedWindow(now.plusSeconds(3600), now.plusSeconds(7200), OutageReason.LEGAL_POWER_INSPECTION, inspected);
        PlannedOutage window = approvedWindow(now.plusSeconds(3600), now.plusSeconds(7200), OutageReason.OTHER, ordinary);
        Instant inside = now.plusSeconds(5400);
        assertFalse(outages.mayPush(inspected, inside));
        assertTrue(outages.mayPush(ordinary, inside));
        assertFalse(outages.mayPush(ordinary, now.plusSeconds(7200)), "the end is outside the window");
        outages.cancel(inspection.id, OPERATOR, null);
        outages.cancel(window.id, OPERATOR, null);
    }
}
