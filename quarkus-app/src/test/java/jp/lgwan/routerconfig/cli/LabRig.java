package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import jp.lgwan.routerconfig.database.EmbeddedDatabase;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.testing.MovableClock;
import jp.lgwan.routerconfig.lab.LabDirectoryFile;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * What the process-level tests of the lab share: a git repository of their own with a copy of the
 * sample inventory and templates, a {@code lab} process and {@code serve} processes of the packaged
 * jar, each run as a user runs it, and the REST calls an engineer and an operator make to push a
 * change in a window that opens now. {@link #close()} ends every process it started (and the
 * PostgreSQL of a {@code serve} killed with -9), whatever happened.
 */
public final class LabRig implements AutoCloseable {

    static final Path JAR = Paths.get(System.getProperty("app.runner", "quarkus-app/target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path root;
    public final Path repository;
    final Path labDir;
    private final List<JarProcess> processes = new ArrayList<>();
    private final List<Path> dataDirs = new ArrayList<>();

    public LabRig(Path root) throws Exception {
        this.root = root;
        this.repository = root.resolve("repo");
        this.labDir = root.resolve("lab");
        TestInventory.sampleRepository(repository);
    }

    private static PersonIdent engineer() {
        return new PersonIdent("Test Engineer", "engineer@example.invalid");
    }

    // ---- processes -------------------------------------------------------------------------------

    /** One process of the packaged jar, its output in files under the rig. */
    public final class JarProcess {
        final String name;
        public final Process process;
        public final Path out;
        public final Path err;

        JarProcess(String name, List<String> jvmOptions, List<String> args) throws IOException {
            this.name = name;
            List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", JAR.toString()));
            command.addAll(args);
            out = root.resolve(name + ".out");
            err = root.resolve(name + ".err");
            // in the rig's folder: no config/ or secrets/ of the project's working tree is read
            process = new ProcessBuilder(command).directory(root.toFile()).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile())).start();
            processes.add(this);
        }

        long pid() {
            return process.pid();
        }

        public String output() {
            try {
                return "---- " + name + " stdout (tail)\n" + tail(out) + "\n---- " + name + " stderr (tail)\n" + tail(err);
            } catch (IOException e) {
                return name + ": " + e;
            }
        }

        /** kill -9: no shutdown hook runs, nothing is closed. */
        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL on Linux
            process.waitFor(30, TimeUnit.SECONDS);
        }

