package jp.lgwan.routerconfig.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import jp.lgwan.routerconfig.api.EmbeddedPostgresResource;
import jp.lgwan.routerconfig.audit.AuditEvent;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeNotification;
import jp.lgwan.routerconfig.change.ChangeNotificationService;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.change.NotificationItem;
import jp.lgwan.routerconfig.change.NotificationState;
import jp.lgwan.routerconfig.change.OutageReason;
import jp.lgwan.routerconfig.change.OutageStatus;
import jp.lgwan.routerconfig.change.PlannedOutage;
import jp.lgwan.routerconfig.change.PlannedOutageService;
import jp.lgwan.routerconfig.change.RouterBaseline;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.lab.LabFleet;
import jp.lgwan.routerconfig.render.ChangeRisk;
import jp.lgwan.routerconfig.testing.Await;
import jp.lgwan.routerconfig.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

/**
 * The normal path, as DOMAIN.md describes it, end to end over the lab: a change notification (変更届出)
 * filed 20 days ahead, accepted, a planned outage (計画停止) requested and approved for the night of
 * its effective date, and nothing more done by anyone: the service's clock is moved to the window's
 * start, and the window opens by itself through its Quartz trigger, pushes the router, and closes
 * the notification and the window, the pushed config becoming the router's baseline. No emergency
 * override, no start by hand, no sleeping until a real start.
 *
 * <p>"Now" is ten in the morning in Japan, tomorrow by the system clock: a day of its own, far from
 * either midnight, and ahead of the system clock, so the service's clock only ever moves forward (the
 * lab's routers count their uptime by it). No other test leaves an approved window in the three weeks
 * this one crosses.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class WindowOpensByItselfTest {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final Actor ENGINEER = new Actor("eng-normal-path", Set.of(Actor.ENGINEER));
    static final Actor OPERATOR = new Actor("op-normal-path", Set.of(Actor.OPERATOR));
    /** Tokyo's Junos router: no other service test pushes to it. */
    static final String ROUTER = "lgrt.metro.tokyo.lgwan.jp";

    @Inject
    MovableClock clock;
    @Inject
    LiveInventory inventory;
    @Inject
    ChangeNotificationService notifications;
    @Inject
    PlannedOutageService outages;
    @Inject
    Devices devices;
    @Inject
    Scheduler quartz;

    @Test
    void aNotificationFiledTwentyDaysAheadIsPushedWhenItsWindowOpens() throws Exception {
        LocalDate filedOn = clock.today(JAPAN).plusDays(1);
        clock.setToMorningOf(filedOn);

        // the engineer commits the change and files it, 20 days ahead: no emergency
        String revision = TestInventory.commit(inventory.repository().orElseThrow().getWorkTree().toPath(), "inventory/organizations/130001-tokyo.yaml",
                text -> text.replace("description: LGWAN carrier line tokyo-carrier-1", "description: LGWAN carrier line tokyo-carrier-1 (1G)"),
                "tokyo: the carrier line is 1G");
        LocalDate effective = filedOn.plusDays(20);
        ChangeNotification filed = notifications.file(new ChangeNotificationService.Filing("130001",
                List.of(new NotificationItem(NotificationItem.Kind.ROUTER_SETTINGS, "WAN description")), effective, revision, null), ENGINEER);
        assertEquals(NotificationState.RECEIVED, filed.state);
        assertEquals(null, filed.emergencyReason);
        assertEquals(ChangeRisk.SAFE, filed.highestRisk);
        notifications.accept(filed.id, OPERATOR, null);

        // the window: one to three at night on the effective date, requested and approved now, 20 days before
        Instant start = effective.atTime(1, 0).atZone(JAPAN).toInstant();
        PlannedOutage requested = outages.request(new PlannedOutageService.Request(List.of(ROUTER), start, start.plus(Duration.ofHours(2)),
                OutageReason.OTHER, "the night of the effective date"), ENGINEER);
        PlannedOutage window = outages.approve(requested.id, OPERATOR);
        assertEquals(OutageStatus.APPROVED, window.status);
        assertEquals(NotificationState.SCHEDULED, notifications.schedule(filed.id, window.id, OPERATOR).state);

        // its trigger fires when the service's clock shows the start, which the system clock shows 20 days from now
        TriggerKey trigger = TriggerKey.triggerKey("window-" + window.id, WindowScheduler.GROUP);
        assertFiresIn(trigger, Duration.between(clock.instant(), start));

        // the days pass; a minute before the start nothing has happened, and the trigger follows the service's clock
        clock.setTo(start.minus(Duration.ofMinutes(1)));
        Await.until("the trigger follows the service's clock", () -> firesIn(trigger).minus(Duration.ofMinutes(1)).abs().toSeconds() < 5);
        assertEquals(OutageStatus.APPROVED, outage(window.id).status);
        assertEquals(NotificationState.SCHEDULED, notification(filed.id).state);

        // the start comes: the window opens by itself, on time
        clock.setTo(start.minusSeconds(5));
        Await.until("window " + window.id + " opened", () -> outage(window.id).status != OutageStatus.APPROVED);
        long jobId = QuarkusTransaction.requiringNew().call(() -> RolloutJob.<RolloutJob>find("outageId", window.id).singleResult().id);
        RolloutJob job = Jobs.finished(jobId);
        assertEquals(RolloutJob.StartKind.SCHEDULED, job.startKind, "opened at its start, neither late nor by hand");
        assertEquals("service", job.startedBy);
        assertFalse(job.createdAt.isBefore(start), "opened at " + job.createdAt + ", before its start " + start);
        assertTrue(job.createdAt.isBefore(start.plus(WindowStarter.ON_TIME)), "opened at " + job.createdAt);

        // the push: checked, committed under the router's own revert timer, verified, confirmed
        RolloutJobRouter pushed = job.routers.stream().filter(r -> r.hostname.equals(ROUTER)).findFirst().orElseThrow();
        assertEquals(List.of(ROUTER), job.routers.stream().map(r -> r.hostname).toList());
        assertEquals(RolloutJobRouter.State.CONFIRMED, pushed.state, pushed.steps.toString());
        assertEquals(List.of("pre-check", "backup", "compare", "plan", "commit", "post-check", "confirm"),
                pushed.steps.stream().map(RolloutJobRouter.Step::name).toList());
        assertEquals(filed.id, pushed.notificationId);
        assertEquals(RolloutJob.State.COMPLETED, job.state);
        var lab = ((LabFleet) devices.lab().orElseThrow()).router(ROUTER).orElseThrow();
        assertEquals("LGWAN carrier line tokyo-carrier-1 (1G)", lab.state().portView("ge-0/0/0").orElseThrow().description());

        // and the change's own ends: the notification and the window completed, the pushed config the new baseline
        assertEquals(NotificationState.COMPLETED, notification(filed.id).state);
        assertEquals(OutageStatus.COMPLETED, outage(window.id).status);
        QuarkusTransaction.requiringNew().run(() -> {
            RouterBaseline baseline = RouterBaseline.findById(ROUTER);
            assertEquals(RouterBaseline.Source.PUSHED, baseline.source);
            assertEquals(revision, baseline.revision);
            assertTrue(baseline.config.contains("tokyo-carrier-1 (1G)"), baseline.config);
            assertEquals(1L, AuditEvent.count("action = ?1 and subjectId = ?2 and actor = ?3", "planned-outage.started", window.id.toString(),
                    "service"));
        });
    }

    private void assertFiresIn(TriggerKey key, Duration expected) throws Exception {
        Duration off = firesIn(key).minus(expected).abs();
        assertTrue(off.toSeconds() < 5, "the trigger fires in " + firesIn(key) + ", not in " + expected);
    }

    /** How long until Quartz fires {@code key}, by the system clock Quartz fires by. */
    private Duration firesIn(TriggerKey key) {
        try {
            Trigger trigger = quartz.getTrigger(key);
            return Duration.between(Instant.now(), trigger.getNextFireTime().toInstant());
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PlannedOutage outage(long id) {
        return QuarkusTransaction.requiringNew().call(() -> PlannedOutage.findById(id));
    }

    private static ChangeNotification notification(long id) {
        return QuarkusTransaction.requiringNew().call(() -> ChangeNotification.findById(id));
    }
}
