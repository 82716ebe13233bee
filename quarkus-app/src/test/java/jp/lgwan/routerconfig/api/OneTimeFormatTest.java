package jp.lgwan.routerconfig.api;

import static jp.lgwan.routerconfig.api.Api.ENGINEER;
import static jp.lgwan.routerconfig.api.Api.OPERATOR;
import static jp.lgwan.routerconfig.api.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jp.lgwan.routerconfig.cli.Cli;
import jp.lgwan.routerconfig.rollout.RolloutJob;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter;
import org.junit.jupiter.api.Test;

/**
 * One time format and one spelling of enums in every output (issue 17): the API's answers for
 * notifications, windows, jobs (with their steps), notices, drift, backups, audit and the inventory,
 * and the client's lines, write every point in time as {@code 2026-12-20T22:00:00.000+09:00} — never
 * {@code Z}, never micro- or nanoseconds — and every enum value as its upper-case name
 * ({@code NEEDS_OUTAGE}, {@code IN_SYNC}). The walk is over the JSON as it is, so a field added later is held to it too.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class OneTimeFormatTest {

    static final Pattern ONE_FORMAT = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+09:00$");
    /** What looks like a point in time, however written: a date, then T and a time. */
    private static final Pattern LOOKS_LIKE_TIME = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d.*");
    private static final Pattern ENUM_VALUE = Pattern.compile("^[A-Z][A-Z0-9_]*$");
    /** Fields that hold an enum's value wherever they appear. */
    private static final Set<String> ENUM_FIELDS = Set.of("state", "status", "risk", "highest_risk", "start_kind", "source", "outcome_kind",
            "reason_kind");
    private static final String DRIFT_ROUTER = "lgrt.city.matsuyama.lgwan.jp";

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL baseUrl;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every time and enum value of {@code body} ({@code where} names it in a failure); the number of times it held. */
    private static int assertOneFormat(String where, String body) throws Exception {
        List<String> wrong = new ArrayList<>();
        int[] times = {0};
        walk("$", JSON.readTree(body), wrong, times);
        assertTrue(wrong.isEmpty(), where + ": " + wrong + "\n" + body);
        return times[0];
    }

    private static void walk(String path, JsonNode node, List<String> wrong, int[] times) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                String at = path + "." + field.getKey();
                boolean timeField = field.getKey().endsWith("_at") || field.getKey().equals("at") || field.getKey().startsWith("window_");
                if (timeField && !value.isNull() && !value.isTextual()) {
                    wrong.add(at + " is not text: " + value);
                }
                if (ENUM_FIELDS.contains(field.getKey()) && value.isTextual() && !ENUM_VALUE.matcher(value.asText()).matches()) {
                    wrong.add(at + " = " + value.asText() + " (an enum is written as its name)");
                }
                walk(at, value, wrong, times);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i), wrong, times);
            }
        } else if (node.isTextual() && LOOKS_LIKE_TIME.matcher(node.asText()).matches()) {
            if (ONE_FORMAT.matcher(node.asText()).matches()) {
                times[0]++;
            } else {
                wrong.add(path + " = " + node.asText());
            }
        }
    }

    private static String get(String user, String path) {
        return as(user).get(path).then().statusCode(200).extract().asString();
    }

    /** A finished job of window {@code outage} with one confirmed router and its steps, as a push records them. */
    private static long finishedJob(long outage) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant started = Instant.parse("2026-12-20T13:00:00.123456789Z");
            RolloutJob job = new RolloutJob();
            job.outageId = outage;
            job.state = RolloutJob.State.COMPLETED;
            job.startKind = RolloutJob.StartKind.MANUAL;
            job.startedBy = OPERATOR;
            job.createdAt = started;
            job.startedAt = started;
            job.finishedAt = started.plusSeconds(95);
            RolloutJobRouter router = new RolloutJobRouter();
            router.job = job;
            router.hostname = Api.NISEKO_ROUTER;
            router.state = RolloutJobRouter.State.CONFIRMED;
            router.startedAt = started;
            router.finishedAt = job.finishedAt;
            router.steps.add(new RolloutJobRouter.Step("pre-check", "passed", started.plusNanos(1_234_567), Map.of()));
            router.steps.add(new RolloutJobRouter.Step("commit", "ok", started.plusSeconds(60), Map.of("note", "by the test")));
            job.routers.add(router);
            job.persist();
            return job.id;
        });
    }

    @Test
    void everyAnswerOfTheApiWritesTimesOneWay() throws Exception {
        // a notification, accepted; a window, approved
        long notification = Api.fileAccepted(Api.NISEKO);
        long outage = Api.approvedOutage(Api.NISEKO_ROUTER);
        // a job as a confirmed push leaves it: its router's steps timed by the JVM's clock (nanoseconds), read back from PostgreSQL
        long job = finishedJob(outage);
        // a notice as the service desk gets one; a collection of one router's backup and drift
        long notice = NoticeApiTest.rolledBackNotice(Api.SAPPORO_ROUTER);
        Api.post(ENGINEER, "/api/backups/collect?router=" + DRIFT_ROUTER).then().statusCode(200);

        Map<String, Integer> seen = new java.util.LinkedHashMap<>();
        for (String path : List.of("/api/change-notifications/" + notification, "/api/change-notifications?size=500", "/api/outages/" + outage,
                "/api/outages?size=500", "/api/jobs/" + job, "/api/jobs?size=500", "/api/notices/" + notice, "/api/notices?size=500",
                "/api/drift", "/api/drift/" + DRIFT_ROUTER, "/api/routers/" + DRIFT_ROUTER + "/backups", "/api/audit?size=500",
                "/api/inventory")) {
            seen.put(path, assertOneFormat(path, get(OPERATOR, path)));
        }
        // the walk met the times it was meant to: each answer has some, the job its steps' (and their evidence's)
        seen.forEach((path, count) -> assertTrue(count > 0, path + " has no time to check: " + seen));
        JsonNode jobView = JSON.readTree(get(OPERATOR, "/api/jobs/" + job));
        assertEquals("2026-12-20T22:00:00.124+09:00", jobView.path("routers").get(0).path("steps").get(0).path("at").asText(), jobView.toString());
        assertEquals("2026-12-20T22:00:00.123+09:00", jobView.path("started_at").asText(), jobView.toString());
        // the answers to a create and an action, too
        assertOneFormat("POST /api/outages", Api.jsonAs(ENGINEER, Api.outageRequest(List.of(Api.NISEKO_ROUTER), Api.nextWindow()[0],
                Api.nextWindow()[1])).post("/api/outages").then().statusCode(201).extract().asString());
    }

    /** The client's lines write times as the API does: {@code jobs show} prints each step with its time, {@code outages list} each window's. */
    @Test
    void theClientWritesTimesAsTheApiDoes() throws Exception {
        long outage = Api.approvedOutage(Api.NISEKO_ROUTER);
        Path credentials = Files.createTempFile("lgwan-operator", ".credentials",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(credentials, "user=" + OPERATOR + "\npassword=" + Api.password(OPERATOR) + "\n");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "outages", "show", Long.toString(outage), "--url",
                    baseUrl.toString(), "--credentials", credentials.toString());
            assertEquals(0, status, err.toString());
            List<String> times = new ArrayList<>();
            java.util.regex.Matcher found = Pattern.compile("\\d{4}-\\d\\d-\\d\\d[T ][0-9:.]+(\\+09:00|Z)?").matcher(out.toString());
            while (found.find()) {
                times.add(found.group());
            }
            assertTrue(times.size() >= 2, out.toString());
            times.forEach(t -> assertTrue(ONE_FORMAT.matcher(t).matches(), t + " in\n" + out));
        } finally {
            Files.delete(credentials);
        }
    }
}
