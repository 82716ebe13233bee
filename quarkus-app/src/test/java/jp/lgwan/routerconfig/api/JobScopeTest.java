package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.NISEKO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.ORG_NISEKO;
import static jp.lgwan.routerconfig.api.Api.ORG_SAPPORO;
import static jp.lgwan.routerconfig.api.Api.PREF_EHIME;
import static jp.lgwan.routerconfig.api.Api.PREF_HOKKAIDO;
import static jp.lgwan.routerconfig.api.Api.SAPPORO_ROUTER;
import static jp.lgwan.routerconfig.api.Api.VIEWER;
import static jp.lgwan.routerconfig.api.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.live.LiveEvent;
import jp.lgwan.routerconfig.live.LiveFeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 1: an organization sees its routers' state, so it reads the jobs that push them
 * (and a prefecture those of its organizations), each with only its own routers: their steps, states
 * and counts; the others' are left out, and a job with none of its routers is not found. The job: a
 * legal power inspection over Sapporo's and Niseko's routers (both of Hokkaido), running (it waits
 * for the power) until the test halts it.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class JobScopeTest {

    @Inject
    LiveFeed live;

    private static Long job;

    private static synchronized long job() {
        if (job == null) {
            job = Api.startByHand(List.of(SAPPORO_ROUTER, NISEKO_ROUTER), "LEGAL_POWER_INSPECTION").then().statusCode(202)
                    .extract().jsonPath().getLong("id");
        }
        return job;
    }

    @AfterAll
    static void halt() {
        if (job != null) {
            // through the bean: Quarkus has taken RestAssured's port back after the last test
            io.quarkus.arc.Arc.container().instance(jp.lgwan.routerconfig.rollout.JobLifecycle.class).get().halt(job, "test: done with it");
        }
    }

    private static JsonPath read(String caller) {
        return as(caller).get("/api/jobs/" + job()).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anOrganizationReadsTheJobWithOnlyItsOwnRouters() {
        JsonPath niseko = read(ORG_NISEKO);
        assertEquals(List.of(NISEKO_ROUTER), niseko.getList("routers.hostname"));
        assertEquals(1, niseko.getMap("routers_by_state").values().stream().mapToInt(n -> ((Number) n).intValue()).sum(),
                "counted over its own router only: " + niseko.getMap("routers_by_state"));
        assertFalse(niseko.prettify().contains(SAPPORO_ROUTER), "nothing of Sapporo's router: " + niseko.prettify());
        assertEquals(List.of(SAPPORO_ROUTER), read(ORG_SAPPORO).getList("routers.hostname"));
        // the collecting window of both sees both, as the operating body does
        assertEquals(List.of(SAPPORO_ROUTER, NISEKO_ROUTER).stream().sorted().toList(), read(PREF_HOKKAIDO).getList("routers.hostname"));
        assertEquals(2, read(VIEWER).getList("routers.hostname").size());
    }

    @Test
    void aJobWithNoneOfItsRoutersIsNotFound() {
        long id = job();
        Api.assertProblem(as(PREF_EHIME).get("/api/jobs/" + id), 404, null);
        assertFalse(as(PREF_EHIME).queryParam("size", 500).get("/api/jobs").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Long.class).contains(id), "not in Ehime's list");
        Api.assertProblem(as(PREF_EHIME).get("/api/jobs/" + id + "/events"), 404, null);
    }

    @Test
    void theListHoldsTheJobsOfItsRoutersCountedOverThem() {
        long id = job();
        JsonPath list = as(ORG_NISEKO).queryParam("size", 500).get("/api/jobs").then().statusCode(200).extract().jsonPath();
        List<Long> ids = list.getList("items.id", Long.class);
        assertTrue(ids.contains(id), "Niseko's list holds the job: " + ids);
        Map<String, Object> counts = list.getMap("items.find { it.id == " + id + " }.routers_by_state");
        assertEquals(1, counts.values().stream().mapToInt(n -> ((Number) n).intValue()).sum(), counts.toString());
        for (long other : ids) {
            assertTrue(read(ORG_NISEKO, other).getList("routers.hostname").contains(NISEKO_ROUTER), "job " + other + " in Niseko's list");
        }
    }

    private static JsonPath read(String caller, long id) {
        return as(caller).get("/api/jobs/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theJobsStreamLeavesOutTheOtherRoutersSteps() throws Exception {
        long id = job();
        URI url = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/jobs/" + id + "/events");
        try (EventStreamClient stream = EventStreamClient.open(url, ORG_NISEKO, Api.password(ORG_NISEKO))) {
            EventStreamClient.Event first = stream.next(e -> e.name().equals("job"), Duration.ofSeconds(30));
            Map<String, Object> counts = JsonPath.from(first.data()).getMap("routers_by_state");
            assertEquals(1, counts.values().stream().mapToInt(n -> ((Number) n).intValue()).sum(), "its own router only: " + first.data());
            // a step of each router, Sapporo's first: only Niseko's reaches Niseko
            for (String hostname : List.of(SAPPORO_ROUTER, NISEKO_ROUTER)) {
                QuarkusTransaction.requiringNew().run(() -> live.announce(LiveEvent.STEP, Map.of("job_id", id, "router_id", 0, "hostname", hostname,
                        "state", "PENDING", "name", "scope-test", "outcome", "passed", "at", "now")));
            }
            EventStreamClient.Event step = stream.next(e -> e.name().equals("step"), Duration.ofSeconds(30));
            assertTrue(step.data().contains(NISEKO_ROUTER), "Sapporo's step left out, Niseko's first: " + step.data());
            assertTrue(stream.seen().stream().noneMatch(e -> e.data().contains(SAPPORO_ROUTER)), stream.seen().toString());
        }
    }
}
