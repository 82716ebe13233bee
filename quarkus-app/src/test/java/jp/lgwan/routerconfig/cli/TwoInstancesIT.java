package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jp.lgwan.routerconfig.database.EmbeddedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} instances on one PostgreSQL pushing to one {@code lab} process: they share a
 * window's routers, each router claimed and pushed by exactly one of them; when one is killed with
 * -9 mid-window, the other takes its routers over once their claims expire and finishes them
 * without pushing any a second time. Who holds a router is not in the API: it is read from the
 * {@code owner} column.
 */
class TwoInstancesIT {

    static final List<String> FILES = List.of("011002-sapporo.yaml", "013951-niseko.yaml", "014087-akaigawa.yaml", "018406-iryokouiki.yaml",
            "130001-tokyo.yaml", "131016-chiyoda.yaml", "133078-hinohara.yaml", "380008-ehime.yaml", "382019-matsuyama.yaml");
    static final List<String> ORGANIZATIONS = List.of("011002", "013951", "014087", "018406", "130001", "131016", "133078", "380008", "382019");
    static final List<String> ROUTERS = List.of("lgrt.city.sapporo.lgwan.jp", "lgsu.city.sapporo.lgwan.jp", "lgrt.town.niseko.lgwan.jp",
            "lgrt.vill.akaigawa.lgwan.jp", "lgrt.iryokouiki.hokkaido.lgwan.jp", "lgrt.metro.tokyo.lgwan.jp", "lgrt.city.chiyoda.lgwan.jp",
            "lgrt.vill.hinohara.lgwan.jp", "lgrt.pref.ehime.lgwan.jp", "lgrt.city.matsuyama.lgwan.jp");
    static final Set<String> TERMINAL = Set.of("CONFIRMED", "ALREADY_COMPLIANT", "ROLLED_BACK", "FAILED", "SKIPPED", "RETURN_CHECKED");

    @TempDir
    Path temp;

    record Claim(String state, String owner) {
    }

