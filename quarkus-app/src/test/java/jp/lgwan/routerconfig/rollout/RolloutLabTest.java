package jp.lgwan.routerconfig.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import jp.lgwan.routerconfig.testing.MovableClock;
import jp.lgwan.routerconfig.api.EmbeddedPostgresResource;
import jp.lgwan.routerconfig.api.EventStreamClient;
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
import jp.lgwan.routerconfig.lab.LabRouter;

import jp.lgwan.routerconfig.render.ChangeRisk;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;
import jp.lgwan.routerconfig.testing.Await;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Windows end to end over the lab, as an engineer and an operator work: commit an inventory change
 * to git, file the change notification, approve a window, start it, and read what happened to
 * each router. Every window here opens now; each test owns its routers.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class RolloutLabTest {

    static final Actor ENGINEER = new Actor("eng-rollout", Set.of(Actor.ENGINEER));
    static final Actor OPERATOR = new Actor("op-rollout", Set.of(Actor.OPERATOR));

    @Inject
    LiveInventory inventory;
    @Inject
    ChangeNotificationService notifications;
    @Inject
    PlannedOutageService outages;
    @Inject
    WindowStarter starter;
    @Inject
    Devices devices;
    @Inject
    RouterClaims claims;
    @Inject
    StepJournal journal;
    @Inject
    RouterReadings readings;
    @Inject
    jakarta.persistence.EntityManager em;
    @ConfigProperty(name = "lgwan.test.service-desk-log")
    Path serviceDeskLog;
    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL baseUrl;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** What the test service desk received, one JSON body per notice (it refused the first delivery of all). */
    private List<String> notices() {
        try {
            return Files.readAllLines(serviceDeskLog);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- as people work -------------------------------------------------------------------------

    /** Edits a file of the inventory repository and commits it, as an engineer does; returns the commit. */
    private String commit(String file, UnaryOperator<String> edit, String message) {
        return TestInventory.commit(inventory.repository().orElseThrow().getWorkTree().toPath(), file, edit, message);
    }

    private ChangeNotification fileUrgent(String organization, String revision) {
        return fileUrgent(organization, revision, new NotificationItem(NotificationItem.Kind.ROUTER_SETTINGS, "test change"), null);
    }

    /** Files {@code item} as an emergency and accepts it (with {@code overrideReason} where its item does not match the revision). */
    private ChangeNotification fileUrgent(String organization, String revision, NotificationItem item, String overrideReason) {
        ChangeNotification filed = notifications.file(new ChangeNotificationService.Filing(organization, List.of(item),
                MovableClock.todayInJapan(), revision, "test: emergency window"), OPERATOR);
        return notifications.accept(filed.id, OPERATOR, null, overrideReason);
    }

    /** A line speed change (変更届出 item ③) with the values the form asks for. */
    private static NotificationItem speed(String line, int mbps, String deviceMode) {
        return new NotificationItem(NotificationItem.Kind.ACCESS_LINE_SPEED, "speed change", line, mbps, deviceMode);
    }

    /** A window that opened a moment ago, approved now: the operator starts it by hand. */
    private PlannedOutage windowNow(Duration left, OutageReason reason, String... routers) {
        Instant start = MovableClock.now().minusSeconds(20);
        PlannedOutage outage = outages.request(new PlannedOutageService.Request(List.of(routers), start, MovableClock.now().plus(left), reason, null),
                ENGINEER);
        return outages.approve(outage.id, OPERATOR);
    }

    private RolloutJob finished(long jobId) throws InterruptedException {
        return Jobs.finished(jobId);
    }

    private static RolloutJobRouter router(RolloutJob job, String hostname) {
        return job.routers.stream().filter(r -> r.hostname.equals(hostname)).findFirst().orElseThrow(() -> new AssertionError(hostname + " not in job"));
    }

    private static List<String> stepNames(RolloutJobRouter router) {
        return router.steps.stream().map(RolloutJobRouter.Step::name).toList();
    }

    static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        Await.until(what, condition::get);
    }

    private LabRouter lab(String hostname) {
        return ((LabFleet) devices.lab().orElseThrow()).router(hostname).orElseThrow();
    }

    // ---- the cases -------------------------------------------------------------------------------

    @Test
    void aChangeIsPushedCheckedAndConfirmed() throws Exception {
        String router = "lgrt.sougoujimu.ehime.lgwan.jp";
        String revision = commit("inventory/organizations/388408-sougoujimu.yaml",
                text -> text.replace("description: LGWAN carrier line sougoujimu-carrier-1", "description: LGWAN carrier line sougoujimu-carrier-1 (200M)"),
                "sougoujimu: describe the line's speed");
        ChangeNotification notification = fileUrgent("388408", revision);
        assertEquals(ChangeRisk.SAFE, notification.highestRisk);
        PlannedOutage window = windowNow(Duration.ofMinutes(30), OutageReason.OTHER, router);
        notifications.schedule(notification.id, window.id, OPERATOR);
        RolloutJob job = finished(starter.openByHand(window.id, OPERATOR).id);

        RolloutJobRouter pushed = router(job, router);
        assertEquals(State.CONFIRMED, pushed.state, pushed.steps.toString());
        assertEquals(List.of("pre-check", "backup", "compare", "plan", "commit", "post-check", "confirm"), stepNames(pushed));
        // the exact commands, recorded before the commit typed them: only the owned description line
        assertEquals(List.of("description lan2 \"LGWAN carrier line sougoujimu-carrier-1 (200M)\""), pushed.steps.get(3).evidence().get("commands"));
        assertEquals(jp.lgwan.routerconfig.device.RouterDriver.Guard.SERVICE_WATCHDOG, pushed.guard, "Yamaha has no revert timer of its own");
        assertEquals(RolloutJob.State.COMPLETED, job.state);
        assertEquals("LGWAN carrier line sougoujimu-carrier-1 (200M)", lab(router).state().portView("lan2").orElseThrow().description());
        assertEquals("save", pushed.steps.get(pushed.steps.size() - 1).evidence().get("saved_by"));
        assertEquals(lab(router).device().runningConfig(), lab(router).device().startupConfig(), "saved: a reload boots the change");
        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(NotificationState.COMPLETED, ChangeNotification.<ChangeNotification>findById(notification.id).state);
            assertEquals(OutageStatus.COMPLETED, PlannedOutage.<PlannedOutage>findById(window.id).status);
            RouterBaseline baseline = RouterBaseline.findById(router);
            assertEquals(RouterBaseline.Source.PUSHED, baseline.source);
            assertEquals(revision, baseline.revision);
            RouterBackup backup = RouterBackup.findById(pushed.backupId);
            assertTrue(backup.config.contains("sougoujimu-carrier-1") && !backup.config.contains("(200M)"), "the backup is the old config");
            assertFalse(backup.config.contains("lab-auth-"), "no secret value is stored");
            assertTrue(backup.config.contains("login user lgwan-admin {{secret}}"), "a password the router shows its own way is masked too");
        });
        // the same change again: nothing to push
        // (its items name a change the organization's last accepted notification already made: accepted with a reason)
        ChangeNotification again = fileUrgent("388408", revision, new NotificationItem(NotificationItem.Kind.ROUTER_SETTINGS, "test change"),
                "test: the same change again");
        assertEquals(ChangeRisk.NONE, again.highestRisk, "the baseline is now what was pushed");
    }

    @Test
    void aModeMismatchFailsThePostCheckAndIsRolledBack() throws Exception {
        String router = "lgrt.town.matsuno.lgwan.jp";
        String revision = commit("inventory/organizations/384844-matsuno.yaml", text -> text
                        .replace("bandwidth_mbps: 100", "bandwidth_mbps: 1000")
                        .replace("      kind: onu\n      mode: auto", "      kind: onu\n      mode: 1000-full")
                        .replace("description: LGWAN prefecture WAN matsuno-prefwan-1\n        mode: auto",
                                "description: LGWAN prefecture WAN matsuno-prefwan-1\n        mode: 1000-full"),
                "matsuno: 1G line (変更届出 item 3)");
        ChangeNotification notification = fileUrgent("384844", revision, speed("matsuno-prefwan-1", 1000, "1000-full"), null);
        assertEquals(ChangeRisk.NEEDS_OUTAGE, notification.highestRisk);
        PlannedOutage window = windowNow(Duration.ofMinutes(30), OutageReason.LINE_SPEED_CHANGE, router);
        notifications.schedule(notification.id, window.id, OPERATOR);
        // the carrier has not changed the ONU yet: the lab's stays in auto
        RolloutJob job = finished(starter.openByHand(window.id, OPERATOR).id);

        RolloutJobRouter result = router(job, router);
        assertEquals(State.ROLLED_BACK, result.state, result.steps.toString());
        assertEquals(List.of("pre-check", "backup", "compare", "plan", "commit", "post-check", "rollback"), stepNames(result));
        assertEquals(List.of("wan-errors-not-rising"), result.failedChecks.stream().map(RolloutJobRouter.FailedCheck::name).toList());
        assertEquals(jp.lgwan.routerconfig.inventory.InterfaceMode.AUTO, lab(router).state().portView("lan2").orElseThrow().mode(),
                "the router runs its old mode again");
        assertEquals(Boolean.TRUE, result.steps.get(result.steps.size() - 1).evidence().get("runs_backup"));
        assertEquals(lab(router).device().runningConfig(), lab(router).device().startupConfig(), "the failed change was never saved");
        // the window worked: a rollback is one of the ends it is built for, not its failure
        assertEquals(RolloutJob.State.COMPLETED_WITH_ROLLBACKS, job.state);
        assertEquals("completed with rollbacks: 1 of 1 routers rolled back to their backup, 0 verified (1 ROLLED_BACK); the window itself ran"
                + " to its end", JobOutcome.of(job).summary());
        QuarkusTransaction.requiringNew().run(() -> assertEquals(NotificationState.ROLLED_BACK,
                ChangeNotification.<ChangeNotification>findById(notification.id).state));
        // the service desk hears of it, although its first delivery fails
        // the rollback's notice, not another one naming the router (another class's window of it may have sent one meanwhile)
        await("service desk notice", () -> notices().stream().anyMatch(n -> n.contains(router) && n.contains("router-rolled-back")));
        String notice = notices().stream().filter(n -> n.contains(router) && n.contains("router-rolled-back")).reduce((a, b) -> b).orElseThrow();
        assertTrue(notice.contains("router-rolled-back") && notice.contains("wan-errors-not-rising")
                && notice.contains("\"outage_id\":" + window.id), notice);
        await("notice marked delivered", () -> QuarkusTransaction.requiringNew().call(() -> ServiceDeskNotice.<ServiceDeskNotice>listAll().stream()
                .filter(n -> n.body.toString().contains(router)).allMatch(n -> n.deliveredAt != null && n.attempts >= 1)));
    }

    @Test
    void aBandwidthChangeOfAnFrrRouterEndsHostPendingNotAlreadyCompliant() throws Exception {
        // FRR's shaping is a host setting ("! host: tc ..."), which the driver does not apply: the router's own config does
        // not change, and the push says so instead of calling the router compliant
        String router = "lgrt.iryokouiki.hokkaido.lgwan.jp";
        String revision = commit("inventory/organizations/018406-iryokouiki.yaml", text -> text.replace("bandwidth_mbps: 200", "bandwidth_mbps: 100"),
                "iryokouiki: 100 Mbit/s contract");
        ChangeNotification notification = fileUrgent("018406", revision, speed("iryokouiki-carrier-1", 100, "auto"), null);
        assertEquals(ChangeRisk.NEEDS_OUTAGE, notification.highestRisk);
        PlannedOutage window = windowNow(Duration.ofMinutes(30), OutageReason.LINE_SPEED_CHANGE, router);
        notifications.schedule(notification.id, window.id, OPERATOR);
        RolloutJob job = finished(starter.openByHand(window.id, OPERATOR).id);

        RolloutJobRouter result = router(job, router);
        assertEquals(State.HOST_PENDING, result.state, result.steps.toString());
        assertEquals(List.of("pre-check", "backup", "compare"), stepNames(result));
        assertEquals(List.of("- ! host: tc qdisc replace dev eth0 root tbf rate 200mbit burst 256kb latency 50ms",
                "+ ! host: tc qdisc replace dev eth0 root tbf rate 100mbit burst 256kb latency 50ms"),
                result.steps.get(2).evidence().get("host_changes"));
        // nothing failed on the router, but it is not verified either: the job does not say "all routers verified"
        assertEquals(RolloutJob.State.COMPLETED_WITH_FAILURES, job.state);
        assertTrue(JobOutcome.of(job.state, List.of(result.state), null).summary().contains("1 HOST_PENDING"));
        QuarkusTransaction.requiringNew().run(() -> assertEquals(NotificationState.FAILED,
                ChangeNotification.<ChangeNotification>findById(notification.id).state, "the change is not complete"));
        await("service desk notice", () -> notices().stream().anyMatch(n -> n.contains(router) && n.contains("router-host-settings-pending")));
        String notice = notices().stream().filter(n -> n.contains(router) && n.contains("router-host-settings-pending")).findFirst().orElseThrow();
        assertTrue(notice.contains("HOST_PENDING") && notice.contains("rate 100mbit"), notice);
    }

    @Test
    void theWindowHaltsAtTheThresholdAndPairsNeverShareAWave() throws Exception {
        String canary = "lgrt.city.matsuyama.lgwan.jp";
        String revisionA = commit("inventory/organizations/382019-matsuyama.yaml",
                text -> text.replace("description: LGWAN prefecture WAN matsuyama-prefwan-1", "description: LGWAN prefecture WAN matsuyama-prefwan-1 v2"),
                "matsuyama: rename");
        String revisionB = commit("inventory/organizations/011002-sapporo.yaml", text -> text
                        .replace("description: LGWAN carrier line sapporo-carrier-1", "description: LGWAN carrier line sapporo-carrier-1 v2")
                        .replace("description: LGWAN prefecture WAN sapporo-prefwan-1", "description: LGWAN prefecture WAN sapporo-prefwan-1 v2"),
                "sapporo: rename");
        ChangeNotification a = fileUrgent("382019", revisionA);
        ChangeNotification b = fileUrgent("011002", revisionB);
        PlannedOutage window = windowNow(Duration.ofMinutes(30), OutageReason.OTHER, canary, "lgrt.city.sapporo.lgwan.jp", "lgsu.city.sapporo.lgwan.jp");
        notifications.schedule(a.id, window.id, OPERATOR);
        notifications.schedule(b.id, window.id, OPERATOR);
        lab(canary).snmp().silent(true); // the canary does not answer its pre-check
        try {
            RolloutJob job = finished(starter.openByHand(window.id, OPERATOR).id);
            assertEquals(RolloutJob.State.HALTED, job.state);
            assertEquals(0, router(job, canary).wave);
            assertEquals(State.FAILED, router(job, canary).state);
            assertEquals(List.of("pre-check"), stepNames(router(job, canary)), "nothing was pushed to an unreachable router");
            assertNotEquals(router(job, "lgrt.city.sapporo.lgwan.jp").wave, router(job, "lgsu.city.sapporo.lgwan.jp").wave);
            for (String pairMember : List.of("lgrt.city.sapporo.lgwan.jp", "lgsu.city.sapporo.lgwan.jp")) {
                RolloutJobRouter skipped = router(job, pairMember);
                assertEquals(State.SKIPPED, skipped.state);
                assertTrue(skipped.steps.get(0).outcome().startsWith("window halted: 1 of 3 routers failed"), skipped.steps.toString());
            }
            assertTrue(job.haltedReason.contains("threshold"), job.haltedReason);
            await("halt notice", () -> notices().stream().anyMatch(n -> n.contains("window-halted") && n.contains("\"job_id\":" + job.id)));
        } finally {
            lab(canary).snmp().silent(false);
        }
    }

    /**
     * A job's event stream as a console reads it: where the job stands, then each step as the
     * router takes it, the router's end, and the job's close, after which the stream ends; the
     * board's stream hears of the same job. Prints how long a step took from its record to the client.
     */
    @Test
    void aJobsStepsReachItsEventStreamAsTheyHappen() throws Exception {
        String router = "lgrt.city.chiyoda.lgwan.jp";
        PlannedOutage inspection = windowNow(Duration.ofMinutes(30), OutageReason.LEGAL_POWER_INSPECTION, router);
        long jobId = starter.openByHand(inspection.id, OPERATOR).id;
        await("job planned", () -> QuarkusTransaction.requiringNew().call(() -> RolloutJob.<RolloutJob>findById(jobId).state == RolloutJob.State.RUNNING));
        URI base = baseUrl.toURI();
        try (EventStreamClient board = EventStreamClient.open(base.resolve("/api/board/events"), "viewer", "viewer-test-password");
             EventStreamClient stream = EventStreamClient.open(base.resolve("/api/jobs/" + jobId + "/events"), "viewer", "viewer-test-password")) {
            EventStreamClient.Event first = stream.next(e -> e.name().equals("job"), Duration.ofSeconds(10));
            assertTrue(first.data().contains("\"state\":\"RUNNING\"") && first.data().contains("\"closed\":false"), first.data());
            // the power cut and back (the return check wants the restart to show): the return check runs now
            lab(router).state().reboot();
            QuarkusTransaction.requiringNew().run(() -> RolloutJobRouter.update("notBefore = ?1 where job.id = ?2", MovableClock.now(), jobId));

            EventStreamClient.Event step = stream.next(e -> e.name().equals("step"), Duration.ofSeconds(30));
            com.fasterxml.jackson.databind.JsonNode data = JSON.readTree(step.data());
            assertEquals(router, data.get("hostname").asText());
            assertEquals("return-check", data.get("name").asText());
            assertEquals(jobId, data.get("job_id").asLong());
            System.out.printf("event stream: step recorded at %s reached the client %d ms later%n", data.get("at").asText(),
                    Duration.between(Instant.parse(data.get("at").asText()), step.received()).toMillis());
            assertTrue(stream.next(e -> e.name().equals("router"), Duration.ofSeconds(30)).data().contains("\"state\":\"RETURN_CHECKED\""));
            EventStreamClient.Event closed = stream.next(e -> e.name().equals("job") && e.data().contains("\"closed\":true"), Duration.ofSeconds(30));
            assertTrue(closed.data().contains("\"state\":\"COMPLETED\"") && closed.data().contains("completed: all 1 routers verified"), closed.data());
            assertTrue(stream.ended(Duration.ofSeconds(10)), "the stream ends with its job");

            // the progress comes once a second, the moves as they happen: in any order between them
            board.any(e -> e.name().equals("progress") && e.data().contains(String.valueOf(jobId)), Duration.ofSeconds(10));
            board.any(e -> e.name().equals("router") && e.data().contains(router), Duration.ofSeconds(10));
            board.any(e -> e.name().equals("audit") && e.data().contains("job.completed") && e.data().contains("\"subject_id\":\"" + jobId + "\""),
                    Duration.ofSeconds(10));
        }
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("lgwan_rollout_routers_total{state=\"RETURN_CHECKED\"}"), "routers by final state");
        assertTrue(metrics.contains("lgwan_rollout_verification_seconds_count{passed=\"true\"}"), "verification durations");
        assertTrue(metrics.contains("lgwan_rollout_step_seconds_count{step=\"return-check\"}"), "step durations");
    }

    /**
     * A router whose WAN errors already rise before the window (its ONU forced to 100-full against the
     * router's auto: a duplex mismatch) is not pushed: the pre-check reads what the post-check would and
     * ends it PRE_EXISTING_FAULT, never CONFIRMED, with a notice to the service desk, in a window opened on
     * schedule (which forces nothing: the force is an operator's, at a start by hand). In the next window an
     * operator starting it by hand forces the push with a reason (the start request's {@code force_pre_check}):
     * audited, shown on the job's router, and the push goes on — the mismatch is still there, so the post-check
     * fails and the change is rolled back. A force naming a router the window does not push is refused, naming
     * the field, and the window stays approved. (One router, one window after the other: windows of a router
     * may not overlap.)
     */
    @Test
    void aRouterWithAPreExistingFaultIsNotPushedUnlessAnOperatorForcesIt() throws Exception {
        String router = "lgrt.town.niseko.lgwan.jp";
        String wan = "GigaEthernet0.0";
        String revision = commit("inventory/organizations/013951-niseko.yaml",
                text -> text.replace("description: LGWAN prefecture WAN niseko-prefwan-1", "description: LGWAN prefecture WAN niseko-prefwan-1 v2"),
                "niseko: rename");
        lab(router).state().cable(wan, jp.lgwan.routerconfig.inventory.InterfaceMode.parse("100-full"));
        try {
            ChangeNotification notification = fileUrgent("013951", revision);
            PlannedOutage window = windowNow(Duration.ofMinutes(30), OutageReason.OTHER, router);
            notifications.schedule(notification.id, window.id, OPERATOR);
            // opened by the service, as Quartz opens it (WindowOpensJob; 20 s after its start: LATE): it forces nothing
            RolloutJob job = finished(starter.openOnSchedule(window.id).orElseThrow().id);
            assertEquals(RolloutJob.StartKind.LATE, job.startKind);
            assertEquals("service", job.startedBy);
            RolloutJobRouter faulty = router(job, router);
            assertEquals(State.PRE_EXISTING_FAULT, faulty.state, faulty.steps.toString());
            assertNull(faulty.preCheckForcedBy, "nobody forced it");
            assertEquals(List.of("pre-check"), stepNames(faulty), "nothing backed up, typed or confirmed");
            assertEquals("pre-existing fault", faulty.steps.get(0).outcome());
            assertEquals("wan-errors-not-rising", faulty.failedChecks.get(0).name());
            assertEquals(RolloutJob.State.COMPLETED_WITH_FAILURES, job.state);
            assertTrue(JobOutcome.of(job).summary().contains("1 PRE_EXISTING_FAULT"), JobOutcome.of(job).summary());
            assertEquals("LGWAN prefecture WAN niseko-prefwan-1", lab(router).state().portView(wan).orElseThrow().description());
            await("pre-existing fault notice", () -> notices().stream().anyMatch(n -> n.contains("router-pre-existing-fault") && n.contains(router)));

            ChangeNotification again = fileUrgent("013951", revision);
            PlannedOutage next = windowNow(Duration.ofMinutes(30), OutageReason.OTHER, router);
            notifications.schedule(again.id, next.id, OPERATOR);
            io.restassured.specification.RequestSpecification operator = io.restassured.RestAssured.given().auth().preemptive()
                    .basic("operator", "operator-test-password").contentType("application/json");
            operator.body(Map.of("force_pre_check", List.of(Map.of("router", "lgrt.city.nowhere.lgwan.jp", "reason", "typo"))))
                    .post("/api/outages/" + next.id + "/start").then().statusCode(422)
                    .body("field", org.hamcrest.Matchers.equalTo("force_pre_check[0].router"));
            assertEquals(OutageStatus.APPROVED, QuarkusTransaction.requiringNew().call(() -> PlannedOutage.<PlannedOutage>findById(next.id).status));
            String reason = "the carrier fixes the ONU's mode tonight; pushing the renamed description anyway";
            long jobId = operator.body(Map.of("force_pre_check", List.of(Map.of("router", router, "reason", reason))))
                    .post("/api/outages/" + next.id + "/start").then().statusCode(202)
                    .body("routers[0].pre_check_forced.by", org.hamcrest.Matchers.equalTo("operator"))
                    .body("routers[0].pre_check_forced.reason", org.hamcrest.Matchers.equalTo(reason))
                    .extract().jsonPath().getLong("id");
            RolloutJobRouter forced = router(finished(jobId), router);
            assertEquals("pre-existing fault, forced", forced.steps.get(0).outcome(), forced.steps.toString());
            assertEquals(reason, forced.steps.get(0).evidence().get("forced_reason"));
            assertEquals("operator", forced.steps.get(0).evidence().get("forced_by"));
            assertTrue(stepNames(forced).containsAll(List.of("commit", "post-check", "rollback")), stepNames(forced).toString());
            assertEquals(State.ROLLED_BACK, forced.state, "the mismatch is still there: the change is rolled back");
            QuarkusTransaction.requiringNew().run(() -> {
                jp.lgwan.routerconfig.audit.AuditEvent audited = jp.lgwan.routerconfig.audit.AuditEvent.<jp.lgwan.routerconfig.audit.AuditEvent>find(
                        "action = ?1 and subjectId = ?2", "planned-outage.pre-check-forced", String.valueOf(next.id)).firstResult();
                assertNotNull(audited, "the force is audited");
                assertEquals("operator", audited.actor);
                assertEquals(router, audited.detail.get("router"));
                assertEquals(reason, audited.detail.get("reason"));
            });
        } finally {
            lab(router).state().cable(wan, jp.lgwan.routerconfig.inventory.InterfaceMode.AUTO);
        }
    }

    /** The window's own failure: a job that cannot be planned (a router not in the inventory) ends FAILED, its routers skipped. */
    @Test
    void aJobThatCannotRunIsTheWindowsOwnFailure() throws Exception {
        PlannedOutage window = windowNow(Duration.ofMinutes(30), OutageReason.OTHER, "lgrt.vill.hinohara.lgwan.jp");
        long jobId = QuarkusTransaction.requiringNew().call(() -> {
            PlannedOutage outage = PlannedOutage.findById(window.id);
            outage.status = OutageStatus.IN_PROGRESS;
            RolloutJob job = new RolloutJob();
            job.outageId = outage.id;
            job.state = RolloutJob.State.PENDING;
            job.startKind = RolloutJob.StartKind.MANUAL;
            job.startedBy = "test";
            job.createdAt = MovableClock.now();
            RolloutJobRouter gone = new RolloutJobRouter();
            gone.job = job;
            gone.hostname = "lgrt.city.nowhere.lgwan.jp";
            gone.state = State.PENDING;
            job.routers.add(gone);
            job.persist();
            return job.id;
        });
        RolloutJob job = finished(jobId);
        assertEquals(RolloutJob.State.FAILED, job.state);
        assertTrue(job.haltedReason.contains("lgrt.city.nowhere.lgwan.jp is not in"), job.haltedReason);
        assertEquals(State.SKIPPED, router(job, "lgrt.city.nowhere.lgwan.jp").state);
        assertTrue(JobOutcome.of(job).summary().startsWith("failed: the window could not run: not planned: "), JobOutcome.of(job).summary());
        assertEquals(OutageStatus.COMPLETED, QuarkusTransaction.requiringNew().call(() -> PlannedOutage.<PlannedOutage>findById(window.id).status));
        await("window-failed notice", () -> notices().stream().anyMatch(n -> n.contains("window-failed") && n.contains("\"job_id\":" + jobId)));
    }

    /** A backup collection of another instance reading {@code hostname} until {@code until}, as its marker stands in PostgreSQL. */
    private void readByAnotherInstance(String hostname, Instant until) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into router_reading (hostname, instance, until) values (?1, 'collector-elsewhere', ?2)
                        on conflict (hostname) do update set instance = excluded.instance, until = excluded.until""")
                .setParameter(1, hostname).setParameter(2, until).executeUpdate());
    }

    private void readingEnded(String hostname) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from router_reading where hostname = ?1")
                .setParameter(1, hostname).executeUpdate());
    }

    /**
     * NEC IX shows its running config only in configuration mode, one session at a time: a push claiming the router while a
     * collection reads it would be refused. It waits the reading out, then pushes as ever: the same steps, CONFIRMED.
     */
    @Test
    void aPushWaitsForABackupCollectionReadingItsRouter() throws Exception {
        String router = "lgrt.pref.ehime.lgwan.jp";
        String revision = commit("inventory/organizations/380008-ehime.yaml",
                text -> text.replace("description: Office LAN", "description: Office LAN (collected first)"), "ehime: rename the LAN");
        ChangeNotification notification = fileUrgent("380008", revision);
        PlannedOutage window = windowNow(Duration.ofMinutes(30), OutageReason.OTHER, router);
        notifications.schedule(notification.id, window.id, OPERATOR);
        readByAnotherInstance(router, MovableClock.now().plus(Duration.ofMinutes(2)));
        long jobId;
        try {
            jobId = starter.openByHand(window.id, OPERATOR).id;
            // held for 4 s: the push's first step (the pre-check, 2 SNMP polls 200 ms apart) would be recorded well within it
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < until) {
                RolloutJobRouter waiting = QuarkusTransaction.requiringNew().call(() -> {
                    RolloutJobRouter r = router(RolloutJob.<RolloutJob>findById(jobId), router);
                    r.steps.size();
                    return r;
                });
                assertEquals(List.of(), waiting.steps, "no step while a collection reads the router");
                Thread.sleep(250);
            }
        } finally {
            readingEnded(router);
        }
        RolloutJobRouter pushed = router(finished(jobId), router);
        assertEquals(State.CONFIRMED, pushed.state, pushed.steps.toString());
        assertEquals(List.of("pre-check", "backup", "compare", "plan", "commit", "post-check", "confirm"), stepNames(pushed));
    }

    /** A reading whose instance died blocks nothing once its marker expired, and blocks at most until then. */
    @Test
    void anExpiredReadingBlocksNothing() throws Exception {
        String router = "lgrt.city.chiyoda.lgwan.jp";
        try {
            readByAnotherInstance(router, MovableClock.now().minusSeconds(1));
            assertTrue(readings.readUntil(router).isEmpty());
            assertEquals(Duration.ZERO, readings.waitOut(router));
            assertTrue(readings.take(router, Duration.ofSeconds(30)), "a collection takes an expired marker over");
            readings.release(router);

            readByAnotherInstance(router, MovableClock.now().plusMillis(1500));
            assertFalse(readings.take(router, Duration.ofSeconds(30)), "one reading at a time, whichever instance");
            Duration waited = readings.waitOut(router); // never released: its expiry ends the wait
            assertTrue(waited.compareTo(Duration.ofMillis(1000)) >= 0 && waited.compareTo(Duration.ofSeconds(10)) < 0, waited.toString());
        } finally {
            readingEnded(router);
        }
    }

    @Test
    void noRouterStartsWhenItsPushCouldNotFinishBeforeTheWindowCloses() throws Exception {
        String router = "lgrt.pref.ehime.lgwan.jp";
        String revision = commit("inventory/organizations/380008-ehime.yaml",
                text -> text.replace("description: LGWAN carrier line ehime-carrier-1", "description: LGWAN carrier line ehime-carrier-1 v2"),
                "ehime: rename");
        ChangeNotification notification = fileUrgent("380008", revision);
        Instant start = MovableClock.now().minus(Duration.ofMinutes(8));
        PlannedOutage outage = outages.request(new PlannedOutageService.Request(List.of(router), start, start.plus(Duration.ofMinutes(10)),
                OutageReason.OTHER, null), ENGINEER);
        outages.approve(outage.id, OPERATOR);
        notifications.schedule(notification.id, outage.id, OPERATOR);
        RolloutJob job = finished(starter.openByHand(outage.id, OPERATOR).id);
        RolloutJobRouter skipped = router(job, router);
        assertEquals(State.SKIPPED, skipped.state);
        assertTrue(skipped.steps.get(0).outcome().contains("the window closes at"), skipped.steps.toString());
        assertEquals(1, skipped.steps.size(), "nothing was done to the router");
    }

    @Test
    void aPowerCutWindowEndsWithAReturnCheckThatReportsARouterThatStayedDown() throws Exception {
        String back = "lgrt.vill.hinohara.lgwan.jp";
        String down = "lgrt.vill.akaigawa.lgwan.jp";
        PlannedOutage inspection = windowNow(Duration.ofMinutes(30), OutageReason.LEGAL_POWER_INSPECTION, back, down);
        long jobId = starter.openByHand(inspection.id, OPERATOR).id;
        await("job planned", () -> QuarkusTransaction.requiringNew().call(() -> RolloutJob.<RolloutJob>findById(jobId).state == RolloutJob.State.RUNNING));
        RolloutJob planned = QuarkusTransaction.requiringNew().call(() -> {
            RolloutJob job = RolloutJob.findById(jobId);
            job.routers.size();
            return job;
        });
        assertEquals(inspection.windowEnd.plus(Duration.ofMinutes(10)), router(planned, back).notBefore, "checked at the end plus the boot allowance");
        Thread.sleep(1000);
        assertEquals(State.PENDING, router(planned, back).state);
        // the power comes back for one router only; then the clock reaches the return check
        lab(back).state().reboot();
        lab(down).snmp().silent(true);
        try {
            QuarkusTransaction.requiringNew().run(() -> RolloutJobRouter.update("notBefore = ?1 where job.id = ?2", MovableClock.now(), jobId));
            RolloutJob job = finished(jobId);
            assertEquals(State.RETURN_CHECKED, router(job, back).state, router(job, back).steps.toString());
            RolloutJobRouter stayedDown = router(job, down);
            assertEquals(State.FAILED, stayedDown.state);
            assertEquals("reachable", stayedDown.failedChecks.get(0).name());
            assertEquals(List.of("return-check"), stepNames(stayedDown));
            await("return-check notice", () -> notices().stream().anyMatch(n -> n.contains("return-check-failed") && n.contains(down)));
        } finally {
            lab(down).snmp().silent(false);
        }
    }

    /**
     * A crash between commit and confirm: another instance pushed under a revert timer and died.
     * Once its claim expires this instance takes the router over and finishes without pushing again.
     */
    @Test
    void aPushInterruptedByACrashIsFinishedWithoutPushingAgain() throws Exception {
        String router = "lgrt.hosting-example.lgwan.jp";
        String revision = commit("inventory/organizations/ASP-00001-hosting-example.yaml",
                text -> text.replace("description: LGWAN carrier line asp00001-carrier-1", "description: LGWAN carrier line asp00001-carrier-1 v2"),
                "hosting: rename");
        ChangeNotification notification = fileUrgent("ASP-00001", revision);
        PlannedOutage window = windowNow(Duration.ofMinutes(30), OutageReason.OTHER, router);
        notifications.schedule(notification.id, window.id, OPERATOR);
        // the dead instance: it claimed the router, backed it up, committed, and died before the post-check
        var target = CrashSimulation.pushWithoutConfirm(inventory, devices, revision, router);
        long jobId = QuarkusTransaction.requiringNew().call(() -> CrashSimulation.jobLeftBehind(window.id, notification.id, router, revision,
                target.backup()));
        RolloutJob job = finished(jobId);
        RolloutJobRouter resumed = router(job, router);
        assertEquals(State.CONFIRMED, resumed.state, resumed.steps.toString());
        List<String> names = stepNames(resumed);
        assertEquals(1, Collections.frequency(names, "commit"), "pushed once: " + names);
        assertTrue(names.containsAll(List.of("resume", "post-check", "confirm")), names.toString());
        assertEquals("LGWAN carrier line asp00001-carrier-1 v2", lab(router).state().portView("eth0").orElseThrow().description());
        QuarkusTransaction.requiringNew().run(() -> assertEquals(NotificationState.COMPLETED,
                ChangeNotification.<ChangeNotification>findById(notification.id).state));
        assertNotNull(target);
    }

    /** The crash cut the typing short on a router whose lines apply as typed: neither the change nor the backup runs. */
    @Test
    void aPushCutShortByACrashIsRestoredFromItsBackup() throws Exception {
        String router = "lgrt.vill.akaigawa.lgwan.jp";
        String revision = commit("inventory/organizations/014087-akaigawa.yaml", text -> text
                        .replace("description: LGWAN carrier line akaigawa-carrier-1", "description: LGWAN carrier line akaigawa-carrier-1 v2")
                        .replace("description: Office LAN", "description: Office LAN v2"),
                "akaigawa: rename both ports");
        ChangeNotification notification = fileUrgent("014087", revision);
        PlannedOutage window = windowNow(Duration.ofMinutes(30), OutageReason.OTHER, router);
        notifications.schedule(notification.id, window.id, OPERATOR);
        var typed = CrashSimulation.pushPartially(inventory, devices, revision, router,
                running -> running.replace("LGWAN carrier line akaigawa-carrier-1\"", "LGWAN carrier line akaigawa-carrier-1 v2\""));
        assertEquals("LGWAN carrier line akaigawa-carrier-1 v2", lab(router).state().portView("lan2").orElseThrow().description(),
                "half of the change reached the router");
        long jobId = QuarkusTransaction.requiringNew().call(() -> CrashSimulation.jobLeftBehind(window.id, notification.id, router, revision,
                typed.backup(), State.PUSHING));
        RolloutJob job = finished(jobId);
        RolloutJobRouter resumed = router(job, router);
        assertEquals(State.ROLLED_BACK, resumed.state, resumed.steps.toString());
        assertTrue(resumed.steps.get(resumed.steps.size() - 1).outcome().contains("its backup was restored"), resumed.steps.toString());
        assertEquals("LGWAN carrier line akaigawa-carrier-1", lab(router).state().portView("lan2").orElseThrow().description());
    }

    @Test
    void twoInstancesNeverClaimTheSameRouter() throws Exception {
        Instant far = Instant.parse("2045-06-01T01:00:00Z").plus(Duration.ofDays((long) (Math.random() * 300)));
        List<String> all = inventory.current().configs().keySet().stream().sorted().toList();
        PlannedOutage outage = outages.request(new PlannedOutageService.Request(all, far, far.plus(Duration.ofHours(1)), OutageReason.OTHER, null),
                ENGINEER);
        // a job the runner of this JVM leaves alone (its state is not one it works on): the two claimers below stand for two instances
        long jobId = QuarkusTransaction.requiringNew().call(() -> CrashSimulation.idleJob(outage.id, all));
        Map<String, Long> claimedByA = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> claimedByB = new java.util.concurrent.ConcurrentHashMap<>();
        Thread a = new Thread(() -> claimAll(jobId, "instance-a", claimedByA));
        Thread b = new Thread(() -> claimAll(jobId, "instance-b", claimedByB));
        a.start();
        b.start();
        a.join();
        b.join();
        List<String> both = new ArrayList<>(claimedByA.keySet());
        both.addAll(claimedByB.keySet());
        assertEquals(all, both.stream().sorted().toList(), "every router claimed exactly once");
        assertFalse(claimedByA.isEmpty() || claimedByB.isEmpty(), "both instances took work: " + claimedByA.size() + " / " + claimedByB.size());
        // instance A dies; B lives (renews its claims): after A's lease, B takes A's routers over, and A can no longer write about them
        Thread.sleep(3500);
        claims.renew("instance-b");
        Map<String, Long> takenOver = new java.util.HashMap<>();
        claimAll(jobId, "instance-b", takenOver);
        assertEquals(claimedByA.keySet().stream().sorted().toList(), takenOver.keySet().stream().sorted().toList());
        long oneOfA = claimedByA.values().iterator().next();
        org.junit.jupiter.api.Assertions.assertThrows(RouterClaims.LeaseLost.class,
                () -> journal.step(oneOfA, "instance-a", State.BACKED_UP, "backup", "ok", StepEvidence.None.INSTANCE));
    }

    private void claimAll(long jobId, String owner, Map<String, Long> into) {
        while (true) {
            var claimed = claims.claim(jobId, 0, owner, 2);
            if (claimed.isEmpty()) {
                return;
            }
            claimed.forEach(c -> {
                into.put(c.hostname(), c.id());
                journal.step(c.id(), owner, State.PRE_CHECKED, "pre-check", "ok", StepEvidence.None.INSTANCE);
            });
        }
    }
}
