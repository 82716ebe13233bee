package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.PREF_EHIME;
import static jp.lgwan.routerconfig.api.Api.PREF_HOKKAIDO;
import static jp.lgwan.routerconfig.api.Api.as;
import static jp.lgwan.routerconfig.api.Api.jsonAs;
import static jp.lgwan.routerconfig.api.Api.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import jp.lgwan.routerconfig.change.LiveInventory;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 7: a connection application of an association goes through its prefecture's
 * collecting window to the operating body and back, one transition at a time; an accepted one
 * drafts the association's inventory file. Who may make each move is RoleMatrixTest's.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class ConnectionApplicationTest {

    @Inject
    LiveInventory inventory;

    private static final String APPLICATIONS = "/api/connection-applications/";

    @Test
    void acceptedThroughThePrefectureAndAnsweredBack() {
        String code = Api.associationCode();
        JsonPath collected = jsonAs(PREF_HOKKAIDO, Api.application(code)).post("/api/connection-applications").then().statusCode(201)
                .extract().jsonPath();
        long id = collected.getLong("id");
        assertEquals("COLLECTED", collected.getString("state"));
        assertEquals("hokkaido", collected.getString("prefecture"));
        assertEquals(PREF_HOKKAIDO, collected.getString("collected_by"));
        // not accepted before the prefecture forwards it, and no draft before it is accepted
        Api.assertProblem(post(OPERATOR, APPLICATIONS + id + "/accept"), 409, null);
        Api.assertProblem(as(ENGINEER).get(APPLICATIONS + id + "/inventory-draft"), 409, null);

        post(PREF_HOKKAIDO, APPLICATIONS + id + "/forward").then().statusCode(200).body("state", equalTo("FORWARDED"))
                .body("forwarded_by", equalTo(PREF_HOKKAIDO));
        Api.assertProblem(post(PREF_HOKKAIDO, APPLICATIONS + id + "/forward"), 409, null);
        Api.assertProblem(post(PREF_HOKKAIDO, APPLICATIONS + id + "/answer"), 409, null);

        post(OPERATOR, APPLICATIONS + id + "/accept").then().statusCode(200).body("state", equalTo("ACCEPTED"))
                .body("decision", equalTo("ACCEPTED")).body("decided_by", equalTo(OPERATOR));
        String draft = as(ENGINEER).get(APPLICATIONS + id + "/inventory-draft").then().statusCode(200).extract().asString();
        assertTrue(draft.startsWith("# inventory/organizations/" + code + "-kumiai" + code + ".yaml\n"), draft);
        for (String line : List.of("code: \"" + code + "\"", "kind: partial-affairs-association", "name: \"北海道テスト事務組合\"",
                "name_en: \"Hokkaido Test Association\"", "domain: kumiai" + code + ".hokkaido.lg.jp", "prefecture: hokkaido",
                "  responsible:", "    email: \"lgwan@kumiai" + code + ".hokkaido.lg.jp\"", "  primary_operator:", "routers: []")) {
            assertTrue(draft.lines().anyMatch(l -> l.startsWith(line)), line + " in\n" + draft);
        }

        // the draft is a commit on a branch of its own, parented on HEAD; HEAD and the working tree are as they were
        String branch = "drafts/connection-application-" + id;
        Map<String, Object> accepted = as(OPERATOR).queryParam("subject_type", "connection-application").queryParam("subject_id", id)
                .queryParam("action", "connection-application.accepted").get("/api/audit").then().statusCode(200).extract().jsonPath()
                .getMap("items[0].detail");
        assertEquals(branch, accepted.get("draft_branch"), accepted.toString());
        assertEquals("inventory/organizations/" + code + "-kumiai" + code + ".yaml", accepted.get("draft_path"));
        Repository repository = inventory.repository().orElseThrow();
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId head = repository.resolve("HEAD^{commit}");
            RevCommit drafted = walk.parseCommit(repository.resolve("refs/heads/" + branch));
            assertEquals(accepted.get("draft_commit"), drafted.name());
            assertEquals(head, drafted.getParent(0).getId(), "parented on HEAD, which did not move");
            assertTrue(drafted.getFullMessage().startsWith("Draft organizations/" + code + "-kumiai" + code + ".yaml from connection application " + id),
                    drafted.getFullMessage());
            try (TreeWalk file = TreeWalk.forPath(repository, (String) accepted.get("draft_path"), drafted.getTree())) {
                assertEquals(draft, new String(repository.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8), "the draft, as the API gives it");
            }
            assertEquals(null, TreeWalk.forPath(repository, (String) accepted.get("draft_path"), walk.parseCommit(head).getTree()), "not at HEAD");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(Files.exists(inventory.inventoryDir().resolve("organizations/" + code + "-kumiai" + code + ".yaml")), "not in the working tree");

        post(PREF_HOKKAIDO, APPLICATIONS + id + "/answer").then().statusCode(200).body("state", equalTo("ANSWERED"))
                .body("decision", equalTo("ACCEPTED")).body("answered_by", equalTo(PREF_HOKKAIDO));
        Api.assertProblem(post(PREF_HOKKAIDO, APPLICATIONS + id + "/answer"), 409, null);
        as(OPERATOR).get(APPLICATIONS + id + "/inventory-draft").then().statusCode(200);

        List<String> moves = as(OPERATOR).queryParam("subject_type", "connection-application").queryParam("subject_id", id)
                .get("/api/audit").then().statusCode(200).extract().jsonPath().getList("items.action");
        assertEquals(List.of("connection-application.answered", "connection-application.accepted", "connection-application.forwarded",
                "connection-application.collected"), moves);
    }

    @Test
    void returnedWithAReasonThatGoesBackThroughThePrefecture() {
        long id = Api.forwardedApplication();
        Api.assertProblem(post(OPERATOR, APPLICATIONS + id + "/return"), 422, "reason");
        as(OPERATOR).get(APPLICATIONS + id).then().body("state", equalTo("FORWARDED"));
        jsonAs(OPERATOR, Map.of("reason", "the domain is not registered yet")).post(APPLICATIONS + id + "/return").then().statusCode(200)
                .body("state", equalTo("RETURNED")).body("decision_reason", equalTo("the domain is not registered yet"));
        Api.assertProblem(as(ENGINEER).get(APPLICATIONS + id + "/inventory-draft"), 409, null);
        Api.assertProblem(post(OPERATOR, APPLICATIONS + id + "/accept"), 409, null);
        post(PREF_HOKKAIDO, APPLICATIONS + id + "/answer").then().statusCode(200).body("state", equalTo("ANSWERED"))
                .body("decision", equalTo("RETURNED"));
        // the prefecture reads the reason it passes on
        as(PREF_HOKKAIDO).get(APPLICATIONS + id).then().statusCode(200).body("decision_reason", equalTo("the domain is not registered yet"));
        // answered: the association may apply again
        long again = jsonAs(PREF_HOKKAIDO, Api.application(as(OPERATOR).get(APPLICATIONS + id).then().extract().jsonPath()
                .getString("organization_code"))).post("/api/connection-applications").then().statusCode(201).extract().jsonPath().getLong("id");
        as(PREF_HOKKAIDO).get(APPLICATIONS + again).then().body("state", equalTo("COLLECTED")).body("decision", nullValue());
    }

    @Test
    void aPrefectureSeesAndMovesItsOwnApplicationsOnly() {
        long hokkaido = Api.collectApplication();
        Api.assertProblem(as(PREF_EHIME).get(APPLICATIONS + hokkaido), 404, null);
        Api.assertProblem(post(PREF_EHIME, APPLICATIONS + hokkaido + "/forward"), 404, null);
        assertFalse(as(PREF_EHIME).queryParam("size", 500).get("/api/connection-applications").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Long.class).contains(hokkaido));
        assertTrue(as(PREF_HOKKAIDO).queryParam("size", 500).get("/api/connection-applications").then().statusCode(200).extract().jsonPath()
                .getList("items.prefecture", String.class).stream().allMatch("hokkaido"::equals));
        // Ehime does not collect Hokkaido's associations
        Api.assertProblem(jsonAs(PREF_EHIME, Api.application(Api.associationCode())).post("/api/connection-applications"), 422,
                "organization_code");
    }

    @Test
    void badApplicationsNameTheirFieldAndRecordNothing() {
        long before = Api.total("/api/connection-applications");
        String code = Api.associationCode();
        String wrongCheckDigit = code.substring(0, 5) + (char) ('0' + (code.charAt(5) - '0' + 1) % 10);
        Map<String, Map<String, Object>> bad = new java.util.LinkedHashMap<>();
        bad.put("organization_code", with(Api.application(code), "organization_code", wrongCheckDigit));
        bad.put("kind", with(Api.application(code), "kind", "municipality"));
        bad.put("domain", with(Api.application(code), "domain", "kumiai.example.com"));
        bad.put("contacts.responsible.email", with(Api.application(code), "contacts",
                Map.of("responsible", Map.of("name", "北 一郎", "email", "not-an-address"), "primary_operator", Map.of("name", "南", "email",
                        "ops@kumiai.hokkaido.lg.jp"))));
        bad.forEach((field, body) -> Api.assertProblem(jsonAs(PREF_HOKKAIDO, body).post("/api/connection-applications"), 400, field));
        // already connected: Hokkaido's wide-area union of the sample (inventory/organizations/018406-iryokouiki.yaml)
        Api.assertProblem(jsonAs(PREF_HOKKAIDO, with(Api.application(code), "organization_code", "018406")).post("/api/connection-applications"),
                422, "organization_code");
        assertEquals(before, Api.total("/api/connection-applications"));
        // one open application per association
        jsonAs(PREF_HOKKAIDO, Api.application(code)).post("/api/connection-applications").then().statusCode(201);
        Api.assertProblem(jsonAs(PREF_HOKKAIDO, Api.application(code)).post("/api/connection-applications"), 409, "organization_code");
        assertEquals(before + 1, Api.total("/api/connection-applications"));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }
}
