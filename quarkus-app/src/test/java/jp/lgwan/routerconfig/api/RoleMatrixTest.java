package jp.lgwan.routerconfig.api;

import static io.restassured.RestAssured.given;
import static jp.lgwan.routerconfig.api.Api.CALLERS;
import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.MATSUNO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.NISEKO;
import static jp.lgwan.routerconfig.api.Api.NISEKO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.ORG_NISEKO;
import static jp.lgwan.routerconfig.api.Api.SAPPORO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.as;
import static jp.lgwan.routerconfig.api.Api.jsonAs;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint of the API against every caller: the operating body's engineer, operator, ci and
 * viewer; Niseko's own organization user and Sapporo's (another organization); Hokkaido's collecting
 * window (Niseko's prefecture) and Ehime's (another prefecture); and nobody. Every item is Niseko's:
 * out of a caller's scope it is not found (404, so that its existence does not show), a list omits
 * it (OrganizationScopeTest looks at what the lists hold). Each
 * call gets fresh data of its own (a notification in the state the call needs, a window on a day
 * of its own), so an allowed call has an exact status; a refused one must have left no trace —
 * neither in the thing it aimed at nor in the audit log.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class RoleMatrixTest {

    /**
     * Expected statuses, in the order of {@link Api#CALLERS}: engineer, operator, ci, viewer, org-niseko,
     * org-sapporo, pref-hokkaido, pref-ehime, anonymous.
     */
    private static final int[] EVERY_CALLER_LISTS = {200, 200, 200, 200, 200, 200, 200, 200, 401};
    /** One of Niseko's things: read by the operating body, Niseko and Hokkaido; not found by another organization or prefecture. */
    private static final int[] IN_SCOPE_READS = {200, 200, 200, 200, 200, 404, 200, 404, 401};
    private static final int[] NOT_CI_LISTS = {200, 200, 403, 200, 200, 200, 200, 200, 401};
    private static final int[] NOT_CI_IN_SCOPE_READS = {200, 200, 403, 200, 200, 404, 200, 404, 401};
    /** The operating body's alone (its inventory, jobs, notices, backups, audit log). */
    private static final int[] OPERATING_BODY_READS = {200, 200, 200, 200, 403, 403, 403, 403, 401};
    private static final int[] OPERATING_BODY_NOT_CI_READS = {200, 200, 403, 200, 403, 403, 403, 403, 401};
    /** Filed by the engineer, the operator or Niseko itself; Sapporo may not file for Niseko (422 naming the field); prefectures read only. */
    private static final int[] FILED_BY_ENGINEER_OPERATOR_OR_ORGANIZATION = {201, 201, 403, 403, 201, 422, 403, 403, 401};
    /** Withdrawn by the engineer, the operator or Niseko itself; Sapporo does not find it. */
    private static final int[] WITHDRAWN_BY_ENGINEER_OPERATOR_OR_ORGANIZATION = {200, 200, 403, 403, 200, 404, 403, 403, 401};
    /** A job over Matsuno's (Ehime) and Niseko's (Hokkaido) routers: every scope that covers one of them reads it, Sapporo does not find it. */
    private static final int[] JOB_READS = {200, 200, 403, 200, 200, 404, 200, 200, 401};
    private static final int[] OPERATOR_ONLY = {403, 200, 403, 403, 403, 403, 403, 403, 401};
    private static final int[] OPERATOR_ONLY_CREATES = {403, 201, 403, 403, 403, 403, 403, 403, 401};

    private static final String ROUTER = "/api/routers/" + NISEKO_ROUTER;

    /**
     * One endpoint: how to make the data one call needs (returns the path to call), the body, and
     * what must be unchanged when the call is refused (null: nothing to watch but the audit log).
     */
    private record Endpoint(String method, String template, int[] expected, Supplier<String> path, Supplier<Object> body,
                            Function<String, String> state) {

        boolean mutating() {
            return method.equals("POST");
        }

        Response call(String caller, String at) {
            Object content = body == null ? null : body.get();
            if (method.equals("GET") && at.endsWith("/events")) {
                return stream(caller, at);
            }
            if (method.equals("GET")) {
                return as(caller).get(at);
            }
            return content == null ? Api.post(caller, at) : jsonAs(caller, content).post(at);
        }
    }

    /** An event stream's answer: its status and headers, the stream closed at once (it never ends by itself). */
    private static Response stream(String caller, String at) {
        try {
            var answer = EventStreamClient.statusOf(java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + at),
                    caller.equals(Api.ANONYMOUS) ? null : caller, caller.equals(Api.ANONYMOUS) ? null : Api.password(caller));
            io.restassured.builder.ResponseBuilder response = new io.restassured.builder.ResponseBuilder().setStatusCode(answer.statusCode())
                    .setBody(answer.body());
            answer.headers().firstValue("WWW-Authenticate").ifPresent(h -> response.setHeader("WWW-Authenticate", h));
            answer.headers().firstValue("Content-Type").ifPresent(response::setContentType);
            return response.build();
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(at + " as " + caller + ": " + e, e);
        }
    }

    private static Endpoint get(String template, int[] expected) {
        return new Endpoint("GET", template, expected, () -> template, null, null);
    }

    private static Endpoint get(String template, int[] expected, Supplier<String> path) {
        return new Endpoint("GET", template, expected, path, null, null);
    }

    /** A POST on one resource (…/{id}/accept): refused, the resource ({…/{id}}) reads the same as before. */
    private static Endpoint action(String template, int[] expected, Supplier<Long> resource, Supplier<Object> body) {
        String collection = template.substring(0, template.indexOf("/{id}"));
        String action = template.substring(template.indexOf("/{id}") + "/{id}".length());
        return new Endpoint("POST", template, expected, () -> collection + "/" + resource.get() + action, body,
                path -> as(OPERATOR).get(path.substring(0, path.lastIndexOf('/'))).then().statusCode(200).extract().asString());
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            get("/api/inventory", OPERATING_BODY_READS),
            new Endpoint("POST", "/api/inventory/reload", new int[] {200, 200, 403, 403, 403, 403, 403, 403, 401}, () -> "/api/inventory/reload", null,
                    path -> as(OPERATOR).get("/api/inventory").then().statusCode(200).extract().jsonPath().getString("loaded_at")),
            get("/api/organizations", EVERY_CALLER_LISTS),
            get("/api/organizations/{code}", IN_SCOPE_READS, () -> "/api/organizations/" + NISEKO),
            get("/api/routers", EVERY_CALLER_LISTS),
            get("/api/routers/{hostname}", IN_SCOPE_READS, () -> ROUTER),
            get("/api/access-lines", EVERY_CALLER_LISTS),
            get("/api/routers/{hostname}/config", IN_SCOPE_READS, () -> ROUTER + "/config"),
            get("/api/routers/{hostname}/diff", IN_SCOPE_READS, () -> ROUTER + "/diff"),
            // a global address (secret): the operator reads any router's, an organization its own, each with a reason, audited
            new Endpoint("POST", "/api/routers/{hostname}/global-address", new int[] {403, 200, 403, 403, 200, 404, 403, 403, 401},
                    () -> ROUTER + "/global-address", () -> Map.of("reason", "role matrix"), null),
            // told to an LGWAN-ASP provider: the operator records it; the operating body and organizations list what concerns them
            new Endpoint("POST", "/api/global-address-disclosures", new int[] {403, 201, 403, 403, 403, 403, 403, 403, 401},
                    () -> "/api/global-address-disclosures", () -> Map.of("provider_code", "ASP-00001", "router", NISEKO_ROUTER,
                    "requester", "role matrix, request 1", "reason", "role matrix"), path -> String.valueOf(Api.total(path))),
            get("/api/global-address-disclosures", new int[] {200, 200, 403, 200, 200, 200, 403, 403, 401}),

            new Endpoint("POST", "/api/change-notifications", FILED_BY_ENGINEER_OPERATOR_OR_ORGANIZATION, () -> "/api/change-notifications",
                    () -> Api.filing(NISEKO), path -> String.valueOf(Api.total(path))),
            // inside the notice period: the emergency override, the operator's alone
            new Endpoint("POST", "/api/change-notifications (emergency override)", OPERATOR_ONLY_CREATES,
                    () -> "/api/change-notifications", () -> Map.of("organization_code", NISEKO,
                    "items", List.of(Map.of("kind", "ROUTER_SETTINGS", "description", "emergency")),
                    "effective_date", jp.lgwan.routerconfig.testing.MovableClock.todayInJapan().plusDays(1).toString(), "emergency_reason", "line failure"),
                    path -> String.valueOf(Api.total(path))),
            get("/api/change-notifications", NOT_CI_LISTS),
            get("/api/change-notifications/{id}", NOT_CI_IN_SCOPE_READS, () -> "/api/change-notifications/" + Api.file(ENGINEER, NISEKO)),
            action("/api/change-notifications/{id}/accept", OPERATOR_ONLY, () -> Api.file(ENGINEER, NISEKO), () -> Map.of()),
            action("/api/change-notifications/{id}/reject", OPERATOR_ONLY, () -> Api.file(ENGINEER, NISEKO),
                    () -> Map.of("reason", "incomplete")),
            scheduling(),
            // engineers and operators may record a line switch's coordination; the rule then refuses Niseko's, whose line does
            // not switch (422 line-switch-record-not-needed): ItemRulesTest records real ones
            action("/api/change-notifications/{id}/line-switch-records", new int[] {422, 422, 403, 403, 403, 403, 403, 403, 401}, () -> Api.file(ENGINEER, NISEKO),
                    () -> Map.of("kind", "PREFECTURE_WAN_COORDINATION", "access_line", "niseko-prefwan-1", "parties",
                            "Hokkaido prefecture WAN operator", "agreed_on", "2026-11-30", "document_reference", "minutes 2026-11-30")),
            action("/api/change-notifications/{id}/close", OPERATOR_ONLY, () -> Api.fileRejected(NISEKO), null),
            action("/api/change-notifications/{id}/withdraw", WITHDRAWN_BY_ENGINEER_OPERATOR_OR_ORGANIZATION,
                    () -> Api.file(ORG_NISEKO, NISEKO), () -> Map.of("reason", "role matrix")),

            new Endpoint("POST", "/api/outages", FILED_BY_ENGINEER_OPERATOR_OR_ORGANIZATION, () -> "/api/outages", () -> {
                OffsetDateTime[] window = Api.nextWindow();
                return Api.outageRequest(List.of(NISEKO_ROUTER), window[0], window[1]);
            }, path -> String.valueOf(Api.total(path))),
            get("/api/outages", NOT_CI_LISTS),
            get("/api/outages/{id}", NOT_CI_IN_SCOPE_READS, () -> "/api/outages/" + Api.requestOutage(ENGINEER, NISEKO_ROUTER)),
            // Niseko's own request: withdrawn by Niseko (or the operating body's engineer and operator) before approval
            action("/api/outages/{id}/withdraw", WITHDRAWN_BY_ENGINEER_OPERATOR_OR_ORGANIZATION, () -> Api.requestOutage(ORG_NISEKO, NISEKO_ROUTER),
                    () -> Map.of("reason", "role matrix")),
            action("/api/outages/{id}/approve", OPERATOR_ONLY, () -> Api.requestOutage(ENGINEER, NISEKO_ROUTER), null),
            action("/api/outages/{id}/cancel", OPERATOR_ONLY, () -> Api.requestOutage(ENGINEER, NISEKO_ROUTER),
                    () -> Map.of("reason", "not needed")),
            // an approved window in the future: the operator may start one, but only inside it (409 before)
            action("/api/outages/{id}/start", new int[] {403, 409, 403, 403, 403, 403, 403, 403, 401}, () -> Api.approvedOutage(NISEKO_ROUTER), null),

            // connection applications of associations: Hokkaido's collecting window records, forwards and answers its own;
            // the operating body's operator accepts or returns; engineers and operators read the accepted one's inventory draft
            new Endpoint("POST", "/api/connection-applications", new int[] {403, 403, 403, 403, 403, 403, 201, 422, 401},
                    () -> "/api/connection-applications", () -> Api.application(Api.associationCode()), path -> String.valueOf(Api.total(path))),
            get("/api/connection-applications", new int[] {200, 200, 403, 200, 403, 403, 200, 200, 401}),
            get("/api/connection-applications/{id}", new int[] {200, 200, 403, 200, 403, 403, 200, 404, 401},
                    () -> "/api/connection-applications/" + Api.collectApplication()),
            action("/api/connection-applications/{id}/forward", new int[] {403, 403, 403, 403, 403, 403, 200, 404, 401},
                    Api::collectApplication, null),
            action("/api/connection-applications/{id}/accept", OPERATOR_ONLY, Api::forwardedApplication, () -> Map.of()),
            action("/api/connection-applications/{id}/return", OPERATOR_ONLY, Api::forwardedApplication,
                    () -> Map.of("reason", "the responsible person's e-mail is not at the association's domain")),
            action("/api/connection-applications/{id}/answer", new int[] {403, 403, 403, 403, 403, 403, 200, 404, 401},
                    Api::acceptedApplication, null),
            get("/api/connection-applications/{id}/inventory-draft", new int[] {200, 200, 403, 403, 403, 403, 403, 403, 401},
                    () -> "/api/connection-applications/" + Api.acceptedApplication() + "/inventory-draft"),

            // a job over Matsuno's and Niseko's routers: Niseko, Hokkaido and Ehime see it (with only their routers); Sapporo does not find it
            get("/api/jobs", NOT_CI_LISTS),
            get("/api/jobs/{id}", JOB_READS, () -> "/api/jobs/" + job()),
            get("/api/jobs/{id}/events", JOB_READS, () -> "/api/jobs/" + job() + "/events"),
            // a running job (a power inspection waiting for the power): the operator halts it, nobody else may
            // its state and reason: the job moves on its own (started, then finished after the operator's halt)
            new Endpoint("POST", "/api/jobs/{id}/halt", OPERATOR_ONLY, () -> "/api/jobs/" + haltableJob() + "/halt",
                    () -> Map.of("reason", "role matrix"), path -> {
                        var job = as(OPERATOR).get(path.substring(0, path.lastIndexOf('/'))).then().statusCode(200).extract().jsonPath();
                        return job.getString("state") + " " + job.getString("halted_reason");
                    }),
            get("/api/board/events", OPERATING_BODY_NOT_CI_READS),
            get("/api/notices", OPERATING_BODY_NOT_CI_READS),
            get("/api/notices/{id}", OPERATING_BODY_NOT_CI_READS, () -> "/api/notices/" + notice()),
            action("/api/notices/{id}/acknowledge", OPERATOR_ONLY, RoleMatrixTest::notice, () -> Map.of("note", "taken up")),
            get("/api/routers/{hostname}/backups", OPERATING_BODY_NOT_CI_READS, () -> ROUTER + "/backups"),
            get("/api/backups/{id}", OPERATING_BODY_NOT_CI_READS, () -> "/api/backups/" + backup()),
            // drift is the operating body's (its list is not filtered by scope): organizations and prefectures are refused
            get("/api/drift", OPERATING_BODY_READS),
            get("/api/drift/{hostname}", OPERATING_BODY_READS, () -> "/api/drift/" + SAPPORO_ROUTER),
            // reads the router (a lab router no push holds) and records the collection in the audit log
            new Endpoint("POST", "/api/backups/collect", new int[] {200, 200, 403, 403, 403, 403, 403, 403, 401},
                    () -> "/api/backups/collect?router=" + SAPPORO_ROUTER, null, null),
            get("/api/audit", OPERATING_BODY_NOT_CI_READS));

    /** An accepted notification (its routers unchanged: no outage needed) into a requested window on its router. */
    private static Endpoint scheduling() {
        long[] outage = new long[1];
        return action("/api/change-notifications/{id}/schedule", OPERATOR_ONLY, () -> {
            outage[0] = Api.requestOutage(ENGINEER, NISEKO_ROUTER);
            return Api.fileAccepted(NISEKO);
        }, () -> Map.of("outage_id", outage[0]));
    }

    private static Long job;
    private static Long backup;
    private static Long haltable;
    private static Long notice;

    /**
     * A running job (a power inspection on Sapporo's second router, waiting for the power), one for
     * every caller: the operator's call halts it, the others are refused whatever its state.
     */
    private static synchronized long haltableJob() {
        if (haltable == null) {
            haltable = Api.startByHand("lgsu.city.sapporo.lgwan.jp", "LEGAL_POWER_INSPECTION").then().statusCode(202).extract().jsonPath().getLong("id");
            // started: it moves from PENDING to RUNNING by itself, which a refused call must not be blamed for
            long job = haltable;
            try {
                Await.until("job " + job + " running", () -> as(OPERATOR).get("/api/jobs/" + job).then().extract().jsonPath().getString("state")
                        .equals("RUNNING"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return haltable;
    }

    /** A service-desk notice, as a failed router leaves one, one for every caller: the operator's call acknowledges it. */
    private static synchronized long notice() {
        if (notice == null) {
            notice = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
                jp.lgwan.routerconfig.rollout.ServiceDeskNotice n = new jp.lgwan.routerconfig.rollout.ServiceDeskNotice();
                n.createdAt = jp.lgwan.routerconfig.testing.MovableClock.now();
                n.kind = "router-failed";
                n.body = Map.of("kind", "router-failed", "routers", List.of(Map.of("hostname", SAPPORO_ROUTER, "state", "FAILED")));
                // delivered already: the test service desk does not hear of it
                n.nextAttemptAt = n.createdAt;
                n.deliveredAt = n.createdAt;
                n.persist();
                return n.id;
            });
        }
        return notice;
    }

    /** A running config as a push backs it up. */
    private static synchronized long backup() {
        if (backup == null) {
            backup = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
                jp.lgwan.routerconfig.rollout.RouterBackup b = new jp.lgwan.routerconfig.rollout.RouterBackup();
                b.hostname = NISEKO_ROUTER;
                b.takenAt = jp.lgwan.routerconfig.testing.MovableClock.now();
                b.config = "hostname lgrt\n";
                b.persist();
                return b.id;
            });
        }
        return backup;
    }

    /** One job for the whole matrix: a window opened by hand over two organizations' routers (halted at once). */
    private static synchronized long job() {
        if (job == null) {
            job = Api.startAndHalt(List.of(MATSUNO_ROUTER, NISEKO_ROUTER)).then().statusCode(202).extract().jsonPath().getLong("id");
        }
        return job;
    }

    private static java.nio.file.Path nisekoAddress;

    /** Niseko's global address in the test profile's credential store, for the reads the matrix allows. */
    @org.junit.jupiter.api.BeforeAll
    static void writeTheAddress() throws java.io.IOException {
        nisekoAddress = ConsolePagesTest.globalAddress(NISEKO_ROUTER, "100.79.231.44");
    }

    @org.junit.jupiter.api.AfterAll
    static void removeTheAddress() throws java.io.IOException {
        java.nio.file.Files.deleteIfExists(nisekoAddress);
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (int i = 0; i < CALLERS.size(); i++) {
                cases.add(Arguments.of(endpoint.method() + " " + endpoint.template(), CALLERS.get(i), endpoint.expected()[i], endpoint));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("matrix")
    void callerGetsTheStatusOfTheirRole(String name, String caller, int expected, Endpoint endpoint) {
        String path = endpoint.path().get();
        String stateBefore = endpoint.state() == null ? null : endpoint.state().apply(path);
        long auditBefore = auditBy(caller);

        Response response = endpoint.call(caller, path);

        assertEquals(expected, response.statusCode(), () -> name + " as " + caller + ": " + response.asString());
        boolean succeeded = expected / 100 == 2;
        if (expected == 401) {
            response.then().header("WWW-Authenticate", containsStringIgnoringCase("basic"));
        }
        if (expected == 401 || expected == 403) {
            // issue 13, point 8: these bodies were empty (117 of 117); a refusal is problem+json like every other
            Api.assertProblem(response, expected, null);
        }
        if (endpoint.mutating() && succeeded) {
            assertTrue(auditBy(caller) > auditBefore, name + " as " + caller + " left no audit event");
        } else {
            assertEquals(auditBefore, auditBy(caller), name + " as " + caller + " was refused but wrote to the audit log");
            if (stateBefore != null) {
                assertEquals(stateBefore, endpoint.state().apply(path), name + " as " + caller + " was refused but changed what it aimed at");
            }
        }
    }

    /** Audit events written by {@code caller}: the service's own (a window's job running meanwhile) do not count. */
    private static long auditBy(String caller) {
        return as(OPERATOR).queryParam("size", 1).queryParam("actor", caller).get("/api/audit").then().statusCode(200).extract().jsonPath()
                .getLong("total");
    }

    /** The matrix covers the API: every operation OpenAPI lists under /api has a row. */
    @Test
    void everyOperationOfTheApiIsInTheMatrix() {
        Map<String, Map<String, Object>> paths = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "patch", "delete").contains(m))
                .forEach(m -> documented.add(m.toUpperCase() + " " + path.replaceAll("\\{[^}]+}", "{}"))));
        Set<String> inMatrix = new TreeSet<>();
        ENDPOINTS.forEach(e -> inMatrix.add(e.method() + " " + e.template().replaceAll(" \\(.*\\)$", "").replaceAll("\\{[^}]+}", "{}")));
        assertEquals(documented.stream().filter(p -> p.contains(" /api/")).toList(), List.copyOf(inMatrix));
    }

    @Test
    void wrongPasswordOrUnknownUserIsUnauthorized() {
        // the former built-in password (defect 5 of issue 13) is nobody's
        Api.assertProblem(given().auth().preemptive().basic(OPERATOR, OPERATOR).get("/api/inventory"), 401, null);
        given().auth().preemptive().basic(OPERATOR, "engineer").get("/api/inventory").then().statusCode(401);
        given().auth().preemptive().basic(OPERATOR, "").get("/api/inventory").then().statusCode(401);
        given().auth().preemptive().basic("root", "root").get("/api/inventory").then().statusCode(401);
        given().auth().preemptive().basic(OPERATOR, "engineer").get("/api/audit").then().statusCode(401);
        given().header("Authorization", "Basic not-base64!").get("/api/inventory").then().statusCode(401);
        long before = Api.total("/api/change-notifications");
        given().auth().preemptive().basic(OPERATOR, "wrong").contentType("application/json").body(Api.filing(NISEKO))
                .post("/api/change-notifications").then().statusCode(401);
        assertEquals(before, Api.total("/api/change-notifications"));
    }

    @Test
    void healthMetricsAndOpenApiNeedNoCredentials() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/change-notifications"))
                .body("paths", hasKey("/api/change-notifications/{id}/accept"))
                .body("paths", hasKey("/api/outages/{id}/approve"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/change-notifications"));
    }

    @Test
    void anonymousCallersAreNotShownWhatTheyCannotSee() {
        String body = given().get("/api/routers/" + SAPPORO_ROUTER).then().statusCode(401).extract().asString();
        // the problem's instance is the path the caller sent; nothing else may name the router
        String shown = body.replace("\"instance\":\"/api/routers/" + SAPPORO_ROUTER + "\"", "");
        assertTrue(!shown.contains(SAPPORO_ROUTER) && !shown.contains("global"), body);
    }
}
