package jp.lgwan.routerconfig.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.security.PasswordHash;

/**
 * The service as an operator starts it: {@code serve} on a generated fleet committed to git, with
 * its embedded PostgreSQL. Start time is from the process's start to the first 200 of
 * /q/health/ready; then concurrent clients load two endpoints.
 */
final class ServiceBench {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");
    /** JVM options for a smaller footprint, measured as a third start to show the memory floor (not used for the load). */
    static final List<String> SMALL_HEAP = List.of("-XX:+UseSerialGC", "-Xmx192m");
    private static final String SMALL_HEAP_START = "restart with " + String.join(" ", SMALL_HEAP);
    private static final String FIRST_START = "first start (PostgreSQL unpacked and initialized)";
    /** The restart the load runs on: the inventory from the snapshot the first start left (LiveInventory, issue 18). */
    private static final String RESTART = "restart (data kept; inventory from its snapshot)";
    private static final String RESTART_COLD = "restart, inventory snapshot deleted (parsed, validated and rendered again)";
    /** The bench's own API user, an engineer (serve has no built-in one): a random password, hashed as hash-password does. */
    private final String password = java.util.UUID.randomUUID().toString();
    final List<String> user = List.of("-Dlgwan.auth.users.bench.role=engineer", "-Dlgwan.auth.users.bench.password-hash="
            + PasswordHash.of(password.toCharArray(), PasswordHash.DEFAULT_ITERATIONS));
    final String engineer = "Basic " + Base64.getEncoder().encodeToString(("bench:" + password).getBytes(StandardCharsets.US_ASCII));

    private final Bench bench;
    private final Bench.Settings s;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    ServiceBench(Bench bench) {
        this.bench = bench;
        this.s = bench.settings;
    }

    /** @param cpuMillis the service's CPU (user + system, its JVM alone) until its first ready 200: less bent by other processes than the wall */
    private record Start(String kind, long millis, long cpuMillis, String quarkusSays, long javaRssKib, long postgresRssKib) {
    }

    private record Load(String endpoint, int requests, int clients, long wallMillis, long p50Micros, long p99Micros, long maxMicros, int errors,
                        String firstError) {
    }

    /**
     * The service validates the generated fleet as of {@code --as-of} and its clock reads that day (ten in the morning
     * in Japan), as the fleet's OS releases were chosen for it: on a later day they may have reached their end of
     * support, and the filings would be refused.
     */
    List<String> onTheFleetsDay() {
        return List.of("-Dlgwan.inventory.as-of=" + s.asOf(),
                "-Dlgwan.clock.starts-at=" + s.asOf().atTime(10, 0).atZone(ZoneId.of("Asia/Tokyo")).toOffsetDateTime());
    }

