package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.JST;
import static jp.lgwan.routerconfig.api.Api.NISEKO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.SAPPORO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.VIEWER;
import static jp.lgwan.routerconfig.api.Api.as;
import static jp.lgwan.routerconfig.api.Api.jsonAs;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.testing.Await;
import jp.lgwan.routerconfig.testing.MovableClock;
import org.junit.jupiter.api.Test;

/** Planned-outage windows over HTTP: request, the rules on their time, approval, cancellation, a start by hand, and its job. */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class OutageApiTest {

    @Inject
    MovableClock clock;

    private static String status(long outageId) {
        return as(OPERATOR).get("/api/outages/" + outageId).then().statusCode(200).extract().jsonPath().getString("status");
    }

    private static final String KUMAKOGEN_ROUTER = "lgrt.town.kumakogen.lgwan.jp";
    private static final String HINOHARA_ROUTER = "lgrt.vill.hinohara.lgwan.jp";

    @Test
    void requestReadAndList() {
        OffsetDateTime[] window = Api.nextWindow();
        Map<String, Object> request = new HashMap<>(Api.outageRequest(List.of("lgsu.city.sapporo.lgwan.jp", SAPPORO_ROUTER),
                window[0].withOffsetSameInstant(ZoneOffset.UTC), window[1].withOffsetSameInstant(ZoneOffset.UTC)));
        Response requested = jsonAs(ENGINEER, request).post("/api/outages");
        long id = requested.then().statusCode(201).extract().jsonPath().getLong("id");
        requested.then().header("Location", endsWith("/api/outages/" + id))
                .body("status", equalTo("REQUESTED")).body("reason", equalTo("LINE_SPEED_CHANGE"))
                .body("description", equalTo("API test window")).body("requested_by", equalTo(ENGINEER))
                .body("routers", equalTo(List.of(SAPPORO_ROUTER, "lgsu.city.sapporo.lgwan.jp")))
                .body("approved_by", nullValue());
        // given in UTC, answered in Japan's offset
        assertEquals(window[0], OffsetDateTime.parse(requested.jsonPath().getString("window_start")));
        assertEquals(window[1], OffsetDateTime.parse(requested.jsonPath().getString("window_end")));

        as(VIEWER).get("/api/outages/" + id).then().statusCode(200).body("id", equalTo((int) id)).body("status", equalTo("REQUESTED"));
        as(VIEWER).queryParam("status", "requested").queryParam("size", 500).get("/api/outages").then().statusCode(200)
                .body("items.status", everyItem(equalTo("REQUESTED"))).body("items.id", hasItem((int) id));
        as(VIEWER).queryParam("status", "CANCELLED").queryParam("size", 500).get("/api/outages").then().statusCode(200)
                .body("items.id", not(hasItem((int) id)));
        Api.assertProblem(as(VIEWER).queryParam("status", "WHATEVER").get("/api/outages"), 422, "status");
        Api.assertProblem(as(VIEWER).get("/api/outages/999999999"), 404, null);

        long total = Api.total("/api/outages");
        as(VIEWER).queryParam("size", 1).queryParam("page", 0).get("/api/outages").then().statusCode(200)
                .body("total", equalTo((int) total)).body("size", equalTo(1));
    }

    @Test
    void overlappingWindowsOnOneRouterConflict() {
        OffsetDateTime[] window = Api.nextWindow();
        long first = jsonAs(ENGINEER, Api.outageRequest(List.of(NISEKO_ROUTER), window[0], window[1])).post("/api/outages").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        long before = Api.total("/api/outages");
        Api.assertProblem(jsonAs(ENGINEER, Api.outageRequest(List.of(SAPPORO_ROUTER, NISEKO_ROUTER), window[0].plusMinutes(59),
                window[1].plusHours(1))).post("/api/outages"), 409, null)
                .then().body("type", endsWith("window-overlap")).body("conflicts[0].outage_id", equalTo((int) first))
                .body("conflicts[0].routers", equalTo(List.of(NISEKO_ROUTER)));
        assertEquals(before, Api.total("/api/outages"));
        // the same time on another router, and the next window on the same router, are fine
        jsonAs(ENGINEER, Api.outageRequest(List.of(SAPPORO_ROUTER), window[0], window[1])).post("/api/outages").then().statusCode(201);
        jsonAs(ENGINEER, Api.outageRequest(List.of(NISEKO_ROUTER), window[1], window[1].plusMinutes(10))).post("/api/outages").then()
                .statusCode(201);
        // once cancelled, a window no longer holds its time
        jsonAs(OPERATOR, Map.of("reason", "moved")).post("/api/outages/" + first + "/cancel").then().statusCode(200);
        jsonAs(ENGINEER, Api.outageRequest(List.of(NISEKO_ROUTER), window[0], window[1])).post("/api/outages").then().statusCode(201);
    }

    @Test
    void aWindowIsAtLeastTheBootAllowanceInTheFutureOnKnownRouters() {
        OffsetDateTime[] window = Api.nextWindow();
        OffsetDateTime start = window[0];
        long before = Api.total("/api/outages");
        Api.assertProblem(jsonAs(ENGINEER, Api.outageRequest(List.of(NISEKO_ROUTER), start, start.plusMinutes(9).plusSeconds(59)))
                .post("/api/outages"), 422, "window_end").then().body("minimum_seconds", equalTo(600));
        Api.assertProblem(jsonAs(ENGINEER, Api.outageRequest(List.of(NISEKO_ROUTER), start, start.minusMinutes(30)))
                .post("/api/outages"), 422, "window_end");
        OffsetDateTime past = jp.lgwan.routerconfig.testing.MovableClock.nowInJapan().minusDays(1);
        Api.assertProblem(jsonAs(ENGINEER, Api.outageRequest(List.of(NISEKO_ROUTER), past, past.plusHours(1)))
                .post("/api/outages"), 422, "window_end");
        Api.assertProblem(jsonAs(ENGINEER, Api.outageRequest(List.of("lgrt.city.nowhere.lgwan.jp"), start, start.plusHours(1)))
                .post("/api/outages"), 422, "routers").then().body("routers", equalTo(List.of("lgrt.city.nowhere.lgwan.jp")));
        assertEquals(before, Api.total("/api/outages"));
        jsonAs(ENGINEER, Api.outageRequest(List.of(NISEKO_ROUTER), start, start.plusMinutes(10))).post("/api/outages").then()
                .statusCode(201);
    }

    @Test
    void approveAndCancel() {
        long id = Api.requestOutage(ENGINEER, NISEKO_ROUTER);
        Api.post(OPERATOR, "/api/outages/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("approved_by", equalTo(OPERATOR)).body("approved_at", notNullValue());
        Api.assertProblem(Api.post(OPERATOR, "/api/outages/" + id + "/approve"), 409, null).then().body("type", endsWith("illegal-transition"));
        jsonAs(OPERATOR, Map.of("reason", "the carrier moved the date")).post("/api/outages/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("closed_by", equalTo(OPERATOR))
                .body("close_reason", equalTo("the carrier moved the date"));
        Api.assertProblem(Api.post(OPERATOR, "/api/outages/" + id + "/cancel"), 409, null);
        Api.assertProblem(Api.post(OPERATOR, "/api/outages/" + id + "/approve"), 409, null);
        Api.assertProblem(Api.post(OPERATOR, "/api/outages/999999999/approve"), 404, null);
        Api.assertProblem(Api.post(OPERATOR, "/api/outages/999999999/cancel"), 404, null);
        // a requested window may be cancelled without a reason
        Api.post(OPERATOR, "/api/outages/" + Api.requestOutage(ENGINEER, NISEKO_ROUTER) + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("close_reason", nullValue());
    }

    @Test
    void aWindowStartsByHandOnlyWhenApprovedAndOpen() {
        long requested = Api.requestOutage(ENGINEER, NISEKO_ROUTER);
        Api.assertProblem(Api.post(OPERATOR, "/api/outages/" + requested + "/start"), 409, null)
                .then().body("type", endsWith("window-not-approved"));
        long future = Api.approvedOutage(NISEKO_ROUTER);
        Api.assertProblem(Api.post(OPERATOR, "/api/outages/" + future + "/start"), 409, null)
                .then().body("type", endsWith("outside-window"));
        as(OPERATOR).get("/api/outages/" + future).then().body("status", equalTo("APPROVED"));
        Api.assertProblem(Api.post(OPERATOR, "/api/outages/999999999/start"), 404, null);
    }

    /** Approval puts the window's opening into Quartz, which opens it on time, as the service. */
    @Test
    void anApprovedWindowOpensByItselfWhenItsStartComes() throws InterruptedException {
        OffsetDateTime start = OffsetDateTime.ofInstant(clock.instant(), JST).plusHours(1).withNano(0);
        long id = jsonAs(ENGINEER, Api.outageRequest(List.of(HINOHARA_ROUTER), start, start.plusMinutes(30))).post("/api/outages").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        Api.post(OPERATOR, "/api/outages/" + id + "/approve").then().statusCode(200).body("status", equalTo("APPROVED"));
        clock.setTo(start.toInstant().minusSeconds(2)); // the hour passes
        Await.until("window " + id + " opened", () -> !status(id).equals("APPROVED"));
        String status = status(id);
        org.junit.jupiter.api.Assertions.assertTrue(status.equals("IN_PROGRESS") || status.equals("COMPLETED"), status); // its job has no router: it may be done already
        as(OPERATOR).queryParam("size", 500).get("/api/jobs").then().statusCode(200)
                .body("items.find { it.outage_id == " + id + " }.start_kind", equalTo("SCHEDULED"))
                .body("items.find { it.outage_id == " + id + " }.started_by", equalTo("service"));
        as(OPERATOR).queryParam("subject_type", "planned-outage").queryParam("subject_id", id).queryParam("action", "planned-outage.started")
                .get("/api/audit").then().statusCode(200).body("total", equalTo(1)).body("items[0].actor", equalTo("service"));
    }

    @Test
    void aStartByHandCreatesTheWindowsJob() {
        Response started = Api.startByHand(KUMAKOGEN_ROUTER, "LEGAL_POWER_INSPECTION");
        started.then().statusCode(202);
        long job = started.jsonPath().getLong("id");
        long outage = started.jsonPath().getLong("outage_id");
        started.then().header("Location", endsWith("/api/jobs/" + job))
                .body("state", equalTo("PENDING")).body("start_kind", equalTo("MANUAL")).body("started_by", equalTo(OPERATOR))
                .body("inventory_revision", equalTo(Api.headCommit()))
                // a legal power inspection pushes nothing: each router of the window is checked when the power is back
                .body("routers.hostname", equalTo(List.of(KUMAKOGEN_ROUTER))).body("routers_by_state.PENDING", equalTo(1));
        as(OPERATOR).get("/api/outages/" + outage).then().body("status", equalTo("IN_PROGRESS"));
        Api.assertProblem(Api.post(OPERATOR, "/api/outages/" + outage + "/start"), 409, null);
        Api.assertProblem(Api.post(OPERATOR, "/api/outages/" + outage + "/cancel"), 409, null);

        as(VIEWER).get("/api/jobs/" + job).then().statusCode(200)
                .body("id", equalTo((int) job)).body("outage_id", equalTo((int) outage))
                .body("routers[0].hostname", equalTo(KUMAKOGEN_ROUTER)).body("routers[0].state", equalTo("PENDING"))
                .body("routers[0].steps", equalTo(List.of())).body("created_at", containsString("+09:00"));
        as(VIEWER).queryParam("size", 500).get("/api/jobs").then().statusCode(200)
                .body("items.id", hasItem((int) job)).body("items[0].routers", nullValue())
                .body("total", equalTo((int) Api.total("/api/jobs")));
        Api.assertProblem(as(VIEWER).get("/api/jobs/999999999"), 404, null);
        // done with it: halted, so that its return check does not run in another test's time (a test that moves the
        // service's clock, or a slow run that passes the window's end)
        jsonAs(OPERATOR, Map.of("reason", "test: done with it")).post("/api/jobs/" + job + "/halt").then().statusCode(200);
    }

    /** A start by hand of a window with nothing scheduled into it: 409, and the window stays approved for a notification. */
    @Test
    void aWindowWithNothingScheduledIsNotStarted() {
        OffsetDateTime start = jp.lgwan.routerconfig.testing.MovableClock.nowInJapan().minusMinutes(1).withNano(0);
        long id = jsonAs(ENGINEER, Api.outageRequest(List.of("lgsu.city.sapporo.lgwan.jp"), start, start.plusMinutes(15))).post("/api/outages")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        Api.post(OPERATOR, "/api/outages/" + id + "/approve").then().statusCode(200);
        try {
            Api.assertProblem(Api.post(OPERATOR, "/api/outages/" + id + "/start"), 409, null)
                    .then().body("type", endsWith("/nothing-scheduled")).body("title", equalTo("Nothing scheduled into the window"))
                    .body("scheduled_notifications", equalTo(0));
            as(VIEWER).get("/api/outages/" + id).then().body("status", equalTo("APPROVED"));
        } finally {
            jsonAs(OPERATOR, java.util.Map.of("reason", "test done")).post("/api/outages/" + id + "/cancel").then().statusCode(200);
        }
    }
}