    @Test
    void twoInstancesShareAWindowAndOneFinishesTheRoutersOfTheOtherKilledMidWindow() throws Exception {
        // closed in reverse: the services stop before their database does
        try (EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("db"), Path.of("quarkus-app", "target", "pg-binaries"));
             LabRig rig = new LabRig(temp)) {
            try {
                run(rig, database);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n" + rig.outputs(), e);
            }
        }
    }

    private void run(LabRig rig, EmbeddedDatabase database) throws Exception {
        rig.startLab();
        // two routers at a time each, and a post-check of two polls 2 s apart: neither instance can take the whole window alone
        List<String> common = List.of("-Dquarkus.datasource.jdbc.url=" + database.jdbcUrl(), "-Dquarkus.datasource.username=" + database.user(),
                "-Dquarkus.datasource.password=" + database.password(),
                "-Dlgwan.rollout.concurrency=2", "-Dlgwan.rollout.settle=2s", "-Dlgwan.rollout.lease=3s");
        LabRig.Service a = rig.startServe("serve-a", temp.resolve("data-a"), with(common, "-Dlgwan.rollout.instance-id=a"));
        LabRig.Service b = rig.startServe("serve-b", temp.resolve("data-b"), with(common, "-Dlgwan.rollout.instance-id=b"));

        // 1. one window, started on a: both instances push, each router exactly once
        long first = LabRig.start(a, LabRig.windowNow(a, rig.commitDescriptions(FILES, "v2"), ORGANIZATIONS, ROUTERS));
        JsonNode job = a.finished(first, Duration.ofSeconds(180));
        Map<String, JsonNode> routers = LabRig.routersOf(job);
        assertEquals(ROUTERS.stream().sorted().toList(), List.copyOf(routers.keySet()));
        routers.forEach((hostname, r) -> {
            assertEquals("CONFIRMED", r.get("state").asText(), hostname + ": " + r.get("steps"));
            assertEquals(1, Collections.frequency(LabRig.stepNames(r), "commit"), hostname + ": " + LabRig.stepNames(r));
        });
        assertEquals("COMPLETED", job.get("state").asText());
        Map<String, Claim> claims = claims(database, first);
        Map<String, Long> perInstance = perOwner(claims);
        assertEquals(Set.of("a", "b"), perInstance.keySet(), "both instances worked: " + claims);
        assertEquals(b.job(first), job, "both answer the same record");
        System.out.printf("two instances: %d routers, pushed per instance %s%n", routers.size(), perInstance);

        // 2. another window; b is killed with -9 while it holds a router pushed but unconfirmed: a finishes b's routers
        long second = LabRig.start(a, LabRig.windowNow(a, rig.commitDescriptions(FILES, "v3"), ORGANIZATIONS, ROUTERS));
        LabRig.await("b holding a pushed router", Duration.ofSeconds(120), b.process, () -> {
            try {
                return claims(database, second).values().stream().anyMatch(c -> "b".equals(c.owner()) && c.state().equals("PUSHED"));
            } catch (Exception e) {
                return false;
            }
        });
        b.process.kill();
        Map<String, Claim> atKill = claims(database, second);
        JsonNode afterKill = a.finished(second, Duration.ofSeconds(180));
        Map<String, Claim> end = claims(database, second);
        Map<String, JsonNode> finished = LabRig.routersOf(afterKill);
        for (String hostname : ROUTERS) {
            JsonNode r = finished.get(hostname);
            List<String> steps = LabRig.stepNames(r);
            // never pushed twice; a router b was typing into when it died (PUSHING, its commit not yet recorded) is not
            // pushed at all if a finds it back on its backup
            assertTrue(Collections.frequency(steps, "commit") <= 1, hostname + " pushed at most once: " + steps);
            Claim before = atKill.get(hostname);
            if (!("b".equals(before.owner()) && before.state().equals("PUSHING") && r.get("state").asText().equals("ROLLED_BACK"))) {
                assertEquals(1, Collections.frequency(steps, "commit"), hostname + " pushed exactly once: " + steps);
            }
            if ("b".equals(before.owner()) && !TERMINAL.contains(before.state())) {
                assertEquals("a", end.get(hostname).owner(), hostname + " taken over by a");
                if (before.state().equals("PUSHED")) {
                    assertTrue(steps.contains("resume"), hostname + " re-verified, not pushed again: " + steps);
                }
            }
            if (r.get("state").asText().equals("ROLLED_BACK")) {
                // only a router that had restored its backup by itself before a got to it
                assertTrue(steps.contains("resume"), hostname + ": " + r.get("steps"));
            } else {
                assertEquals("CONFIRMED", r.get("state").asText(), hostname + ": " + r.get("steps"));
            }
        }
        long takenOver = atKill.entrySet().stream().filter(e -> "b".equals(e.getValue().owner()) && !TERMINAL.contains(e.getValue().state())).count();
        assertTrue(takenOver >= 1, "b held routers when it died: " + atKill);
        assertFalse(end.values().stream().anyMatch(c -> !TERMINAL.contains(c.state())), end.toString());
        assertEquals("COMPLETED", a.get("operator", "/api/outages/" + afterKill.get("outage_id").asLong()).get("status").asText());
        System.out.printf("two instances, b killed: at the kill %s; finished per instance %s, routers by final state %s%n",
                atKill, perOwner(end), LabRig.byState(afterKill));
    }

    private static List<String> with(List<String> options, String more) {
        List<String> all = new java.util.ArrayList<>(options);
        all.add(more);
        return all;
    }

    private static Map<String, Long> perOwner(Map<String, Claim> claims) {
        Map<String, Long> counts = new TreeMap<>();
        claims.values().forEach(c -> counts.merge(String.valueOf(c.owner()), 1L, Long::sum));
        return counts;
    }

    /** Each router of a job: its state and the instance that holds (or last held) it. */
    private static Map<String, Claim> claims(EmbeddedDatabase database, long jobId) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             PreparedStatement query = connection.prepareStatement("select hostname, state, owner from rollout_job_router where job_id = ?")) {
            query.setLong(1, jobId);
            Map<String, Claim> claims = new TreeMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    claims.put(rows.getString(1), new Claim(rows.getString(2), rows.getString(3)));
                }
            }
            return claims;
        }
    }
}
