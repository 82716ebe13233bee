package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's lab demo, run as written against the packaged jar: {@code serve --lab} on a scratch
 * clone, the engineer's change, then the operator's steps with the command-line client the build
 * installed ({@code quarkus-app/target/bin/lgwan-config}) — file, accept, request, approve, schedule,
 * start — and {@code jobs show --follow} following the job to its end. Only the port (a free one,
 * not 8080) and the scratch folder (a temporary one, not /tmp/lgwan) differ.
 */
class ReadmeLabDemoIT {

    private static final String SCRATCH = "/tmp/lgwan";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    @TempDir
    Path temp;

    private Process serve;

    @AfterEach
    void stop() throws Exception {
        if (serve != null) {
            // bash runs the clone, then the jar: stop the jar (it stops its PostgreSQL and lab), then bash
            List<ProcessHandle> tree = serve.descendants().collect(Collectors.toList());
            tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle process : tree) {
                process.onExit().get(60, TimeUnit.SECONDS);
            }
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theLabDemoRunsAsWrittenAndTheClientFollowsItsJobToItsEnd() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // the README builds the jar first; the build that runs this test already did
        String start = ReadmeDemoTest.shellBlock("serve --lab \\").lines().filter(line -> !line.startsWith("./mvnw"))
                .collect(Collectors.joining("\n")).strip() + " --port " + port + "\n";
        serve = bash(start, temp.resolve("serve.log"), port).start();
        awaitReady(port);
        reachByHand(temp.resolve("lgwan/demo/data/lab"));

        String script = "set -e\n" + ReadmeDemoTest.shellBlock("git -C $D commit") + ReadmeDemoTest.shellBlock("notifications file --organization 384844")
                + ReadmeDemoTest.shellBlock("jobs show $J --follow");
        ProcessBuilder demo = bash(script, temp.resolve("demo.err"), port);
        Process process = demo.redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the demo did not finish");
        String err = Files.readString(temp.resolve("demo.err"));
        String context = "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err + logTail();

        assertEquals(JobsCommand.ROLLED_BACK, process.exitValue(), "jobs show --follow exits 6: Matsuno was rolled back" + context);
        assertTrue(out.contains("risk NEEDS_OUTAGE"), "notifications show: Matsuno's change needs an outage" + context);
        assertTrue(out.lines().anyMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+09:00  lgrt\\.town\\.niseko\\.lgwan\\.jp  commit  ok")),
                "one line per step, those taken before the client connected too" + context);
        for (String router : List.of("niseko", "matsuno")) {
            List<String> steps = out.lines().filter(line -> line.matches("\\d{4}-.*") && line.contains("  lgrt.town." + router + ".lgwan.jp  "))
                    .map(line -> line.split("  ")[2]).toList();
            assertEquals(router.equals("niseko") ? List.of("pre-check", "backup", "compare", "plan", "commit", "post-check", "confirm")
                    : List.of("pre-check", "backup", "compare", "plan", "commit", "post-check", "rollback"), steps, "each step once, in order" + context);
        }
        assertTrue(out.lines().anyMatch(line -> line.strip().equals("lgrt.town.niseko.lgwan.jp  ended CONFIRMED")), context);
        assertTrue(out.lines().anyMatch(line -> line.strip().equals("lgrt.town.matsuno.lgwan.jp  ended ROLLED_BACK")), context);
        assertTrue(out.lines().anyMatch(line -> line.strip().matches("job \\d+ COMPLETED_WITH_ROLLBACKS: completed with rollbacks: 1 of 2 .*")),
                context);

        stop();
        serve = null;
        assertTrue(!Files.exists(temp.resolve("lgwan/demo/data/lab/lab.json")), "serve removes the lab's files when it stops");
    }

    /**
     * serve --lab writes how to reach its routers into DATA/lab, as {@code lab --dir} does: the files are there, the keys
     * owner-only, and OpenSSH's own client logs in with the operator key on the port lab.json gives (README, "Virtual
     * routers in their own process").
     */
    private static void reachByHand(Path published) throws Exception {
        JsonNode lab = new ObjectMapper().readTree(published.resolve("lab.json").toFile());
        assertEquals(14, lab.path("routers").size(), lab.toString());
        for (String secret : new String[] {"operator-key", "snmp-keys"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(published.resolve(secret))), secret);
        }
        assertTrue(!Files.readString(published.resolve("lab.json")).contains("PRIVATE KEY"), "no secret in lab.json");
        int port = -1;
        for (JsonNode router : lab.path("routers")) {
            if (router.path("hostname").asText().equals("lgrt.city.sapporo.lgwan.jp")) {
                port = router.path("ssh_port").asInt();
            }
        }
        Process ssh = new ProcessBuilder("ssh", "-i", published.resolve("operator-key").toString(), "-p", Integer.toString(port),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "operator@127.0.0.1").redirectErrorStream(true).start();
        ssh.getOutputStream().write("terminal length 0\nshow running-config\nexit\n".getBytes(StandardCharsets.UTF_8));
        ssh.getOutputStream().close();
        String typed = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ssh.waitFor(30, TimeUnit.SECONDS), "ssh did not end: " + typed);
        assertTrue(typed.lines().anyMatch(line -> line.equals("hostname lgrt")), "OpenSSH's client read the running config: " + typed);
    }

    /** README text run by bash in this checkout, with the scratch folder and the port of this test; output to {@code log}. */
    private ProcessBuilder bash(String script, Path log, int port) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script.replace(SCRATCH, temp.resolve("lgwan").toString()))
                .redirectError(log.toFile()).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("LGWAN_"));
        builder.environment().put("LGWAN_URL", "http://127.0.0.1:" + port);
        // the README's `java` and the launcher's: this JVM's
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        for (String role : new String[] {"AUTHOR", "COMMITTER"}) {
            builder.environment().put("GIT_" + role + "_NAME", "newcomer");
            builder.environment().put("GIT_" + role + "_EMAIL", "newcomer@example.jp");
        }
        return builder;
    }

    private void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!serve.isAlive()) {
                fail("serve --lab exited with " + serve.exitValue() + logTail());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException | java.net.http.HttpTimeoutException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        fail("serve --lab not ready within " + START_TIMEOUT + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(temp.resolve("serve.log"), StandardCharsets.UTF_8);
            return "\n--- serve.log (tail) ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (java.io.IOException e) {
            return "\n(no serve.log: " + e + ")";
        }
    }
}
