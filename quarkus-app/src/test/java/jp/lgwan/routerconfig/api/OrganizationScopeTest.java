package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.NISEKO;
import static jp.lgwan.routerconfig.api.Api.NISEKO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.ORG_NISEKO;
import static jp.lgwan.routerconfig.api.Api.ORG_SAPPORO;
import static jp.lgwan.routerconfig.api.Api.PREF_EHIME;
import static jp.lgwan.routerconfig.api.Api.PREF_HOKKAIDO;
import static jp.lgwan.routerconfig.api.Api.SAPPORO;
import static jp.lgwan.routerconfig.api.Api.SAPPORO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.as;
import static jp.lgwan.routerconfig.api.Api.jsonAs;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, points 1 and 6: what an organization's and a prefecture's users see and may do (the
 * statuses of every endpoint are RoleMatrixTest's; here, what the lists hold and the refusals'
 * words), and the global address read and disclosed. Niseko (013951) and Sapporo (011002) are of
 * Hokkaido (01); Ehime (38) has neither.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class OrganizationScopeTest {

    private static final String ADDRESS = "100.79.231.45";
    private static final Set<String> HOKKAIDO = Set.of("011002", "013951", "014087", "018406");
    private static Path secret;

    @BeforeAll
    static void writeTheAddress() throws IOException {
        secret = ConsolePagesTest.globalAddress(NISEKO_ROUTER, ADDRESS);
    }

    @AfterAll
    static void removeTheAddress() throws IOException {
        Files.deleteIfExists(secret);
    }

    @Test
    void anOrganizationFilesForItselfOnly() {
        long before = Api.total("/api/change-notifications");
        JsonPath refused = Api.assertProblem(jsonAs(ORG_SAPPORO, Api.filing(NISEKO)).post("/api/change-notifications"), 422,
                "organization_code").jsonPath();
        assertTrue(refused.getString("type").endsWith("/organization-out-of-scope"), refused.prettify());
        assertEquals("org-sapporo files for organization:011002 only, not for organization 013951", refused.getString("detail"));
        assertEquals(before, Api.total("/api/change-notifications"), "nothing filed");

        long own = Api.file(ORG_NISEKO, NISEKO);
        as(ORG_NISEKO).get("/api/change-notifications/" + own).then().statusCode(200).body("organization_code", equalTo(NISEKO))
                .body("filed_by", equalTo(ORG_NISEKO)).body("state", equalTo("RECEIVED"));
        // it never decides: accepting its own is the operating body's
        Api.assertProblem(Api.post(ORG_NISEKO, "/api/change-notifications/" + own + "/accept"), 403, null);
        // the operating body accepts it as any other
        jsonAs(OPERATOR, "{}").post("/api/change-notifications/" + own + "/accept").then().statusCode(200).body("state", equalTo("ACCEPTED"));
        as(ORG_NISEKO).get("/api/change-notifications/" + own).then().statusCode(200).body("state", equalTo("ACCEPTED"))
                .body("decided_by", equalTo(OPERATOR));
    }

    @Test
    void listsHoldWhatTheScopeCoversOnly() {
        Api.file(ENGINEER, SAPPORO);
        Api.file(ENGINEER, NISEKO);
        assertEquals(Set.of(NISEKO), codes(ORG_NISEKO, "/api/change-notifications"));
        assertEquals(Set.of(SAPPORO), codes(ORG_SAPPORO, "/api/change-notifications"));
        assertTrue(HOKKAIDO.containsAll(codes(PREF_HOKKAIDO, "/api/change-notifications")));
        assertTrue(codes(PREF_HOKKAIDO, "/api/change-notifications").containsAll(Set.of(NISEKO, SAPPORO)));
        assertFalse(codes(PREF_EHIME, "/api/change-notifications").contains(NISEKO));
        // the filter of the operating body's list narrows inside the scope, never widens it
        assertEquals(0, as(ORG_NISEKO).queryParam("organization_code", SAPPORO).get("/api/change-notifications").then().statusCode(200)
                .extract().jsonPath().getLong("total"));

        assertEquals(List.of(NISEKO), as(ORG_NISEKO).get("/api/organizations").then().statusCode(200).extract().jsonPath()
                .getList("items.code"));
        assertEquals(HOKKAIDO, Set.copyOf(as(PREF_HOKKAIDO).queryParam("size", 500).get("/api/organizations").then().statusCode(200)
                .extract().jsonPath().getList("items.code")));
        assertEquals(List.of(NISEKO_ROUTER), as(ORG_NISEKO).get("/api/routers").then().statusCode(200).extract().jsonPath()
                .getList("items.hostname"));
        assertEquals(Set.of("38"), as(PREF_EHIME).queryParam("size", 500).get("/api/routers").then().statusCode(200).extract().jsonPath()
                .getList("items.organization_code", String.class).stream().map(c -> c.substring(0, 2)).collect(java.util.stream.Collectors.toSet()));
        assertEquals(Set.of(NISEKO), Set.copyOf(as(ORG_NISEKO).queryParam("size", 500).get("/api/access-lines").then().statusCode(200)
                .extract().jsonPath().getList("items.organization_code")));
        // a router out of scope is not found, with the words of one that does not exist
        String notFound = Api.assertProblem(as(ORG_NISEKO).get("/api/routers/" + SAPPORO_ROUTER), 404, null).jsonPath().getString("detail");
        String missing = Api.assertProblem(as(ORG_NISEKO).get("/api/routers/lgrt.city.nowhere.lgwan.jp"), 404, null).jsonPath().getString("detail");
        assertEquals(notFound.replace(SAPPORO_ROUTER, "X"), missing.replace("lgrt.city.nowhere.lgwan.jp", "X"));
    }

    @Test
    void aWindowOfSeveralOrganizationsShowsEachOnlyItsOwnRouters() {
        OffsetDateTime[] window = Api.nextWindow();
        long both = jsonAs(ENGINEER, Api.outageRequest(List.of(NISEKO_ROUTER, SAPPORO_ROUTER), window[0], window[1])).post("/api/outages")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as(ORG_NISEKO).get("/api/outages/" + both).then().statusCode(200).body("routers", equalTo(List.of(NISEKO_ROUTER)));
        as(ORG_SAPPORO).get("/api/outages/" + both).then().statusCode(200).body("routers", equalTo(List.of(SAPPORO_ROUTER)));
        as(PREF_HOKKAIDO).get("/api/outages/" + both).then().statusCode(200).body("routers", equalTo(List.of(SAPPORO_ROUTER, NISEKO_ROUTER)));
        Api.assertProblem(as(PREF_EHIME).get("/api/outages/" + both), 404, null);
        JsonPath listed = as(ORG_NISEKO).queryParam("size", 500).get("/api/outages").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(NISEKO_ROUTER), listed.getList("items.find { it.id == " + both + " }.routers"));
        assertFalse(listed.prettify().contains(SAPPORO_ROUTER), "another organization's routers are in no window it lists");
        // and it may not withdraw the operating body's request
        JsonPath refused = Api.assertProblem(jsonAs(ORG_NISEKO, Map.of()).post("/api/outages/" + both + "/withdraw"), 403, null).jsonPath();
        assertTrue(refused.getString("type").endsWith("/not-your-request"), refused.prettify());
        as(OPERATOR).get("/api/outages/" + both).then().body("status", equalTo("REQUESTED"));
    }

    @Test
    void anOrganizationRequestsWindowsForItsOwnRoutersAndWithdrawsThem() {
        OffsetDateTime[] window = Api.nextWindow();
        long before = Api.total("/api/outages");
        JsonPath refused = Api.assertProblem(jsonAs(ORG_NISEKO, Api.outageRequest(List.of(NISEKO_ROUTER, SAPPORO_ROUTER), window[0], window[1]))
                .post("/api/outages"), 422, "routers").jsonPath();
        assertEquals(List.of(SAPPORO_ROUTER), refused.getList("routers"));
        assertEquals(before, Api.total("/api/outages"));

        long own = Api.requestOutage(ORG_NISEKO, NISEKO_ROUTER);
        as(ORG_NISEKO).get("/api/outages/" + own).then().statusCode(200).body("organization_code", equalTo(NISEKO));
        Api.assertProblem(Api.post(ORG_NISEKO, "/api/outages/" + own + "/approve"), 403, null);
        jsonAs(ORG_NISEKO, Map.of("reason", "the work moved")).post("/api/outages/" + own + "/withdraw").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN")).body("closed_by", equalTo(ORG_NISEKO)).body("close_reason", equalTo("the work moved"));
        as(OPERATOR).queryParam("subject_type", "planned-outage").queryParam("subject_id", own).get("/api/audit").then()
                .body("items[0].action", equalTo("planned-outage.withdrawn")).body("items[0].actor", equalTo(ORG_NISEKO));
        // approved: no longer its to withdraw (the operating body cancels it)
        long approved = Api.requestOutage(ORG_NISEKO, NISEKO_ROUTER);
        Api.post(OPERATOR, "/api/outages/" + approved + "/approve").then().statusCode(200);
        Api.assertProblem(Api.post(ORG_NISEKO, "/api/outages/" + approved + "/withdraw"), 409, null);
        Api.post(OPERATOR, "/api/outages/" + approved + "/cancel").then().statusCode(200);
    }

    @Test
    void aNotificationIsWithdrawnBeforeItIsScheduledAndNeverOutOfScope() {
        long received = Api.file(ORG_NISEKO, NISEKO);
        Api.assertProblem(jsonAs(ORG_SAPPORO, Map.of()).post("/api/change-notifications/" + received + "/withdraw"), 404, null);
        jsonAs(ORG_NISEKO, Map.of("reason", "filed twice")).post("/api/change-notifications/" + received + "/withdraw").then().statusCode(200)
                .body("state", equalTo("WITHDRAWN")).body("withdrawn_by", equalTo(ORG_NISEKO)).body("withdraw_reason", equalTo("filed twice"));
        Api.assertProblem(Api.post(ORG_NISEKO, "/api/change-notifications/" + received + "/withdraw"), 409, null);
        as(OPERATOR).queryParam("subject_type", "change-notification").queryParam("subject_id", received).get("/api/audit").then()
                .body("items[0].action", equalTo("change-notification.withdrawn")).body("items[0].actor", equalTo(ORG_NISEKO));

        long outage = Api.requestOutage(ENGINEER, NISEKO_ROUTER);
        long scheduled = Api.fileAccepted(NISEKO);
        jsonAs(OPERATOR, Map.of("outage_id", outage)).post("/api/change-notifications/" + scheduled + "/schedule").then().statusCode(200);
        String refused = Api.assertProblem(Api.post(ORG_NISEKO, "/api/change-notifications/" + scheduled + "/withdraw"), 409, null).asString();
        assertTrue(refused.contains("SCHEDULED"), refused);
    }

    /** Point 6: an organization reads its own router's address with a reason, audited; another's is not found. */
    @Test
    void anOrganizationReadsItsOwnRoutersAddressOnly() {
        jsonAs(ORG_NISEKO, Map.of("reason", "firewall rule at the town hall")).post("/api/routers/" + NISEKO_ROUTER + "/global-address").then()
                .statusCode(200).body("global_address", equalTo(ADDRESS));
        as(OPERATOR).queryParam("subject_type", "router").queryParam("subject_id", NISEKO_ROUTER).get("/api/audit").then()
                .body("items[0].action", equalTo("router.global-address.read")).body("items[0].actor", equalTo(ORG_NISEKO))
                .body("items[0].detail.reason", equalTo("firewall rule at the town hall"))
                .body("items[0].detail.scope", equalTo("organization:013951"));
        Api.assertProblem(jsonAs(ORG_SAPPORO, Map.of("reason", "curious")).post("/api/routers/" + NISEKO_ROUTER + "/global-address"), 404, null);
        Api.assertProblem(jsonAs(PREF_HOKKAIDO, Map.of("reason", "curious")).post("/api/routers/" + NISEKO_ROUTER + "/global-address"), 403, null);
        assertEquals("***", as(ORG_NISEKO).get("/api/routers/" + NISEKO_ROUTER).then().statusCode(200).extract().jsonPath()
                .getString("global_address"), "the router view masks it for everybody");
    }

    /** Point 6: the disclosure to an LGWAN-ASP provider, a recorded act of its own. */
    @Test
    void aDisclosureToAnAspProviderIsRecordedAuditedAndListed() {
        long before = Api.total("/api/global-address-disclosures");
        Map<String, Object> request = Map.of("provider_code", "ASP-00001", "router", NISEKO_ROUTER,
                "requester", "Example Hosting, request 2026-118", "reason", "allow-list of the town's address for its hosted service");
        JsonPath disclosed = jsonAs(OPERATOR, request).post("/api/global-address-disclosures").then().statusCode(201).extract().jsonPath();
        assertEquals(ADDRESS, disclosed.getString("global_address"), "the operator is shown the address to pass on");
        assertEquals("ASP-00001", disclosed.getString("provider_code"));
        assertEquals(OPERATOR, disclosed.getString("recorded_by"));
        long id = disclosed.getLong("id");
        as(OPERATOR).queryParam("subject_type", "global-address-disclosure").queryParam("subject_id", id).get("/api/audit").then()
                .body("items[0].action", equalTo("router.global-address.disclosed"))
                .body("items[0].detail.provider_code", equalTo("ASP-00001")).body("items[0].detail.router", equalTo(NISEKO_ROUTER))
                .body("items[0].detail.requester", equalTo("Example Hosting, request 2026-118"));

        JsonPath listed = as(OPERATOR).queryParam("size", 1).get("/api/global-address-disclosures").then().statusCode(200).extract().jsonPath();
        assertEquals(before + 1, listed.getLong("total"));
        assertEquals(id, listed.getLong("items[0].id"));
        assertFalse(listed.prettify().contains(ADDRESS), "the list names the act, never the address");
        assertTrue(as(ORG_NISEKO).queryParam("size", 500).get("/api/global-address-disclosures").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Long.class).contains(id), "the router's own organization sees who was told");
        assertFalse(as(ORG_SAPPORO).queryParam("size", 500).get("/api/global-address-disclosures").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Long.class).contains(id));

        // bad input names its field and records nothing
        Map<String, Map<String, Object>> bad = Map.of(
                "provider_code", Map.of("provider_code", "ASP-99999", "router", NISEKO_ROUTER, "requester", "x", "reason", "x"),
                "router", Map.of("provider_code", "ASP-00001", "router", "lgrt.city.nowhere.lgwan.jp", "requester", "x", "reason", "x"),
                "requester", Map.of("provider_code", "ASP-00001", "router", NISEKO_ROUTER, "reason", "x"),
                "reason", Map.of("provider_code", "ASP-00001", "router", NISEKO_ROUTER, "requester", "x", "reason", " "));
        bad.forEach((field, body) -> Api.assertProblem(jsonAs(OPERATOR, body).post("/api/global-address-disclosures"), 422, field));
        // a local government is no LGWAN-ASP provider: the address is told to providers and to no one else
        Api.assertProblem(jsonAs(OPERATOR, Map.of("provider_code", SAPPORO, "router", NISEKO_ROUTER, "requester", "x", "reason", "x"))
                .post("/api/global-address-disclosures"), 400, "provider_code");
        assertEquals(before + 1, Api.total("/api/global-address-disclosures"));
    }

    private static Set<String> codes(String user, String path) {
        return Set.copyOf(as(user).queryParam("size", 500).get(path).then().statusCode(200).extract().jsonPath().getList("items.organization_code"));
    }
}