        /** SIGTERM, as an operator stops it; SIGKILL if it does not end in 30 s. */
        void stop() throws InterruptedException {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** Starts {@code lab} for the repository's inventory and waits for its directory file. */
    JarProcess startLab(String... jvmOptions) throws Exception {
        JarProcess lab = new JarProcess("lab", List.of(jvmOptions), List.of("lab", "--inventory", repository.resolve("inventory").toString(),
                "--templates", repository.resolve("templates").toString(), "--dir", labDir.toString(), "--as-of", TestInventory.AS_OF.toString()));
        await("the lab's directory file", Duration.ofSeconds(60), lab, () -> Files.isRegularFile(labDir.resolve(LabDirectoryFile.FILE)));
        return lab;
    }

    LabDirectoryFile labDirectory() throws IOException {
        return LabDirectoryFile.read(labDir).orElseThrow();
    }

    /** A running {@code serve}: its process and its REST API. */
    public final class Service {
        public final JarProcess process;
        final int port;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Service(JarProcess process, int port) {
            this.process = process;
            this.port = port;
        }

        public JsonNode get(String user, String path) throws Exception {
            return send(user, HttpRequest.newBuilder(uri(path)).GET(), 200);
        }

        public JsonNode post(String user, String path, Object body, int expected) throws Exception {
            String text = body == null ? "" : JSON.writeValueAsString(body);
            return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text)), expected);
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private JsonNode send(String user, HttpRequest.Builder request, int expected) throws Exception {
            String basic = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(request.header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(expected, response.statusCode(), response.request().method() + " " + response.uri() + ": " + response.body());
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        }

        boolean ready() {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        public JsonNode job(long id) throws Exception {
            return get("operator", "/api/jobs/" + id);
        }

        /** Waits until the job is finished (all its routers done) and returns it. */
        public JsonNode finished(long jobId, Duration within) throws Exception {
            await("job " + jobId + " finished", within, process, () -> {
                try {
                    return !job(jobId).path("finished_at").isNull();
                } catch (Exception e) {
                    return false;
                }
            });
            return job(jobId);
        }
    }

    /**
     * Starts {@code serve --lab-dir} of the rig's lab on {@code data} (its embedded PostgreSQL, unless
     * a JDBC URL is among {@code jvmOptions}) and waits until it answers.
     */
    Service startServe(String name, Path data, List<String> jvmOptions) throws Exception {
        return serve(name, data, jvmOptions, List.of("--lab-dir", labDir.toString()));
    }

    /**
     * Starts {@code serve} as in production (no lab: the inventory's routers at their management
     * addresses, the credential store of {@code lgwan.secrets-dir} among {@code jvmOptions}) and
     * waits until it answers.
     */
    public Service startServeOnRealRouters(String name, Path data, List<String> jvmOptions) throws Exception {
        // production has no built-in users: the rig's users (password = name, as Service sends them) are configured as
        // an operator would, with hashes of the product's own form (few iterations: a test's logins stay fast)
        List<String> options = new ArrayList<>(jvmOptions);
        for (String user : List.of("engineer", "operator", "viewer")) {
            options.add("-Dlgwan.auth.users." + user + ".role=" + user);
            options.add("-Dlgwan.auth.users." + user + ".password-hash="
                    + jp.lgwan.routerconfig.security.PasswordHash.of(user.toCharArray(), 1000));
        }
        return serve(name, data, options, List.of());
    }

    private Service serve(String name, Path data, List<String> jvmOptions, List<String> routers) throws Exception {
        int port = freePort();
        dataDirs.add(data);
        List<String> args = new ArrayList<>(List.of("serve", "--inventory", repository.resolve("inventory").toString(),
                "--templates", repository.resolve("templates").toString(), "--data", data.toString(), "--port", Integer.toString(port)));
        args.addAll(routers);
        // no scheduled backup collection: on NEC IX a collection's show holds the configuration mode a push of the test needs
        // (a test that wants one sets lgwan.backup.schedule itself, or collects through the API)
        List<String> options = new ArrayList<>(List.of("-Dlgwan.backup.schedule=off"));
        options.addAll(jvmOptions);
        options.add("-Dlgwan.inventory.as-of=" + TestInventory.AS_OF); // the sample's earliest OS releases end on 2029-03-31
        options.add(MovableClock.startsAtOption()); // and the service's clock reads that day, as in the service tests
        JarProcess process = new JarProcess(name, options, args);
        Service service = new Service(process, port);
        await(name + " ready", Duration.ofSeconds(120), process, service::ready);
        return service;
    }

    /** A free port below the ephemeral range, which the lab's listeners and every outgoing connection draw from. */
    static int freePort() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another one
            }
        }
        throw new IOException("no free port between 20000 and 32000");
    }

    // ---- as an engineer and an operator work ------------------------------------------------------

    /**
     * Commits a change to the descriptions of every access line of {@code organizationFiles}
     * (" v2", " v3", ...: a change each router verifies and that needs no outage); the commit id.
     */
    String commitDescriptions(List<String> organizationFiles, String suffix) throws Exception {
        try (Git git = Git.open(repository.toFile())) {
            for (String file : organizationFiles) {
                Path path = repository.resolve("inventory/organizations").resolve(file);
                String before = Files.readString(path);
                String after = before.replaceAll("(?m)^(\\s*description: LGWAN (?:carrier line|prefecture WAN) [a-z0-9-]+)( v\\d+)?$", "$1 " + suffix);
                assertNotEquals(before, after, "no description changed in " + file);
                Files.writeString(path, after);
                git.add().addFilepattern("inventory/organizations/" + file).call();
            }
            return git.commit().setMessage("descriptions " + suffix).setAuthor(engineer()).setCommitter(engineer()).setSign(false).call().getName();
        }
    }

    /** An approved window that opened a moment ago over {@code routers}, each organization's change scheduled into it; the outage id. */
    public static long windowNow(Service service, String revision, List<String> organizations, List<String> routers) throws Exception {
        List<Long> notifications = new ArrayList<>();
        for (String organization : organizations) {
            Map<String, Object> filing = new LinkedHashMap<>();
            filing.put("organization_code", organization);
            filing.put("items", List.of(Map.of("kind", "ROUTER_SETTINGS", "description", "line descriptions")));
            filing.put("effective_date", MovableClock.todayInJapan().toString());
            filing.put("inventory_revision", revision);
            filing.put("emergency_reason", "test: a window opening now");
            long id = service.post("operator", "/api/change-notifications", filing, 201).get("id").asLong();
            service.post("operator", "/api/change-notifications/" + id + "/accept", Map.of(), 200);
            notifications.add(id);
        }
        OffsetDateTime now = MovableClock.nowInJapan();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("routers", routers);
        request.put("window_start", now.minusSeconds(20).toString());
        request.put("window_end", now.plusMinutes(30).toString());
        request.put("reason", "OTHER");
        long outage = service.post("engineer", "/api/outages", request, 201).get("id").asLong();
        service.post("operator", "/api/outages/" + outage + "/approve", null, 200);
        for (long id : notifications) {
            service.post("operator", "/api/change-notifications/" + id + "/schedule", Map.of("outage_id", outage), 200);
        }
        return outage;
    }

    /** The operator starts the window by hand; the job's id. */
    public static long start(Service service, long outage) throws Exception {
        return service.post("operator", "/api/outages/" + outage + "/start", null, 202).get("id").asLong();
    }

    public static Map<String, JsonNode> routersOf(JsonNode job) {
        Map<String, JsonNode> routers = new java.util.TreeMap<>();
        job.get("routers").forEach(r -> routers.put(r.get("hostname").asText(), r));
        return routers;
    }

    public static List<String> stepNames(JsonNode router) {
        List<String> names = new ArrayList<>();
        router.get("steps").forEach(s -> names.add(s.get("name").asText()));
        return names;
    }

    static Map<String, Long> byState(JsonNode job) {
        Map<String, Long> states = new java.util.TreeMap<>();
        job.get("routers").forEach(r -> states.merge(r.get("state").asText(), 1L, Long::sum));
        return states;
    }

    // ---- waiting and cleaning up ------------------------------------------------------------------

    public static void await(String what, Duration within, JarProcess process, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.get()) {
            if (process != null && !process.process.isAlive()) {
                throw new AssertionError(process.name + " ended (status " + process.process.exitValue() + ") before: " + what + "\n" + process.output());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what + (process == null ? "" : "\n" + process.output()));
            }
            Thread.sleep(200);
        }
    }

    public String outputs() {
        StringBuilder all = new StringBuilder();
        processes.forEach(p -> all.append(p.output()).append('\n'));
        return all.toString();
    }

    /** Stops every process in reverse order of start, then any PostgreSQL a killed {@code serve} left running. */
    @Override
    public void close() throws Exception {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop();
        }
        for (Path data : dataDirs) {
            EmbeddedDatabase.stopStaleServer(data);
        }
    }
}
