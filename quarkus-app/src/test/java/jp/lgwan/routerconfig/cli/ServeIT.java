package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Run the service" as a newcomer does it: the packaged jar's {@code serve} as a process
 * on its embedded PostgreSQL, driven over HTTP, stopped with SIGTERM, killed with -9 and restarted.
 */
class ServeIT {

    private static final Path JAR = Paths.get(System.getProperty("app.runner", "quarkus-app/target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    private static final Path INVENTORY = Path.of("inventory").toAbsolutePath();
    private static final Path TEMPLATES = Path.of("templates").toAbsolutePath();
    private static final String SAPPORO = "011002";
    private static final String ROUTER = "lgrt.city.sapporo.lgwan.jp";
    private static final String OTHER_ROUTER = "lgsu.city.sapporo.lgwan.jp";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Process> started = new ArrayList<>();
    private final List<Path> dataDirs = new ArrayList<>();

    @TempDir
    Path temp;

    /** config/application.properties with the users of these tests, as the README tells an operator to write it (hashes by hash-password). */
    private static String usersConfig;

    /** The users' passwords: NAME-serve-it-password. */
    static String password(String user) {
        return user + "-serve-it-password";
    }

    @BeforeEach
    void users() throws Exception {
        if (usersConfig == null) {
            StringBuilder config = new StringBuilder("# the API users of ServeIT\n");
            for (String user : List.of("engineer", "operator", "viewer")) {
                Process hash = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                        "hash-password").start();
                hash.getOutputStream().write((password(user) + "\n").getBytes(StandardCharsets.UTF_8));
                hash.getOutputStream().close();
                String out = new String(hash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertTrue(hash.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, hash.exitValue(), out + new String(hash.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                assertTrue(out.startsWith("pbkdf2-sha256:600000:"), out);
                config.append("lgwan.auth.users.").append(user).append(".role=").append(user).append('\n')
                        .append("lgwan.auth.users.").append(user).append(".password-hash=").append(out).append('\n');
            }
            usersConfig = config.toString();
        }
        Files.createDirectories(temp.resolve("config"));
        Files.writeString(temp.resolve("config/application.properties"), usersConfig);
        Files.setPosixFilePermissions(temp.resolve("config/application.properties"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    /** Whatever the asserts did: no service and no PostgreSQL of these tests outlives them. */
    @AfterEach
    void stopEverything() throws Exception {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        for (Path data : dataDirs) {
            for (long pid : postgresOf(data)) {
                // SIGINT is PostgreSQL's fast shutdown (a postmaster left frozen by a failed assert is thawed first);
                // one that ignores it is killed
                new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
                new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
            }
            waitUntil(() -> postgresOf(data).isEmpty(), Duration.ofSeconds(20));
            for (long pid : postgresOf(data)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void keepsNotificationsAndWindowsAcrossSigtermAndKill9() throws Exception {
        Path data = temp.resolve("data");
        int port = freePort();
        // as the README's walk-through: the service serves a clone, in which the engineer then commits the change filed
        Path repository = temp.resolve("walk");
        TestInventory.sampleRepository(repository);
        Path inventoryDir = repository.resolve("inventory");
        Path templates = repository.resolve("templates");

        Service first = start(data, port, inventoryDir, templates);
        LocalDate today = MovableClock.todayInJapan();

        JsonNode inventory = first.get("/api/inventory", "viewer").body();
        assertEquals(14, inventory.get("routers").asInt(), inventory.toString());

        Response late = first.post("/api/change-notifications", "engineer", filing(today.plusDays(19)));
        assertEquals(422, late.status(), late.toString());
        assertEquals(today.plusDays(20).toString(), late.body().get("earliest_effective_date").asText(), late.toString());

        String revision = TestInventory.commit(repository, "inventory/organizations/011002-sapporo.yaml",
                text -> text.replace("bandwidth_mbps: 1000\n", "bandwidth_mbps: 500\n"), "Sapporo: carrier line 1000 to 500 Mbps");
        Response filed = first.post("/api/change-notifications", "engineer", filing(today.plusDays(21), revision));
        assertEquals(201, filed.status(), filed.toString());
        long notification = filed.body().get("id").asLong();

        String day = today.plusDays(21).toString();
        Response requested = first.post("/api/outages", "engineer", """
                {"routers": ["%s"], "window_start": "%sT22:00:00+09:00", "window_end": "%sT23:30:00+09:00", "reason": "LINE_SPEED_CHANGE"}"""
                .formatted(ROUTER, day, day));
        assertEquals(201, requested.status(), requested.toString());
        long outage = requested.body().get("id").asLong();

        Response approved = first.post("/api/outages/" + outage + "/approve", "operator", null);
        assertEquals(200, approved.status(), approved + first.logTail());
        assertEquals("APPROVED", approved.body().get("status").asText());
        assertEquals(200, first.post("/api/change-notifications/" + notification + "/accept", "operator", null).status());
        Response scheduled = first.post("/api/change-notifications/" + notification + "/schedule", "operator", "{\"outage_id\": " + outage + "}");
        assertEquals(200, scheduled.status(), scheduled.toString());

        // Quartz's JDBC store fires an approved window when it opens: one opening now on the other router
        OffsetDateTime now = MovableClock.nowInJapan().withNano(0);
        Response soon = first.post("/api/outages", "engineer", """
                {"routers": ["%s"], "window_start": "%s", "window_end": "%s", "reason": "OTHER"}"""
                .formatted(OTHER_ROUTER, now.plusSeconds(2), now.plusMinutes(15)));
        assertEquals(201, soon.status(), soon.toString());
        long opening = soon.body().get("id").asLong();
        assertEquals(200, first.post("/api/outages/" + opening + "/approve", "operator", null).status());
        // opened by Quartz; with no notification scheduled into it, its job has no router and may be done at once
        java.util.Set<String> opened = java.util.Set.of("IN_PROGRESS", "COMPLETED");
        waitUntil(() -> opened.contains(first.get("/api/outages/" + opening, "viewer").body().get("status").asText()), Duration.ofSeconds(60));
        String status = first.get("/api/outages/" + opening, "viewer").body().get("status").asText();
        org.junit.jupiter.api.Assertions.assertTrue(opened.contains(status), status + "\n" + first.logTail());
        JsonNode job = first.get("/api/jobs", "viewer").body().get("items").get(0);
        assertEquals(opening, job.get("outage_id").asLong(), job.toString());
        assertEquals("SCHEDULED", job.get("start_kind").asText(), job.toString());

        // SIGTERM: the service stops, then its PostgreSQL, and only then does the JVM exit; a PostgreSQL slow to
        // shut down (frozen here for 2 s) holds the JVM instead of being left behind
        long postmaster = postmasterPid(data);
        signal("STOP", postmaster);
        try {
            first.process().destroy();
            assertFalse(first.process().waitFor(2, TimeUnit.SECONDS), "the JVM exited before its PostgreSQL had shut down" + first.logTail());
        } finally {
            signal("CONT", postmaster);
        }
        assertTrue(first.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "stopped on SIGTERM" + first.logTail());
        assertEquals(143, first.process().exitValue(), first.logTail());
        assertFalse(Files.exists(data.resolve("pg/postmaster.pid")), "PostgreSQL had shut down when the JVM exited" + first.logTail());
        waitUntil(() -> !running(postmaster), Duration.ofSeconds(5));
        assertEquals(List.of(), postgresOf(data), "no PostgreSQL left for " + data);

        Service second = start(data, port, inventoryDir, templates);
        assertStillThere(second, notification, outage);

        // a second serve on the same data directory is refused, and the running one keeps its database
        long serving = postmasterPid(data);
        Process intruder = launch(data, freePort(), INVENTORY);
        assertTrue(intruder.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, intruder.exitValue(), second.logTail());
        assertTrue(second.logTail().contains("serve: the database in " + data.resolve("pg") + " is in use by another running serve"), second.logTail());
        assertTrue(running(serving), "the running service's PostgreSQL was left alone");
        assertStillThere(second, notification, outage);

        // kill -9 leaves PostgreSQL running; the next start stops that stale server and carries on
        long stale = postmasterPid(data);
        second.process().destroyForcibly();
        assertTrue(second.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(running(stale), "kill -9 of the JVM leaves its PostgreSQL running");

        Service third = start(data, port, inventoryDir, templates);
        assertFalse(running(stale), "the stale postmaster was stopped");
        assertNotEquals(stale, postmasterPid(data));
        assertStillThere(third, notification, outage);

        third.process().destroy();
        assertTrue(third.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(143, third.process().exitValue(), third.logTail());
        waitUntil(() -> postgresOf(data).isEmpty(), Duration.ofSeconds(5));
        assertEquals(List.of(), postgresOf(data));
    }

    /**
     * Defect 7 of issue 13: after its PostgreSQL died the service stayed live, answered 500 until
     * restarted by hand, and came back on a new port. Now the supervisor starts it again on its port
     * (readiness DOWN meanwhile, the API answering again after), and when it cannot, liveness fails.
     */
    @Test
    void aPostgresKilledWithMinus9ComesBackOnItsPortAndLivenessFailsWhenItCannot() throws Exception {
        Path data = temp.resolve("data");
        // a pause before each restart long enough to be seen from outside; two attempts before giving up
        Service service = start(data, freePort(), "-Dlgwan.embedded-postgres.restart-delay=3s", "-Dlgwan.embedded-postgres.restart-attempts=2");
        int port = postgresPort(data);
        long first = postmasterPid(data);
        assertEquals(200, service.get("/api/change-notifications", "viewer").status());

        signal("KILL", first);
        // the datasource's own check may see the dead server before the supervisor does: wait for the supervisor's word
        Response notReady = awaitHealth(service, "/q/health/ready", 503, "\"state\":\"RESTARTING\"", Duration.ofSeconds(30));
        assertEquals(200, health(service, "/q/health/live").status(), "live while it restarts");
        Response ready = awaitHealth(service, "/q/health/ready", 200, Duration.ofSeconds(60));
        assertTrue(ready.text().contains("\"restarts\":1"), ready.text());
        assertEquals(port, postgresPort(data), "the same port");
        assertNotEquals(first, postmasterPid(data));
        Response afterRestart = service.get("/api/change-notifications", "viewer");
        assertEquals(200, afterRestart.status(), afterRestart + service.logTail());

        // a cluster it cannot start again: two attempts, then liveness DOWN
        Path version = data.resolve("pg/PG_VERSION");
        Path aside = temp.resolve("PG_VERSION.aside");
        Files.move(version, aside);
        signal("KILL", postmasterPid(data));
        Response dead = awaitHealth(service, "/q/health/live", 503, Duration.ofSeconds(60));
        assertTrue(dead.text().contains("\"state\":\"GAVE_UP\""), dead.text());
        assertTrue(service.logTail().contains("gave up restarting it"), service.logTail());
        Files.move(aside, version);
        service.process().destroy();
        assertTrue(service.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS), service.logTail());
    }

    private Response health(Service service, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        // compact: the health report is pretty-printed
        return new Response(response.statusCode(), null, response.body().replaceAll("\\s+", ""));
    }

    private boolean ready(Service service) throws Exception {
        try {
            return health(service, "/q/health/ready").status() == 200;
        } catch (ConnectException | java.net.http.HttpTimeoutException notYet) {
            return false;
        }
    }

    private Response awaitHealth(Service service, String path, int status, Duration within) throws Exception {
        return awaitHealth(service, path, status, "", within);
    }

    /** The first answer of {@code path} with {@code status} whose (compacted) body holds {@code text}. */
    private Response awaitHealth(Service service, String path, int status, String text, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            last = health(service, path);
            if (last.status() == status && last.text().contains(text)) {
                return last;
            }
            Thread.sleep(100);
        }
        fail(path + " did not answer " + status + (text.isEmpty() ? "" : " with " + text) + " within " + within + "; last: " + last
                + service.logTail());
        return last;
    }

    private static int postgresPort(Path data) throws IOException {
        return Integer.parseInt(Files.readAllLines(data.resolve("pg/postmaster.pid")).get(3).trim());
    }

    /**
     * Defect 5 of issue 13: operator/operator and the others were active on 0.0.0.0 with no word. Now
     * a serve with no user configured does not start, and says how to configure one.
     */
    @Test
    void withoutUsersServeDoesNotStartAndSaysHowToConfigureThem() throws Exception {
        Files.delete(temp.resolve("config/application.properties"));
        Path data = temp.resolve("data");
        Process process = launch(data, freePort(), INVENTORY);
        assertTrue(process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "gave up");
        String log = Files.readString(temp.resolve("serve.log"), StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), log);
        // the first start says what it is doing before the seconds PostgreSQL's unpacking and initialization take (issue 17)
        assertTrue(log.lines().anyMatch(line -> line.equals("serve: starting the embedded PostgreSQL in " + data.toAbsolutePath().normalize()
                + " (a first start unpacks and initializes it, which takes a while)")), log);
        assertTrue(log.lines().anyMatch(line -> line.startsWith("serve: starting the service: loading, validating and rendering the inventory at HEAD")),
                log);
        List<String> said = log.lines().filter(line -> line.startsWith("serve: the service did not start: ")).toList();
        assertEquals(1, said.size(), log);
        assertTrue(said.get(0).endsWith("no API users are configured, and there are no built-in passwords: add lgwan.auth.users.NAME.role and"
                + " lgwan.auth.users.NAME.password-hash (made by the hash-password command) to config/application.properties, or enable OIDC"
                + " (README \"Users and roles\"); serve --lab runs the demo with known users on loopback"), said.get(0));
        assertFalse(log.contains("\tat "), "no stack trace:\n" + log);
        waitUntil(() -> postgresOf(data).isEmpty(), Duration.ofSeconds(30));
        assertEquals(List.of(), postgresOf(data));
    }

    /**
     * The README's run command: {@code serve --lab} listens on loopback only, with its demo users (known
     * passwords, said loudly in the log); told to listen elsewhere with them, it does not start.
     */
    @Test
    void theLabsDemoUsersListenOnLoopbackOnly() throws Exception {
        Files.delete(temp.resolve("config/application.properties"));
        Path data = temp.resolve("data");
        int port = freePort();
        Process lab = launchLab(data, port);
        Service service = new Service(lab, port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready(service)) {
            assertTrue(lab.isAlive() && System.nanoTime() < deadline, "serve --lab did not get ready" + service.logTail());
            Thread.sleep(200);
        }
        String demo = Base64.getEncoder().encodeToString("operator:operator".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> asOperator = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/audit"))
                .header("Authorization", "Basic " + demo).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, asOperator.statusCode(), asOperator.body());
        assertTrue(service.logTail().contains("DEMO USERS: engineer/engineer, operator/operator, ci/ci and viewer/viewer (the operating body),"
                + " sapporo/sapporo (organization 011002) and hokkaido/hokkaido (prefecture 01), with known passwords, on 127.0.0.1 only"), service.logTail());
        Process ss = new ProcessBuilder("ss", "-Hltn", "sport = :" + port).redirectErrorStream(true).start();
        List<String> listening = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(line -> line.trim().split("\\s+")[3]).map(address -> address.replace("[::ffff:127.0.0.1]", "127.0.0.1")).toList();
        assertEquals(List.of("127.0.0.1:" + port), listening, "loopback only (Java may show it IPv4-mapped)");
        lab.destroy();
        assertTrue(lab.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));

        Process everywhere = launchLab(data, freePort(), "-Dquarkus.http.host=0.0.0.0");
        assertTrue(everywhere.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "gave up");
        String log = Files.readString(temp.resolve("serve.log"), StandardCharsets.UTF_8);
        assertEquals(1, everywhere.exitValue(), log);
        assertTrue(log.contains("the demo users of serve --lab have known passwords and listen on loopback only, not on 0.0.0.0"), log);
    }

    private Process launchLab(Path data, int port, String... jvmOptions) throws IOException {
        return launch(data, port, INVENTORY, List.of(jvmOptions), "--lab");
    }

    @Test
    void missingInventoryIsAUsageErrorInOneLine() throws Exception {
        Path data = temp.resolve("data");
        Path missing = temp.resolve("no-such-inventory");
        Process process = launch(data, freePort(), missing);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String err = Files.readString(temp.resolve("serve.log"), StandardCharsets.UTF_8);
        assertEquals(2, process.exitValue(), err);
        assertEquals(List.of("serve: no inventory folder at " + missing), err.lines().toList());
        assertFalse(Files.exists(data), "no database was started");
    }

    @Test
    void aStartThatFailsSaysWhyAndStopsItsPostgres() throws Exception {
        Path data = temp.resolve("data");
        // a port in use is refused before anything starts (issue 17): exit 2, one line naming --port, no PostgreSQL
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            Process process = launch(data, taken.getLocalPort(), INVENTORY);
            assertTrue(process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "gave up");
            String log = Files.readString(temp.resolve("serve.log"), StandardCharsets.UTF_8);
            assertEquals(2, process.exitValue(), log);
            assertEquals(List.of("serve: --port " + taken.getLocalPort() + ": cannot listen on 0.0.0.0:" + taken.getLocalPort()
                    + " (Address already in use): another serve, or another program, has it; stop it or give another --port"), log.lines().toList());
            assertFalse(Files.exists(data), "no database was started");
        }
        // a start that fails once its PostgreSQL runs (nothing valid to serve) says why in one line and stops it
        Path repository = temp.resolve("repo");
        TestInventory.sampleRepository(repository);
        TestInventory.commit(repository, "inventory/organizations/011002-sapporo.yaml", text -> text.replace("code: \"011002\"", "code: \"011003\""),
                "wrong check digit");
        Files.delete(temp.resolve("serve.log"));
        Process process = launch(data, freePort(), repository.resolve("inventory"), repository.resolve("templates"), List.of());
        assertTrue(process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "gave up");
        String log = Files.readString(temp.resolve("serve.log"), StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), log);
        List<String> said = log.lines().filter(line -> line.startsWith("serve: the service did not start: ")).toList();
        assertEquals(1, said.size(), log);
        assertTrue(said.get(0).contains("local-government-code-check-digit"), said.get(0));
        assertFalse(log.contains("\tat "), "no stack trace:\n" + log);
        assertTrue(Files.exists(data.resolve("pg")), "its PostgreSQL had started:\n" + log);
        assertFalse(Files.exists(data.resolve("pg/postmaster.pid")));
        assertEquals(List.of(), postgresOf(data));
    }

    /**
     * Issue 13, defect 8: a bad commit on the branch after a crash left the service unable to start.
     * It starts on the last revision it served (recorded in its PostgreSQL), says so in
     * /api/inventory and health, starts no window, and serves HEAD again once a fix is reloaded.
     */
    @Test
    void aStartOnAnInvalidHeadServesTheLastGoodRevisionAndStartsNoWindow() throws Exception {
        Path repository = temp.resolve("repo");
        TestInventory.sampleRepository(repository);
        Path inventory = repository.resolve("inventory");
        Path templates = repository.resolve("templates");
        Path data = temp.resolve("data");
        int port = freePort();

        Service first = start(data, port, inventory, templates);
        String good = first.get("/api/inventory", "viewer").body().get("commit").asText();
        first.process().destroy();
        assertTrue(first.process().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS), first.logTail());

        String template = "templates/nec-ix/router.ftl";
        String bad = TestInventory.commit(repository, template, text -> "${no_such_value}\n" + text, "NEC: does not render");
        Service second = start(data, port, inventory, templates);
        JsonNode status = second.get("/api/inventory", "viewer").body();
        assertEquals(good, status.get("commit").asText(), status.toString());
        assertTrue(status.get("serving_last_good").asBoolean(), status.toString());
        assertEquals(bad, status.get("head_refused").get("head").asText(), status.toString());
        assertTrue(status.get("head_refused").get("errors").get(0).asText().startsWith(template + ":1:3: template-error: "), status.toString());
        assertTrue(second.logTail().contains("HEAD " + bad + " cannot be served"), second.logTail());

        HttpResponse<String> well = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/well")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, well.statusCode(), well.body());
        // among the other checks (the console's live events, service desk, renders), the inventory's says why
        JsonNode check = null;
        for (JsonNode each : json.readTree(well.body()).get("checks")) {
            if (each.get("name").asText().equals("inventory")) {
                check = each;
            }
        }
        assertNotNull(check, well.body());
        assertEquals("DOWN", check.get("status").asText(), well.body());
        assertEquals(bad, check.get("data").get("head").asText(), well.body());
        assertEquals(good, check.get("data").get("served").asText(), well.body());

        // no window starts: one by hand is refused (a legal power inspection: it has work without a notification, the return
        // checks, so the only refusal is the inventory's)
        OffsetDateTime now = MovableClock.nowInJapan().withNano(0).minusMinutes(1);
        Response requested = second.post("/api/outages", "engineer", """
                {"routers": ["%s"], "window_start": "%s", "window_end": "%s", "reason": "LEGAL_POWER_INSPECTION"}""".formatted(ROUTER, now,
                now.plusMinutes(30)));
        assertEquals(201, requested.status(), requested.toString());
        long outage = requested.body().get("id").asLong();
        assertEquals(200, second.post("/api/outages/" + outage + "/approve", "operator", null).status());
        Response refused = second.post("/api/outages/" + outage + "/start", "operator", null);
        assertEquals(409, refused.status(), refused.toString());
        assertTrue(refused.body().get("type").asText().endsWith("/inventory-head-invalid"), refused.toString());

        // a fix, reloaded: HEAD is served, and the window starts
        String fixed = TestInventory.commit(repository, template, text -> text.replace("${no_such_value}\n", ""), "NEC: renders again");
        Response reloaded = second.post("/api/inventory/reload", "engineer", null);
        assertEquals(200, reloaded.status(), reloaded.toString());
        assertEquals(fixed, reloaded.body().get("commit").asText());
        assertFalse(reloaded.body().get("serving_last_good").asBoolean(), reloaded.toString());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/well")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(202, second.post("/api/outages/" + outage + "/start", "operator", null).status());
    }

    private void assertStillThere(Service service, long notification, long outage) throws Exception {
        Response n = service.get("/api/change-notifications/" + notification, "viewer");
        assertEquals(200, n.status(), n.toString());
        assertEquals("SCHEDULED", n.body().get("state").asText(), n.toString());
        assertEquals(outage, n.body().get("outage_id").asLong());
        assertEquals(SAPPORO, n.body().get("organization_code").asText());
        Response o = service.get("/api/outages/" + outage, "viewer");
        assertEquals(200, o.status(), o.toString());
        assertEquals("APPROVED", o.body().get("status").asText(), o.toString());
        assertEquals("operator", o.body().get("approved_by").asText());
        assertEquals(1, service.get("/api/change-notifications", "viewer").body().get("total").asInt());
        assertEquals(2, service.get("/api/outages", "viewer").body().get("total").asInt());
    }

    private static String filing(LocalDate effective) {
        return filing(effective, "HEAD");
    }

    /** The README's filing: Sapporo's carrier line from 1000 to 500 Mbps, the ONU staying in auto as the carrier confirmed. */
    private static String filing(LocalDate effective, String revision) {
        return """
                {"organization_code": "%s", "inventory_revision": "%s", "items": [{"kind": "ACCESS_LINE_SPEED",
                 "description": "carrier line 1000 to 500 Mbps", "access_line": "sapporo-carrier-1", "bandwidth_mbps": 500,
                 "termination_device_mode": "auto"}], "effective_date": "%s"}"""
                .formatted(SAPPORO, revision, effective);
    }

    // --- the service as a process

    record Response(int status, JsonNode body, String text) {
        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    /** One run of {@code serve}; every run of a test appends to the same log. */
    final class Service {
        private final Process process;
        private final int port;

        Service(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        Process process() {
            return process;
        }

        Response get(String path, String user) throws Exception {
            return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET(), user);
        }

        Response post(String path, String user, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            return send(request, user);
        }

        String logTail() {
            try {
                List<String> lines = Files.readAllLines(temp.resolve("serve.log"), StandardCharsets.UTF_8);
                return "\n--- service log (tail) ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "\n(no service log: " + e + ")";
            }
        }
    }

    private Response send(HttpRequest.Builder request, String user) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password(user)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(request.header("Authorization", "Basic " + credentials).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return new Response(response.statusCode(), text.isBlank() ? null : json.readTree(text), text);
    }

    private Process launch(Path data, int port, Path inventory, String... jvmOptions) throws IOException {
        return launch(data, port, inventory, TEMPLATES, List.of(jvmOptions));
    }

    private Process launch(Path data, int port, Path inventory, List<String> jvmOptions, String... serveOptions) throws IOException {
        return launch(data, port, inventory, TEMPLATES, jvmOptions, serveOptions);
    }

    private Process launch(Path data, int port, Path inventory, Path templates, List<String> jvmOptions, String... serveOptions)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.add("-Dlgwan.inventory.as-of=" + TestInventory.AS_OF); // the sample's earliest OS releases end on 2029-03-31
        command.add(MovableClock.startsAtOption()); // and the service's clock reads that day, as in the service tests
        command.addAll(List.of("-jar", JAR.toString(),
                "serve", "--inventory", inventory.toString(), "--templates", templates.toString(), "--data", data.toString(), "--port", Integer.toString(port)));
        command.addAll(List.of(serveOptions));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(temp.resolve("serve.log").toFile()));
        // the embedded database, not whatever an outer environment points at
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_"));
        Process process = builder.start();
        started.add(process);
        dataDirs.add(data);
        return process;
    }

    private Service start(Path data, int port, String... jvmOptions) throws Exception {
        return start(data, port, INVENTORY, TEMPLATES, jvmOptions);
    }

    private Service start(Path data, int port, Path inventory, Path templates, String... jvmOptions) throws Exception {
        Process process = launch(data, port, inventory, templates, List.of(jvmOptions));
        Service service = new Service(process, port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("serve exited with " + process.exitValue() + " before it was ready" + service.logTail());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return service;
                }
            } catch (ConnectException | java.net.http.HttpTimeoutException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        fail("not ready within " + START_TIMEOUT + service.logTail());
        return service;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // --- PostgreSQL processes, from /proc

    private static long postmasterPid(Path data) throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("pg/postmaster.pid")).get(0).trim());
    }

    private static void signal(String signal, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor(), "kill -" + signal + " " + pid);
    }

    /** A live process (not a zombie waiting for init to reap it). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Live postmasters whose command line names this data directory. */
    private static List<Long> postgresOf(Path data) throws IOException {
        String cluster = data.toAbsolutePath().normalize().resolve("pg").toString();
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            for (Path entry : proc.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String command = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    long pid = Long.parseLong(entry.getFileName().toString());
                    if (command.contains("postgres") && command.contains("-D " + cluster + " ") && running(pid)) {
                        pids.add(pid);
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        return pids;
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Condition condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
