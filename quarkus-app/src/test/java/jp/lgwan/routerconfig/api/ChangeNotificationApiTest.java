package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.NISEKO;
import static jp.lgwan.routerconfig.api.Api.NISEKO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.SAPPORO;
import static jp.lgwan.routerconfig.api.Api.SAPPORO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.TOKYO;
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
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.testing.MovableClock;
import org.junit.jupiter.api.Test;

/** Change notifications over HTTP: filing, reading, the notice period, and every move of the state machine. */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class ChangeNotificationApiTest {

    @Inject
    MovableClock clock;

    @Test
    void filingRendersTheOrganizationsRoutersAtHead() {
        String head = Api.headCommit();
        Map<String, Object> filing = new HashMap<>(Api.filing(SAPPORO));
        filing.put("items", List.of(Map.of("kind", "ACCESS_LINE_SPEED", "description", "1 Gbps to 10 Gbps"),
                Map.of("kind", "RESPONSIBLE_PERSON", "description", "新しい責任者")));
        Response filed = jsonAs(ENGINEER, filing).post("/api/change-notifications");
        filed.then().statusCode(201).contentType(containsString("application/json"))
                .header("Location", endsWith("/api/change-notifications/" + filed.jsonPath().getLong("id")))
                .body("state", equalTo("RECEIVED")).body("organization_code", equalTo(SAPPORO))
                .body("effective_date", equalTo(Api.effectiveDate().toString()))
                .body("inventory_revision", equalTo(head)).body("filed_by", equalTo(ENGINEER))
                .body("items.kind", equalTo(List.of("ACCESS_LINE_SPEED", "RESPONSIBLE_PERSON")))
                .body("items[1].description", equalTo("新しい責任者"))
                .body("highest_risk", equalTo("NONE")).body("needs_outage", equalTo(false))
                .body("routers.hostname", equalTo(List.of(SAPPORO_ROUTER, "lgsu.city.sapporo.lgwan.jp")))
                .body("routers.risk", everyItem(equalTo("NONE"))).body("routers.base_revision", everyItem(equalTo(head)))
                .body("decided_by", nullValue()).body("outage_id", nullValue());
        long id = filed.jsonPath().getLong("id");
        OffsetDateTime submitted = OffsetDateTime.parse(filed.jsonPath().getString("submitted_at"));
        assertEquals(9 * 3600, submitted.getOffset().getTotalSeconds());

        // the same when read back, by anyone who may read notifications
        as(VIEWER).get("/api/change-notifications/" + id).then().statusCode(200)
                .body("id", equalTo((int) id)).body("state", equalTo("RECEIVED")).body("routers.hostname", hasItem(SAPPORO_ROUTER))
                .body("items[1].description", equalTo("新しい責任者"));
        Api.assertProblem(as(VIEWER).get("/api/change-notifications/999999999"), 404, null);
    }

    @Test
    void aNamedRevisionIsResolvedToItsCommit() {
        Map<String, Object> filing = new HashMap<>(Api.filing(NISEKO));
        filing.put("inventory_revision", "HEAD");
        jsonAs(ENGINEER, filing).post("/api/change-notifications").then().statusCode(201)
                .body("inventory_revision", equalTo(Api.headCommit()));
        long before = Api.total("/api/change-notifications");
        filing.put("inventory_revision", "no-such-branch");
        Api.assertProblem(jsonAs(ENGINEER, filing).post("/api/change-notifications"), 422, null)
                .then().body("inventory_revision", equalTo("no-such-branch"));
        assertEquals(before, Api.total("/api/change-notifications"));
    }

    @Test
    void listsArePagedAndFiltered() {
        long first = Api.file(ENGINEER, NISEKO);
        long second = Api.fileAccepted(NISEKO);
        long total = Api.total("/api/change-notifications");
        JsonPath page = as(VIEWER).queryParam("size", 2).get("/api/change-notifications").then().statusCode(200).extract().jsonPath();
        assertEquals(2, page.getList("items").size());
        assertEquals(total, page.getLong("total"));
        // newest first
        List<Long> ids = page.getList("items.id", Long.class);
        assertEquals(ids.stream().sorted(java.util.Comparator.reverseOrder()).toList(), ids);
        as(VIEWER).queryParam("size", 2).get("/api/change-notifications").then().body("items[0].routers", nullValue());

        as(VIEWER).queryParam("state", "received").queryParam("organization_code", NISEKO).queryParam("size", 500)
                .get("/api/change-notifications").then().statusCode(200)
                .body("items.state", everyItem(equalTo("RECEIVED"))).body("items.organization_code", everyItem(equalTo(NISEKO)))
                .body("items.id", hasItem((int) first)).body("items.id", not(hasItem((int) second)));
        as(VIEWER).queryParam("state", "ACCEPTED").queryParam("size", 500).get("/api/change-notifications").then().statusCode(200)
                .body("items.id", hasItem((int) second));
        as(VIEWER).queryParam("organization_code", "999999").get("/api/change-notifications").then().statusCode(200)
                .body("total", equalTo(0));
        Api.assertProblem(as(VIEWER).queryParam("state", "WHATEVER").get("/api/change-notifications"), 422, "state")
                .then().body("detail", containsString("RECEIVED"));
    }

    /** 20 days' notice, counted in Japan's calendar: the 19th day is refused with the earliest date; the 20th and 21st are fine. */
    @Test
    void noticePeriodAt19And20And21Days() {
        // the service's day is pinned: ten in the morning in Japan tomorrow, far from midnight
        clock.setToMorningOf(MovableClock.todayInJapan().plusDays(1));
        LocalDate today = clock.today(TOKYO);
        long before = Api.total("/api/change-notifications");
        Response late = jsonAs(ENGINEER, filingFor(today.plusDays(19))).post("/api/change-notifications");
        Response onTheDay = jsonAs(ENGINEER, filingFor(today.plusDays(20))).post("/api/change-notifications");
        Response dayAfter = jsonAs(ENGINEER, filingFor(today.plusDays(21))).post("/api/change-notifications");

        Api.assertProblem(late, 422, "effective_date").then()
                .body("earliest_effective_date", equalTo(today.plusDays(20).toString()))
                .body("detail", containsString(today.plusDays(20).toString()));
        onTheDay.then().statusCode(201);
        dayAfter.then().statusCode(201);
        assertEquals(before + 2, Api.total("/api/change-notifications"));
    }

    @Test
    void theEmergencyOverrideIsTheOperatorsAndNeedsAReason() {
        Map<String, Object> emergency = new HashMap<>(filingFor(MovableClock.todayInJapan().plusDays(1)));
        emergency.put("emergency_reason", "the carrier line failed");
        long before = Api.total("/api/change-notifications");
        Api.assertProblem(jsonAs(ENGINEER, emergency).post("/api/change-notifications"), 403, null)
                .then().body("type", endsWith("emergency-override-forbidden"));
        assertEquals(before, Api.total("/api/change-notifications"));

        long id = jsonAs(OPERATOR, emergency).post("/api/change-notifications").then().statusCode(201)
                .body("emergency_reason", equalTo("the carrier line failed")).body("filed_by", equalTo(OPERATOR))
                .extract().jsonPath().getLong("id");
        as(OPERATOR).queryParam("subject_type", "change-notification").queryParam("subject_id", id)
                .queryParam("action", "change-notification.emergency-override").get("/api/audit").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].actor", equalTo(OPERATOR))
                .body("items[0].detail.reason", equalTo("the carrier line failed"));

        // a blank reason is no reason: the notice period applies
        emergency.put("emergency_reason", "  ");
        Api.assertProblem(jsonAs(OPERATOR, emergency).post("/api/change-notifications"), 422, "effective_date");
    }

    @Test
    void anUnknownOrganizationIsRefused() {
        long before = Api.total("/api/change-notifications");
        Api.assertProblem(jsonAs(ENGINEER, Api.filing("999999")).post("/api/change-notifications"), 422, "organization_code");
        Api.assertProblem(jsonAs(ENGINEER, Api.filing("12345")).post("/api/change-notifications"), 400, "organization_code");
        assertEquals(before, Api.total("/api/change-notifications"));
    }

    @Test
    void acceptScheduleIntoAWindowAndBackWhenTheWindowIsCancelled() {
        long id = Api.file(ENGINEER, NISEKO);
        jsonAs(OPERATOR, Map.of("reason", "checked")).post("/api/change-notifications/" + id + "/accept").then().statusCode(200)
                .body("state", equalTo("ACCEPTED")).body("decided_by", equalTo(OPERATOR)).body("decision_reason", equalTo("checked"))
                .body("decided_at", notNullValue());
        // accepted once; not again, and not rejected after
        Api.assertProblem(jsonAs(OPERATOR, "{}").post("/api/change-notifications/" + id + "/accept"), 409, null)
                .then().body("type", endsWith("illegal-transition")).body("detail", containsString("ACCEPTED"));
        Api.assertProblem(jsonAs(OPERATOR, Map.of("reason", "x")).post("/api/change-notifications/" + id + "/reject"), 409, null);

        long outage = Api.requestOutage(ENGINEER, NISEKO_ROUTER);
        jsonAs(OPERATOR, Map.of("outage_id", outage)).post("/api/change-notifications/" + id + "/schedule").then().statusCode(200)
                .body("state", equalTo("SCHEDULED")).body("outage_id", equalTo((int) outage));
        Api.assertProblem(Api.post(OPERATOR, "/api/change-notifications/" + id + "/close"), 409, null);

        jsonAs(OPERATOR, Map.of("reason", "the carrier moved the date")).post("/api/outages/" + outage + "/cancel").then().statusCode(200);
        as(OPERATOR).get("/api/change-notifications/" + id).then().statusCode(200)
                .body("state", equalTo("ACCEPTED")).body("outage_id", nullValue());
    }

    @Test
    void schedulingNeedsAWindowThatTakesPushes() {
        long id = Api.fileAccepted(NISEKO);
        Api.assertProblem(jsonAs(OPERATOR, Map.of("outage_id", 999999999)).post("/api/change-notifications/" + id + "/schedule"), 422,
                "outage_id");
        OffsetDateTime[] window = Api.nextWindow();
        Map<String, Object> inspection = new HashMap<>(Api.outageRequest(List.of(NISEKO_ROUTER), window[0], window[1]));
        inspection.put("reason", "LEGAL_POWER_INSPECTION");
        long legal = jsonAs(ENGINEER, inspection).post("/api/outages").then().statusCode(201).extract().jsonPath().getLong("id");
        Api.assertProblem(jsonAs(OPERATOR, Map.of("outage_id", legal)).post("/api/change-notifications/" + id + "/schedule"), 409, null)
                .then().body("type", endsWith("window-blocks-pushes"));
        as(OPERATOR).get("/api/change-notifications/" + id).then().body("state", equalTo("ACCEPTED"));

        // a received notification cannot be scheduled at all
        long received = Api.file(ENGINEER, NISEKO);
        Api.assertProblem(jsonAs(OPERATOR, Map.of("outage_id", Api.requestOutage(ENGINEER, NISEKO_ROUTER)))
                .post("/api/change-notifications/" + received + "/schedule"), 409, null).then().body("type", endsWith("illegal-transition"));
        Api.assertProblem(jsonAs(OPERATOR, Map.of("outage_id", 1)).post("/api/change-notifications/999999999/schedule"), 404, null);
    }

    @Test
    void aRejectionNeedsAReasonAndAClosedNotificationStaysClosed() {
        long id = Api.file(ENGINEER, NISEKO);
        Api.assertProblem(jsonAs(OPERATOR, "{}").post("/api/change-notifications/" + id + "/reject"), 422, "reason");
        Api.assertProblem(Api.post(OPERATOR, "/api/change-notifications/" + id + "/reject"), 422, "reason");
        as(OPERATOR).get("/api/change-notifications/" + id).then().body("state", equalTo("RECEIVED"));
        jsonAs(OPERATOR, Map.of("reason", "the speed is not on the form")).post("/api/change-notifications/" + id + "/reject").then()
                .statusCode(200).body("state", equalTo("REJECTED")).body("decision_reason", equalTo("the speed is not on the form"));
        Api.post(OPERATOR, "/api/change-notifications/" + id + "/close").then().statusCode(200).body("state", equalTo("CLOSED"));
        Api.assertProblem(Api.post(OPERATOR, "/api/change-notifications/" + id + "/close"), 409, null)
                .then().body("detail", containsString("no further move"));
        Api.assertProblem(Api.post(OPERATOR, "/api/change-notifications/999999999/close"), 404, null);
    }

    private static Map<String, Object> filingFor(LocalDate effective) {
        Map<String, Object> filing = new HashMap<>(Api.filing(NISEKO));
        filing.put("effective_date", effective.toString());
        return filing;
    }
}