    void run(Report report) throws IOException, InterruptedException {
        int organizations = Bench.organizationsFor(s.serviceRouters());
        int routers = Bench.routersOf(organizations);
        bench.progress("service: " + routers + " routers");
        Path dir = s.work().resolve("service");
        Path generated = dir.resolve("generated");
        bench.generate(generated, organizations, "");
        Path repo = bench.repository(dir.resolve("repo"), generated);
        Inventory inventory = Workers.load(repo.resolve("inventory"), s.asOf());
        Path data = dir.resolve("data");

        List<Start> starts = new ArrayList<>();
        List<Load> loads = new ArrayList<>();
        long javaPeakKib = 0;
        long javaAfterKib = 0;
        long postgresAfterKib = 0;
        for (String kind : List.of(FIRST_START, RESTART, RESTART_COLD, SMALL_HEAP_START)) {
            int port = freePort();
            bench.progress("  " + kind);
            long started = System.nanoTime();
            List<String> jvm = new ArrayList<>(user);
            jvm.addAll(onTheFleetsDay());
            if (kind.equals(SMALL_HEAP_START)) {
                jvm.addAll(SMALL_HEAP);
            }
            if (kind.equals(RESTART_COLD)) {
                Bench.delete(data.resolve("inventory-snapshots"));
            }
            Child.Started serve = bench.child.start("serve", bench.child.app(jvm, "serve", "--inventory", repo.resolve("inventory").toString(),
                    "--templates", repo.resolve("templates").toString(), "--data", data.toString(), "--port", Integer.toString(port)));
            try {
                long millis = waitReady(serve, port, started);
                long pid = serve.process().pid();
                long cpu = ProcStats.of(pid).map(ProcStats::cpuMillis).orElse(0L);
                Thread.sleep(500); // whatever the service finishes right after its first answer
                starts.add(new Start(kind, millis, cpu, quarkusSays(serve), ProcStats.of(pid).map(ProcStats::rssKib).orElse(0L), postgresRss(data)));
                if (kind.equals(RESTART)) {
                    List<String> hostnames = inventory.organizations().stream().flatMap(o -> o.routers().stream())
                            .map(ConnectionRouter::hostname).toList();
                    List<String> codes = inventory.organizations().stream().map(Organization::code).toList();
                    SplittableRandom random = new SplittableRandom(s.seed());
                    String effective = s.asOf().plusDays(21).toString();
                    IntFunction<HttpRequest> get = i -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/routers/"
                            + hostnames.get(random.nextInt(hostnames.size())))).header("Authorization", engineer).GET().build();
                    IntFunction<HttpRequest> post = i -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/change-notifications"))
                            .header("Authorization", engineer).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"organization_code\": \"" + codes.get(random.nextInt(codes.size()))
                                    + "\", \"items\": [{\"kind\": \"ROUTER_SETTINGS\", \"description\": \"bench\"}], \"effective_date\": \""
                                    + effective + "\"}")).build();
                    int warmUp = Math.max(10, s.requests() / 5);
                    bench.progress("  load: GET /api/routers/{hostname}");
                    load("GET warm-up", get, warmUp, 200);
                    loads.add(load("GET /api/routers/{hostname}", get, s.requests(), 200));
                    bench.progress("  load: POST /api/change-notifications");
                    load("POST warm-up", post, warmUp, 201);
                    loads.add(load("POST /api/change-notifications", post, s.requests(), 201));
                    ProcStats after = ProcStats.of(pid).orElse(new ProcStats(0, 0, 0, 0));
                    javaAfterKib = after.rssKib();
                    javaPeakKib = after.peakRssKib();
                    postgresAfterKib = postgresRss(data);
                }
            } finally {
                serve.process().destroy();
                if (!serve.process().waitFor(60, TimeUnit.SECONDS)) {
                    serve.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        write(report, routers, starts, loads, javaAfterKib, javaPeakKib, postgresAfterKib);
        Bench.delete(dir);
    }

    long waitReady(Child.Started serve, int port, long started) throws IOException, InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = started + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            if (!serve.process().isAlive()) {
                throw new IOException("serve exited with " + serve.process().exitValue() + ": " + Child.tail(serve.stderr()));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("serve was not ready within 3 min: " + Child.tail(serve.stderr()));
            }
            Thread.sleep(10);
        }
    }

    /** {@code requests} requests from {@link Bench.Settings#clients()} concurrent clients, each waiting for its answer before the next. */
    private Load load(String name, IntFunction<HttpRequest> requestFor, int requests, int expected) throws InterruptedException {
        long[] micros = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService clients = Executors.newFixedThreadPool(s.clients());
        long started = System.nanoTime();
        for (int c = 0; c < s.clients(); c++) {
            clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    HttpRequest request;
                    synchronized (requestFor) {
                        request = requestFor.apply(i);
                    }
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != expected) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, response.statusCode() + " " + response.body());
                        }
                    } catch (IOException | InterruptedException e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                    micros[i] = (System.nanoTime() - t0) / 1000;
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.MINUTES);
        long wall = (System.nanoTime() - started) / 1_000_000;
        long[] sorted = Workers.sorted(micros);
        return new Load(name, requests, s.clients(), wall, Workers.quantile(sorted, 0.5), Workers.quantile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1], errors.get(), firstError.get());
    }

    /** PostgreSQL's postmaster and its backends (the pid in postmaster.pid and its descendants), shared memory once. */
    static long postgresRss(Path data) {
        try {
            List<String> pidFile = Files.readAllLines(data.resolve("pg").resolve("postmaster.pid"));
            return ProcStats.treePssKib(Long.parseLong(pidFile.get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String quarkusSays(Child.Started serve) {
        for (Path file : List.of(serve.stdout(), serve.stderr())) {
            try {
                Matcher m = STARTED.matcher(Files.readString(file, StandardCharsets.UTF_8));
                if (m.find()) {
                    return m.group(1) + " s";
                }
            } catch (IOException e) {
                // look in the other
            }
        }
        return "–";
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }


    private void write(Report report, int routers, List<Start> starts, List<Load> loads, long javaAfterKib, long javaPeakKib, long postgresAfterKib) {
        report.heading(2, "Service: start, memory, latency under load");
        report.paragraph("`serve` (Quarkus, embedded PostgreSQL in `--data`, Quartz) on a generated fleet of " + Report.count(routers)
                + " routers committed to git; its first start loads, validates and renders the inventory at HEAD and leaves a snapshot of it"
                + " in `--data`, which a restart at the same HEAD reads instead (the third start deletes it first). Start = from the process's start"
                + " to the first 200 of `/q/health/ready` (the JVM, PostgreSQL's start, Flyway, the inventory, Quartz and HTTP included);"
                + " \"Quarkus says\" is its own `started in` (after PostgreSQL is up); the service's CPU (user + system of its JVM, PostgreSQL"
                + " apart) until the first ready 200 is what other processes on the machine bend least.");
        Report.Rows rows = new Report.Rows("start", "to first ready 200", "service CPU until then", "Quarkus says", "service RSS when ready",
                "PostgreSQL (all its processes, PSS)");
        for (Start start : starts) {
            rows.add(start.kind(), Report.seconds(start.millis()), Report.seconds(start.cpuMillis()), start.quarkusSays(), Report.mib(start.javaRssKib()),
                    Report.mib(start.postgresRssKib()));
        }
        report.table(rows.rows());
        report.paragraph(s.clients() + " concurrent clients (`java.net.http`, HTTP/1.1 keep-alive, HTTP Basic, an engineer), each sending its next"
                + " request when the last is answered, in the bench's JVM on the same 2 cores; a warm-up of a fifth of the requests first."
                + " The POSTs file real change notifications (an organization of the fleet, effective in 21 days) into PostgreSQL.");
        Report.Rows loadRows = new Report.Rows("endpoint", "requests", "clients", "wall", "requests/s", "p50", "p99", "max", "errors");
        for (Load load : loads) {
            loadRows.add(load.endpoint(), Report.count(load.requests()), Integer.toString(load.clients()), Report.seconds(load.wallMillis()),
                    String.format(java.util.Locale.ROOT, "%,.0f", load.requests() * 1000.0 / Math.max(1, load.wallMillis())),
                    String.format(java.util.Locale.ROOT, "%.1f ms", load.p50Micros() / 1000.0), String.format(java.util.Locale.ROOT, "%.1f ms", load.p99Micros() / 1000.0),
                    String.format(java.util.Locale.ROOT, "%.1f ms", load.maxMicros() / 1000.0), Integer.toString(load.errors()));
        }
        report.table(loadRows.rows());
        List<String> errors = loads.stream().filter(l -> l.firstError() != null).map(l -> l.endpoint() + ": " + l.firstError()).toList();
        if (!errors.isEmpty()) {
            report.paragraph("First error per endpoint:");
            report.bullets(errors);
        }
        report.paragraph("After the load: service RSS " + Report.mib(javaAfterKib) + " (peak " + Report.mib(javaPeakKib) + "), PostgreSQL "
                + Report.mib(postgresAfterKib) + " (PSS: its shared buffers counted once). The last start runs with " + String.join(" ", SMALL_HEAP)
                + " and serves no load: what the service holds when the JVM is told to stay small.");
        for (Start start : starts.stream().filter(st -> !st.kind().equals(SMALL_HEAP_START)).toList()) {
            bench.target("service start, " + start.kind(), "< 2 s", Report.seconds(start.millis()) + " (Quarkus says " + start.quarkusSays() + ")",
                    start.millis() < 2000);
        }
        bench.target("service RSS with " + Report.count(routers) + " routers loaded", "< 300 MB", Report.mib(javaAfterKib) + " after the load (peak "
                + Report.mib(javaPeakKib) + "), PostgreSQL " + Report.mib(postgresAfterKib) + " more", javaAfterKib * 1024 < 300_000_000L);
        starts.stream().filter(st -> st.kind().equals(SMALL_HEAP_START)).findFirst().ifPresent(st -> bench.target("service RSS with "
                + Report.count(routers) + " routers loaded, " + String.join(" ", SMALL_HEAP), "< 300 MB", Report.mib(st.javaRssKib()) + " when ready",
                st.javaRssKib() * 1024 < 300_000_000L));
    }
}
