package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.VIEWER;
import static jp.lgwan.routerconfig.api.Api.as;
import static jp.lgwan.routerconfig.api.Api.jsonAs;
import static jp.lgwan.routerconfig.api.ConsolePagesTest.get;
import static jp.lgwan.routerconfig.api.ConsolePagesTest.post;
import static jp.lgwan.routerconfig.api.ConsolePagesTest.signIn;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 3, in the console: the notification page of a line switch says which records it still
 * needs and records them (as {@code POST /api/change-notifications/{id}/line-switch-records} does, with the
 * same field rules), for the engineers and operators; a viewer gets no form and a forged post is refused.
 * The switch: Matsuno's prefecture-WAN line to another product of the Ehime prefecture WAN, filed at a
 * revision beside HEAD (the service keeps serving HEAD), withdrawn at the end.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class ConsoleLineSwitchTest {

    private static final String LINE = "matsuno-prefwan-1";

    private static long fileTheSwitch() {
        String head = Api.headCommit();
        String revision = Api.commit("inventory/organizations/384844-matsuno.yaml",
                text -> text.replace("product: Ehime prefecture WAN 100M\n", "product: Ehime prefecture WAN 100M plus\n"), "Matsuno: 100M plus");
        Api.resetTo(head);
        return jsonAs(ENGINEER, Map.of("organization_code", "384844", "inventory_revision", revision, "effective_date", Api.effectiveDate().toString(),
                "items", List.of(Map.of("kind", "ACCESS_LINE_PRODUCT", "description", "100M to 100M plus"))))
                .post("/api/change-notifications").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Withdrawn at the end: Matsuno's next notification is compared with the inventory as it is, not with this switch. */
    private static void withdraw(long id) {
        jsonAs(ENGINEER, Map.of("reason", "test: done with it")).post("/api/change-notifications/" + id + "/withdraw").then().statusCode(200);
    }

    private static Map<String, String> form() {
        Map<String, String> form = new HashMap<>();
        form.put("kind", "PREFECTURE_WAN_COORDINATION");
        form.put("access_line", LINE);
        form.put("parties", "愛媛県 デジタル戦略課 (Ehime prefecture WAN operator)");
        form.put("agreed_on", "2026-11-20");
        form.put("document_reference", "愛デ第456号");
        return form;
    }

    @Test
    void theEngineerRecordsTheCoordinationTheSwitchNeeds() {
        long id = fileTheSwitch();
        try {
            ConsolePagesTest.Session engineer = signIn(ENGINEER);
            String page = get(engineer, "/notifications/" + id).then().statusCode(200).extract().asString();
            assertTrue(page.contains("id=\"line-switches-needed\"") && page.contains("coordinate it first with the operator of Ehime prefecture WAN"), page);
            assertTrue(page.contains("action=\"/notifications/" + id + "/line-switch-records\""), "the form");
            assertTrue(page.contains("value=\"" + LINE + "\""), "the access line that needs it, filled in");

            // bad input: named by its field, nothing recorded
            Map<String, String> noParties = form();
            noParties.remove("parties");
            post(engineer, "/notifications/" + id + "/line-switch-records", noParties, true).then().statusCode(422)
                    .body(containsString("parties"));
            Map<String, String> badKind = form();
            badKind.put("kind", "HANDSHAKE");
            post(engineer, "/notifications/" + id + "/line-switch-records", badKind, true).then().statusCode(422)
                    .body(containsString("kind must be one of [PREFECTURE_WAN_COORDINATION, THREE_PARTY_AGREEMENT]"));
            Map<String, String> badLine = form();
            badLine.put("access_line", "Not An Id");
            post(engineer, "/notifications/" + id + "/line-switch-records", badLine, true).then().statusCode(422)
                    .body(containsString("access_line: must be an access line id"));
            Map<String, String> wrongKind = form();
            wrongKind.put("kind", "THREE_PARTY_AGREEMENT");
            post(engineer, "/notifications/" + id + "/line-switch-records", wrongKind, true).then().statusCode(422)
                    .body(containsString("needs no THREE_PARTY_AGREEMENT for access line " + LINE));
            as(VIEWER).get("/api/change-notifications/" + id).then().body("line_switch_records", empty());

            post(engineer, "/notifications/" + id + "/line-switch-records", form(), true).then().statusCode(303)
                    .header("Location", containsString("/notifications/" + id));
            String after = get(engineer, "/notifications/" + id).then().statusCode(200).extract().asString();
            assertTrue(after.contains("id=\"line-switch-records\"") && after.contains("愛デ第456号") && after.contains("(" + ENGINEER + ")"), after);
            assertFalse(after.contains("id=\"line-switches-needed\""), "nothing more needed");
            as(VIEWER).get("/api/change-notifications/" + id).then().body("line_switch_records[0].kind", equalTo("PREFECTURE_WAN_COORDINATION"))
                    .body("line_switch_records[0].access_line", equalTo(LINE)).body("line_switch_records[0].recorded_by", equalTo(ENGINEER));
            as(OPERATOR).queryParam("subject_type", "change-notification").queryParam("subject_id", id)
                    .queryParam("action", "change-notification.line-switch-recorded").get("/api/audit").then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].actor", equalTo(ENGINEER));
        } finally {
            withdraw(id);
        }
    }

    @Test
    void aViewerGetsNoFormAndAForgedPostIsRefused() {
        long id = fileTheSwitch();
        try {
            ConsolePagesTest.Session viewer = signIn(VIEWER);
            String page = get(viewer, "/notifications/" + id).then().statusCode(200).extract().asString();
            assertFalse(page.contains("/line-switch-records\""), "a viewer is offered the form");
            post(viewer, "/notifications/" + id + "/line-switch-records", form(), true).then().statusCode(403);
            as(VIEWER).get("/api/change-notifications/" + id).then().body("line_switch_records", empty());
        } finally {
            withdraw(id);
        }
    }
}
