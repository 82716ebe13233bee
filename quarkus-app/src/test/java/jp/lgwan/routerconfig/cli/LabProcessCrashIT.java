package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jp.lgwan.routerconfig.lab.LabDirectoryFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service killed with -9 in the middle of a window, its virtual routers living on in a {@code
 * lab} process: restarted on the same data, it re-verifies the routers left pushed but unconfirmed
 * without pushing them again, and the window carries on to the end.
 */
class LabProcessCrashIT {

    /** Six routers of all five dialects: the canary wave (one per vendor profile) is pushed while the service dies. */
    static final List<String> FILES = List.of("011002-sapporo.yaml", "013951-niseko.yaml", "014087-akaigawa.yaml", "018406-iryokouiki.yaml",
            "130001-tokyo.yaml");
    static final List<String> ORGANIZATIONS = List.of("011002", "013951", "014087", "018406", "130001");
    static final List<String> ROUTERS = List.of("lgrt.city.sapporo.lgwan.jp", "lgsu.city.sapporo.lgwan.jp", "lgrt.town.niseko.lgwan.jp",
            "lgrt.vill.akaigawa.lgwan.jp", "lgrt.iryokouiki.hokkaido.lgwan.jp", "lgrt.metro.tokyo.lgwan.jp");
    static final Set<String> MAY_BE_PUSHED = Set.of("PUSHING", "PUSHED", "VERIFIED");
    static final Set<String> IN_FLIGHT_BEFORE_COMMIT = Set.of("PRE_CHECKED", "BACKED_UP", "PUSHING");

    @TempDir
    Path temp;

    @Test
    void aServiceKilledMidWindowIsRestartedAndFinishesWithoutPushingAnyRouterTwice() throws Exception {
        try (LabRig rig = new LabRig(temp)) {
            try {
                run(rig);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n" + rig.outputs(), e);
            }
        }
    }

    private void run(LabRig rig) throws Exception {
        LabRig.JarProcess lab = rig.startLab();
        LabDirectoryFile directory = rig.labDirectory();
        assertTrue(directory.routersByHostname().keySet().containsAll(ROUTERS), directory.routersByHostname().keySet().toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rig.labDir.resolve(LabDirectoryFile.OPERATOR_KEY))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rig.labDir.resolve(LabDirectoryFile.SNMP_KEYS))));
        assertFalse(Files.readString(lab.out).contains("lab-auth-"), "no secret printed");

        Path data = temp.resolve("data");
        // a slow post-check (two polls 4 s apart) so that the kill lands while routers are pushed and unconfirmed; a short lease;
        // a router the crash leaves rolled back does not halt the window (that rule has tests of its own)
        List<String> options = List.of("-Dlgwan.rollout.settle=4s", "-Dlgwan.rollout.lease=3s", "-Dlgwan.rollout.halt-ratio=0.5");
        LabRig.Service first = rig.startServe("serve-1", data, options);
        String revision = rig.commitDescriptions(FILES, "v2");
        long outage = LabRig.windowNow(first, revision, ORGANIZATIONS, ROUTERS);
        long jobId = LabRig.start(first, outage);

        // kill -9 once the routers being worked on are all pushed (under their revert timers or the service's watchdog), none confirmed
        LabRig.await("routers pushed", Duration.ofSeconds(90), first.process, () -> {
            try {
                List<String> states = LabRig.routersOf(first.job(jobId)).values().stream().map(r -> r.get("state").asText()).toList();
                return states.contains("PUSHED") && states.stream().noneMatch(IN_FLIGHT_BEFORE_COMMIT::contains);
            } catch (Exception e) {
                return false;
            }
        });
        Map<String, String> atKill = new TreeMap<>();
        LabRig.routersOf(first.job(jobId)).forEach((hostname, r) -> atKill.put(hostname, r.get("state").asText()));
        first.process.kill();
        long pushedAtKill = atKill.values().stream().filter(MAY_BE_PUSHED::contains).count();
        assertTrue(pushedAtKill >= 1, "killed with routers pushed: " + atKill);
        assertTrue(lab.process.isAlive(), "the virtual routers outlive the service");

        // the same data again: a stale PostgreSQL to stop, a new instance id, the dead one's claims expire
        LabRig.Service second = rig.startServe("serve-2", data, options);
        JsonNode job = second.finished(jobId, Duration.ofSeconds(180));
        Map<String, JsonNode> routers = LabRig.routersOf(job);
        assertEquals(ROUTERS.stream().sorted().toList(), List.copyOf(routers.keySet()));
        for (Map.Entry<String, JsonNode> entry : routers.entrySet()) {
            String hostname = entry.getKey();
            JsonNode router = entry.getValue();
            List<String> steps = LabRig.stepNames(router);
            String state = router.get("state").asText();
            assertTrue(List.of("CONFIRMED", "ROLLED_BACK").contains(state), hostname + " (at the kill " + atKill + "): " + router.get("steps"));
            assertEquals(1, Collections.frequency(steps, "commit"), hostname + " pushed exactly once: " + steps);
            if (MAY_BE_PUSHED.contains(atKill.get(hostname))) {
                assertTrue(steps.contains("resume"), hostname + " was re-verified after the restart: " + steps);
                if (state.equals("ROLLED_BACK")) {
                    // only where the router had already restored its backup by itself
                    String resume = router.get("steps").get(steps.indexOf("resume")).get("outcome").asText();
                    assertTrue(resume.contains("no longer runs the change"), hostname + ": " + router.get("steps"));
                    System.out.printf("crash: %s rolled back: %s%n", hostname, router.get("steps").get(steps.indexOf("resume")));
                } else {
                    assertEquals("CONFIRMED", state, hostname + ": " + router.get("steps"));
                    assertEquals(List.of("resume", "post-check", "confirm"), steps.subList(steps.indexOf("resume"), steps.size()), hostname);
                }
            } else {
                assertFalse(steps.contains("resume"), hostname + ": " + steps);
                assertEquals("CONFIRMED", state, hostname + ": " + router.get("steps"));
            }
        }
        JsonNode window = second.get("operator", "/api/outages/" + outage);
        assertEquals("COMPLETED", window.get("status").asText(), window.toString());
        Map<String, Long> byState = LabRig.byState(job);
        assertEquals(byState.containsKey("ROLLED_BACK") ? "COMPLETED_WITH_ROLLBACKS" : "COMPLETED", job.get("state").asText(), job.toString());
        System.out.printf("crash: %d routers, at the kill %s; after the restart, routers by final state %s%n", routers.size(), atKill, byState);

        second.process.stop();
        lab.stop();
        assertFalse(Files.exists(rig.labDir.resolve(LabDirectoryFile.FILE)), "the lab removes its files when stopped");
        assertFalse(Files.exists(rig.labDir.resolve(LabDirectoryFile.OPERATOR_KEY)));
    }
}
