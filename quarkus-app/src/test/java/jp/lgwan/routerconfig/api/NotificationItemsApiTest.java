package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.VIEWER;
import static jp.lgwan.routerconfig.api.Api.as;
import static jp.lgwan.routerconfig.api.Api.jsonAs;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The item rules over HTTP (issue 15): the mismatches as an RFC 9457 problem, the override reason, the line-switch records. */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class NotificationItemsApiTest {

    private static final String CHIYODA = "131016";

    @Test
    void aMismatchIsAProblemListingEachAndAnOverrideIsKeptOnTheNotification() {
        long id = jsonAs(ENGINEER, Map.of("organization_code", CHIYODA, "effective_date", Api.effectiveDate().toString(),
                "items", List.of(Map.of("kind", "ACCESS_LINE_TYPE", "description", "prefecture WAN to a carrier line"))))
                .post("/api/change-notifications").then().statusCode(201).extract().jsonPath().getLong("id");
        Api.assertProblem(jsonAs(OPERATOR, "{}").post("/api/change-notifications/" + id + "/accept"), 422, null).then()
                .body("type", endsWith("items-do-not-match-revision"))
                .body("mismatches", contains("items[0] (ACCESS_LINE_TYPE): the revision changes nothing it stands for (line kind)"));
        as(VIEWER).get("/api/change-notifications/" + id).then().statusCode(200).body("state", equalTo("RECEIVED"))
                .body("line_switch_records", empty());

        jsonAs(OPERATOR, Map.of("override_reason", "the carrier's work moved; the inventory follows next week"))
                .post("/api/change-notifications/" + id + "/accept").then().statusCode(200)
                .body("state", equalTo("ACCEPTED"))
                .body("item_override_reason", equalTo("the carrier's work moved; the inventory follows next week"))
                .body("item_mismatches", contains("items[0] (ACCESS_LINE_TYPE): the revision changes nothing it stands for (line kind)"));
        as(OPERATOR).queryParam("subject_type", "change-notification").queryParam("subject_id", id)
                .queryParam("action", "change-notification.items-mismatch-overridden").get("/api/audit").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].detail.override_reason", equalTo("the carrier's work moved; the inventory follows next week"));
    }

    @Test
    void aLineSwitchRecordNamesItsFieldsAndIsRefusedWhereNothingSwitches() {
        long id = Api.file(ENGINEER, CHIYODA);
        Api.assertProblem(jsonAs(ENGINEER, Map.of("kind", "THREE_PARTY_AGREEMENT", "access_line", "chiyoda-prefwan-1")).post(
                "/api/change-notifications/" + id + "/line-switch-records"), 400, "agreed_on");
        Api.assertProblem(jsonAs(ENGINEER, Map.of("kind", "THREE_PARTY_AGREEMENT", "access_line", "chiyoda-prefwan-1", "parties", "東京都",
                "agreed_on", "2026-11-30", "document_reference", "議事録")).post("/api/change-notifications/" + id + "/line-switch-records"), 422, "access_line")
                .then().body("type", endsWith("line-switch-record-not-needed"));
    }
}
