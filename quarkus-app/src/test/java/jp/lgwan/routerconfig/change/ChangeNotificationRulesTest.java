package jp.lgwan.routerconfig.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import jp.lgwan.routerconfig.render.ChangeRisk;
import jp.lgwan.routerconfig.testing.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filing, deciding and scheduling change notifications, against the real (embedded) PostgreSQL and the sample inventory in git. */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class ChangeNotificationRulesTest {

    static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    static final Actor ENGINEER = PlannedOutageRulesTest.ENGINEER;
    static final Actor OPERATOR = PlannedOutageRulesTest.OPERATOR;
    /** Here a router's baseline stands in for the change, not the inventory: its items match no change of the revision. */
    static final String BASELINE_STANDS_IN = "test: the router's baseline stands in for the change";
    static final List<NotificationItem> SPEED = List.of(new NotificationItem(NotificationItem.Kind.ACCESS_LINE_SPEED, "100M から 1G へ"));

    @Inject
    ChangeNotificationService notifications;
    @Inject
    PlannedOutageService outages;
    @Inject
    LiveInventory inventory;

    @Inject
    MovableClock clock;

    /**
     * The day of every rule here is the service's: ten in the morning in Japan, tomorrow by the
     * system clock (ahead of it: the service's clock only moves forward), so no test races midnight.
     */
    @BeforeEach
    void pinTheDay() {
        clock.setToMorningOf(MovableClock.todayInJapan().plusDays(1));
    }

    LocalDate todayInJapan() {
        return clock.today(JST);
    }

    private ChangeNotification file(String organization, LocalDate effective, String emergency, Actor actor) {
        // at the commit the service loaded: other tests commit changes of their own to the same repository
        return notifications.file(new ChangeNotificationService.Filing(organization, SPEED, effective, inventory.current().commit(), emergency), actor);
    }

    @Test
    void onArrivalEveryRouterOfTheOrganizationIsRenderedAndCompared() {
        ChangeNotification filed = file("011002", todayInJapan().plusDays(20), null, ENGINEER);
        assertEquals(NotificationState.RECEIVED, filed.state);
        assertEquals(inventory.current().commit(), filed.inventoryRevision);
        assertTrue(filed.inventoryRevision.matches("[0-9a-f]{40}"), filed.inventoryRevision);
        List<String> hostnames = filed.routerChanges.stream().map(c -> c.hostname).sorted().toList();
        assertEquals(List.of("lgrt.city.sapporo.lgwan.jp", "lgsu.city.sapporo.lgwan.jp"), hostnames);
        for (RouterChangeRecord change : filed.routerChanges) {
            assertEquals(ChangeRisk.NONE, change.risk, "the baseline is the commit the service loaded");
            assertTrue(change.candidateConfig.contains(change.hostname.split("\\.")[0]) || change.candidateConfig.contains(change.hostname));
        }
        assertEquals(ChangeRisk.NONE, filed.highestRisk);
        assertFalse(filed.needsOutage);
    }

    @Test
    void nineteenDaysAheadIsRefusedWithTheEarliestDate() {
        LocalDate earliest = todayInJapan().plusDays(20);
        ChangeRefused late = assertThrows(ChangeRefused.class, () -> file("011002", earliest.minusDays(1), null, ENGINEER));
        assertEquals(422, late.status());
        assertEquals("notice-period", late.type());
        assertEquals(earliest.toString(), late.extensions().get("earliest_effective_date"));
        assertEquals("effective_date", late.extensions().get("field"));
        assertTrue(late.getMessage().contains(earliest.toString()), late.getMessage());
        assertEquals(NotificationState.RECEIVED, file("011002", earliest.plusDays(1), null, ENGINEER).state);
    }

    @Test
    void anEmergencyOverrideNeedsAnOperatorAndIsAudited() {
        LocalDate tomorrow = todayInJapan().plusDays(1);
        ChangeRefused forbidden = assertThrows(ChangeRefused.class, () -> file("011002", tomorrow, "回線障害の復旧", ENGINEER));
        assertEquals(403, forbidden.status());
        ChangeNotification urgent = file("011002", tomorrow, "回線障害の復旧", OPERATOR);
        assertEquals("回線障害の復旧", urgent.emergencyReason);
        long overrides = QuarkusTransaction.requiringNew().call(() -> AuditEvent.count("action = ?1 and subjectId = ?2 and actor = ?3",
                "change-notification.emergency-override", urgent.id.toString(), OPERATOR.name()));
        assertEquals(1, overrides);
    }

    @Test
    void unknownOrganizationsAndRevisionsAreRefused() {
        ChangeRefused organization = assertThrows(ChangeRefused.class, () -> file("999997", todayInJapan().plusDays(30), null, ENGINEER));
        assertEquals(422, organization.status());
        assertEquals("organization_code", organization.extensions().get("field"));
        ChangeRefused revision = assertThrows(ChangeRefused.class, () -> notifications.file(new ChangeNotificationService.Filing("011002",
                SPEED, todayInJapan().plusDays(30), "no-such-branch", null), ENGINEER));
        assertEquals("unknown-revision", revision.type());
    }

    @Test
    void rejectionNeedsAReasonAndDecisionsFollowTheStateMachine() {
        ChangeNotification filed = file("011002", todayInJapan().plusDays(25), null, ENGINEER);
        assertEquals("reason-required", assertThrows(ChangeRefused.class, () -> notifications.reject(filed.id, OPERATOR, " ")).type());
        ChangeNotification rejected = notifications.reject(filed.id, OPERATOR, "回線種別が未記入");
        assertEquals(NotificationState.REJECTED, rejected.state);
        assertEquals(OPERATOR.name(), rejected.decidedBy);
        assertEquals(409, assertThrows(ChangeRefused.class, () -> notifications.accept(filed.id, OPERATOR, null)).status());
        assertEquals(NotificationState.CLOSED, notifications.close(filed.id, OPERATOR).state);
        assertEquals(404, assertThrows(ChangeRefused.class, () -> notifications.accept(987654321L, OPERATOR, null)).status());
    }

    /**
     * The notification shows, per router, the commands a push would type from the router's baseline: here only the
     * WAN description, inside its interface block (NEC IX), nothing for the routers without a change.
     */
    @Test
    void theNotificationPreviewsThePushCommandsPerRouter() throws Exception {
        String niseko = "lgrt.town.niseko.lgwan.jp";
        String golden = java.nio.file.Files.readString(java.nio.file.Path.of("quarkus-app/core/src/test/resources/golden/" + niseko + ".cfg"));
        String description = "description LGWAN prefecture WAN niseko-prefwan-1";
        String original = replaceBaseline(niseko, golden.replace(description, "description the old text"), null);
        try {
            ChangeNotification filed = file("013951", todayInJapan().plusDays(25), null, ENGINEER);
            RouterChangeRecord changed = filed.routerChanges.stream().filter(r -> r.hostname.equals(niseko)).findFirst().orElseThrow();
            assertEquals(List.of("interface GigaEthernet0.0", description, "exit"), changed.plan);
            filed.routerChanges.stream().filter(r -> !r.hostname.equals(niseko)).forEach(r -> assertEquals(List.of(), r.plan, r.hostname));
        } finally {
            replaceBaseline(niseko, original, inventory.current().commit());
        }
    }

    /**
     * A change that needs an outage: the router is taken to run a config the service cannot model
     * (as after a backup from the device), which counts as needing an outage.
     */
    @Test
    void aChangeNeedingAnOutageIsScheduledOnlyIntoAnApprovedWindowCoveringItsRouters() {
        String niseko = "lgrt.town.niseko.lgwan.jp";
        String original = replaceBaseline(niseko, "hostname something-else\n", null);
        try {
            LocalDate effective = todayInJapan().plusDays(20);
            ChangeNotification filed = file("013951", effective, null, ENGINEER);
            assertEquals(ChangeRisk.NEEDS_OUTAGE, filed.highestRisk);
            assertTrue(filed.needsOutage);
            assertEquals(409, assertThrows(ChangeRefused.class, () -> notifications.schedule(filed.id, 1L, OPERATOR)).status(),
                    "RECEIVED cannot be scheduled");
            notifications.accept(filed.id, OPERATOR, null, BASELINE_STANDS_IN);

            Instant start = effective.plusDays(3).atTime(22, 0).atZone(JST).toInstant().plus(Duration.ofDays(400));
            PlannedOutage requested = outage(start, OutageReason.LINE_SPEED_CHANGE, niseko);
            ChangeRefused notApproved = assertThrows(ChangeRefused.class, () -> notifications.schedule(filed.id, requested.id, OPERATOR));
            assertEquals("outage-not-approved", notApproved.type());
            assertEquals(List.of(niseko), notApproved.extensions().get("routers"));

            PlannedOutage elsewhere = outages.approve(outage(start, OutageReason.LINE_SPEED_CHANGE, "lgrt.vill.akaigawa.lgwan.jp").id, OPERATOR);
            assertEquals("window-does-not-cover", assertThrows(ChangeRefused.class,
                    () -> notifications.schedule(filed.id, elsewhere.id, OPERATOR)).type());

            PlannedOutage inspection = outages.approve(outage(start.plus(Duration.ofDays(1)), OutageReason.LEGAL_POWER_INSPECTION, niseko).id,
                    OPERATOR);
            ChangeRefused blocked = assertThrows(ChangeRefused.class, () -> notifications.schedule(filed.id, inspection.id, OPERATOR));
            assertEquals(409, blocked.status());
            assertEquals("window-blocks-pushes", blocked.type());

            PlannedOutage early = outages.approve(outage(effective.minusDays(1).atTime(22, 0).atZone(JST).toInstant(),
                    OutageReason.LINE_SPEED_CHANGE, niseko).id, OPERATOR);
            assertEquals("window-before-effective-date", assertThrows(ChangeRefused.class,
                    () -> notifications.schedule(filed.id, early.id, OPERATOR)).type());

            outages.cancel(requested.id, OPERATOR, "replaced");
            PlannedOutage approved = outages.approve(outage(start, OutageReason.LINE_SPEED_CHANGE, niseko).id, OPERATOR);
            ChangeNotification scheduled = notifications.schedule(filed.id, approved.id, OPERATOR);
            assertEquals(NotificationState.SCHEDULED, scheduled.state);
            assertEquals(approved.id, scheduled.outageId);

            // the window is cancelled: the notification goes back to ACCEPTED, to be scheduled again
            outages.cancel(approved.id, OPERATOR, "carrier postponed");
            ChangeNotification back = QuarkusTransaction.requiringNew().call(() -> ChangeNotification.findById(filed.id));
            assertEquals(NotificationState.ACCEPTED, back.state);
            assertNull(back.outageId);
        } finally {
            replaceBaseline(niseko, original, inventory.current().commit());
        }
    }

    @Test
    void aChangeNotNeedingAnOutageMayBeScheduledIntoARequestedWindow() {
        String akaigawa = "lgrt.vill.akaigawa.lgwan.jp";
        String original = replaceBaseline(akaigawa, null, inventory.current().commit());
        try {
            ChangeNotification filed = file("014087", todayInJapan().plusDays(20), null, ENGINEER);
            assertEquals(ChangeRisk.DISRUPTIVE, filed.highestRisk, "a text-only change counts as disruptive");
            assertFalse(filed.needsOutage);
            notifications.accept(filed.id, OPERATOR, null, BASELINE_STANDS_IN);
            PlannedOutage requested = outage(todayInJapan().plusDays(700).atTime(21, 0).atZone(JST).toInstant(), OutageReason.OTHER, akaigawa);
            assertEquals(NotificationState.SCHEDULED, notifications.schedule(filed.id, requested.id, OPERATOR).state);
        } finally {
            replaceBaseline(akaigawa, original, inventory.current().commit());
        }
    }

    private PlannedOutage outage(Instant start, OutageReason reason, String... routers) {
        return outages.request(new PlannedOutageService.Request(List.of(routers), start, start.plus(Duration.ofHours(2)), reason, null), ENGINEER);
    }

    /** Sets a router's baseline (config null: the current one plus a line) and returns the config it had. */
    static String replaceBaseline(String hostname, String config, String revision) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RouterBaseline baseline = RouterBaseline.findById(hostname);
            String before = baseline.config;
            baseline.config = config != null ? config : before + "! an extra line\n";
            baseline.revision = revision;
            return before;
        });
    }
}
