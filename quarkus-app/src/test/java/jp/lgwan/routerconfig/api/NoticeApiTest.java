package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.SAPPORO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.VIEWER;
import static jp.lgwan.routerconfig.api.Api.as;
import static jp.lgwan.routerconfig.api.Api.jsonAs;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.rollout.ServiceDeskNotice;
import org.junit.jupiter.api.Test;

/** Service-desk notices as a resource: listed newest first, filtered by acknowledgement, acknowledged once by an operator. */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class NoticeApiTest {

    /** A notice as a rolled-back router leaves one (delivered already: the test service desk does not hear of it). */
    static long rolledBackNotice(String hostname) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ServiceDeskNotice notice = new ServiceDeskNotice();
            notice.createdAt = jp.lgwan.routerconfig.testing.MovableClock.now();
            notice.kind = "router-rolled-back";
            notice.body = Map.of("kind", "router-rolled-back", "outage_id", 7, "job_id", 9, "routers", List.of(Map.of("hostname", hostname,
                    "state", "ROLLED_BACK", "failed_checks", List.of(Map.of("name", "wan-errors-not-rising", "expected", "not rising",
                            "actual", "+1540")))));
            notice.nextAttemptAt = notice.createdAt;
            notice.deliveredAt = notice.createdAt;
            notice.attempts = 1;
            notice.persist();
            return notice.id;
        });
    }

    @Test
    void anOperatorAcknowledgesANoticeOnce() {
        long id = rolledBackNotice(SAPPORO_ROUTER);
        as(VIEWER).queryParam("acknowledged", "false").queryParam("size", 500).get("/api/notices").then().statusCode(200)
                .body("items.id", hasItem((int) id));
        as(VIEWER).get("/api/notices/" + id).then().statusCode(200)
                .body("kind", equalTo("router-rolled-back")).body("routers", equalTo(List.of(SAPPORO_ROUTER)))
                .body("job_id", equalTo(9)).body("outage_id", equalTo(7)).body("acknowledged_at", nullValue())
                .body("delivered_at", containsString("+09:00")).body("body.routers[0].failed_checks[0].name", equalTo("wan-errors-not-rising"));

        jsonAs(OPERATOR, Map.of("note", "called the town's IT desk")).post("/api/notices/" + id + "/acknowledge").then().statusCode(200)
                .body("acknowledged_by", equalTo(OPERATOR)).body("acknowledged_at", notNullValue())
                .body("acknowledge_note", equalTo("called the town's IT desk"));
        Api.assertProblem(jsonAs(OPERATOR, "{}").post("/api/notices/" + id + "/acknowledge"), 409, null)
                .then().body("type", endsWith("/already-acknowledged")).body("detail", containsString("acknowledged by operator"));
        as(VIEWER).queryParam("acknowledged", "false").queryParam("size", 500).get("/api/notices").then().statusCode(200)
                .body("items.id", not(hasItem((int) id)));
        as(VIEWER).queryParam("acknowledged", "true").queryParam("size", 500).get("/api/notices").then().statusCode(200)
                .body("items.id", hasItem((int) id));
        as(VIEWER).queryParam("subject_type", "service-desk-notice").queryParam("subject_id", id).get("/api/audit").then().statusCode(200)
                .body("items[0].action", equalTo("service-desk-notice.acknowledged")).body("items[0].actor", equalTo(OPERATOR))
                .body("items[0].detail.note", equalTo("called the town's IT desk"));
    }

    @Test
    void badRequestsAreClearlyRefused() {
        Api.assertProblem(as(VIEWER).queryParam("acknowledged", "maybe").get("/api/notices"), 422, "acknowledged");
        Api.assertProblem(as(VIEWER).get("/api/notices/999999999"), 404, null);
        Api.assertProblem(jsonAs(OPERATOR, "{}").post("/api/notices/999999999/acknowledge"), 404, null);
        long id = rolledBackNotice(SAPPORO_ROUTER);
        Api.assertProblem(jsonAs(OPERATOR, Map.of("note", "two\nlines")).post("/api/notices/" + id + "/acknowledge"), 400, "note");
        as(VIEWER).get("/api/notices/" + id).then().body("acknowledged_at", nullValue());
    }
}
