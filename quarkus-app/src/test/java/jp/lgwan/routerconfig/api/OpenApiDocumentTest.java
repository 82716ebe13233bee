package jp.lgwan.routerconfig.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The API's OpenAPI document as a client's author reads it ({@code /q/openapi}, issue 17): every
 * operation says what it does (a summary that is more than "List" or "Get", and a description);
 * every create answers 201 with the schema of what it created; every body has an example; every
 * refusal is documented as RFC 9457 problem+json with its problem types.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class OpenApiDocumentTest {

    /** The POSTs that create a resource (they answer 201 and a Location). */
    private static final Set<String> CREATES = Set.of("POST /api/change-notifications", "POST /api/change-notifications/{id}/line-switch-records",
            "POST /api/outages", "POST /api/connection-applications", "POST /api/global-address-disclosures");
    /** What Quarkus generates from a method's name: a summary that says nothing. */
    private static final Set<String> BARE = Set.of("List", "Get", "Create", "Update", "Delete", "File", "Status", "Reload", "Events", "Collect",
            "Halt", "Accept", "Reject", "Approve", "Cancel", "Start", "Withdraw", "Close", "Schedule", "Config", "Diff", "Read");

    private static JsonNode document() throws Exception {
        String json = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        return new ObjectMapper().readTree(json);
    }

    private static List<Map.Entry<String, JsonNode>> operations(JsonNode document) {
        List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (Set.of("get", "post", "put", "delete", "patch").contains(method.getKey())) {
                    operations.add(Map.entry(method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), method.getValue()));
                }
            }
        }
        return operations;
    }

    @Test
    void everyOperationSaysWhatItDoes() throws Exception {
        List<Map.Entry<String, JsonNode>> operations = operations(document());
        assertTrue(operations.size() >= 50, "the API's operations: " + operations.size());
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operation : operations) {
            String summary = operation.getValue().path("summary").asText("");
            String description = operation.getValue().path("description").asText("");
            if (summary.isBlank() || BARE.contains(summary) || !summary.contains(" ")) {
                wrong.add(operation.getKey() + ": summary '" + summary + "'");
            }
            if (description.length() < 20) {
                wrong.add(operation.getKey() + ": description '" + description + "'");
            }
            if (operation.getKey().startsWith("GET /api/console") || !operation.getKey().contains(" /api/")) {
                wrong.add(operation.getKey() + ": not an API path (the console's pages are not part of the API)");
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everyCreateAnswers201WithWhatItCreated() throws Exception {
        JsonNode document = document();
        Map<String, JsonNode> byKey = new java.util.HashMap<>();
        operations(document).forEach(o -> byKey.put(o.getKey(), o.getValue()));
        List<String> wrong = new ArrayList<>();
        for (String create : CREATES) {
            JsonNode operation = byKey.get(create);
            if (operation == null) {
                wrong.add(create + ": missing");
                continue;
            }
            JsonNode created = operation.path("responses").path("201");
            String schema = created.path("content").path("application/json").path("schema").path("$ref").asText("");
            if (!schema.startsWith("#/components/schemas/")) {
                wrong.add(create + ": 201 without the created resource's schema: " + created);
            }
            if (operation.path("responses").has("200")) {
                wrong.add(create + ": documents 200, but answers 201");
            }
        }
        // and no other POST documents a 200 with an empty schema
        for (Map.Entry<String, JsonNode> operation : operations(document)) {
            JsonNode ok = operation.getValue().path("responses").path("200");
            if (operation.getKey().startsWith("POST ") && !ok.isMissingNode() && ok.path("content").isMissingNode()) {
                wrong.add(operation.getKey() + ": a 200 without content");
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everyBodyHasAnExampleAndEveryRefusalIsAProblem() throws Exception {
        JsonNode document = document();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operation : operations(document)) {
            JsonNode body = operation.getValue().path("requestBody");
            if (!body.isMissingNode()) {
                JsonNode json = body.path("content").path("application/json");
                if (!json.has("example") && !json.has("examples")) {
                    wrong.add(operation.getKey() + ": a body without an example");
                }
            }
            JsonNode responses = operation.getValue().path("responses");
            for (String status : List.of("401", "403")) {
                if (!responses.has(status)) {
                    wrong.add(operation.getKey() + ": no " + status);
                }
            }
            if (operation.getKey().contains("{") && !responses.has("404")) {
                wrong.add(operation.getKey() + ": no 404");
            }
            if (operation.getKey().startsWith("POST ") && !(responses.has("409") && responses.has("422"))) {
                wrong.add(operation.getKey() + ": no 409 or 422");
            }
            for (Map.Entry<String, JsonNode> response : responses.properties()) {
                if (response.getKey().startsWith("4")) {
                    JsonNode problem = response.getValue().path("content").path("application/problem+json");
                    if (!problem.path("schema").path("$ref").asText("").equals("#/components/schemas/Problem")) {
                        wrong.add(operation.getKey() + " " + response.getKey() + ": not application/problem+json");
                    }
                    if (!response.getValue().path("description").asText("").contains("Problem types: ")) {
                        wrong.add(operation.getKey() + " " + response.getKey() + ": names no problem type");
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        JsonNode problem = document.path("components").path("schemas").path("Problem");
        assertEquals(List.of("type", "title", "status", "detail"), new ObjectMapper().convertValue(problem.path("required"), List.class));
    }
}
