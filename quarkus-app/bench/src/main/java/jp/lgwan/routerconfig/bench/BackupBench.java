package jp.lgwan.routerconfig.bench;

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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.SshCli;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.lab.LabProcessDirectory;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.render.InventoryDiff;

/**
 * A backup-and-drift collection of a lab fleet by the service, as issue 17 asks it measured: {@code serve --lab-dir} on a
 * generated fleet of IOS-XE routers whose lab runs in a process of its own, collected organization by organization over
 * {@code POST /api/backups/collect} from {@link #COLLECTORS} concurrent clients (the collector's own pool,
 * {@code lgwan.backup.concurrency}, reads the routers). One first collection (every router a new version), then rounds
 * each after a hand change on 1 % of the routers through their SSH CLI (a banner line: a new version, no drift), with the
 * size of {@code router_backup} in PostgreSQL after each.
 */
final class BackupBench {

    /** Clients asking for collections at once: the collector's default pool (16) is what bounds the routers read at once. */
    private static final int COLLECTORS = 16;

    private final Bench bench;
    private final Bench.Settings s;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    /** The service as ServiceBench starts it: its API user, its clock on the fleet's day. */
    private final ServiceBench service;

    BackupBench(Bench bench) {
        this.bench = bench;
        this.s = bench.settings;
        this.service = new ServiceBench(bench);
    }

    /** One collection of the whole fleet, measured from outside. */
    private record Round(int round, int changedByHand, long wallMillis, long serviceCpuMillis, long labCpuMillis, long serviceRssKib,
                         long postgresPssKib, int collected, int skipped, int newVersions, int drifted, int unreachable, long versions,
                         long tableBytes, long configBytes, String firstError) {
    }

    void run(Report report) throws IOException, InterruptedException {
        int organizations = Bench.organizationsFor(s.backupRouters());
        bench.progress("backup: " + Bench.routersOf(organizations) + " routers");
        Path dir = s.work().resolve("backup");
        Path generated = dir.resolve("generated");
        bench.generate(generated, organizations, WindowBench.PROFILE);
        Path repo = bench.repository(dir.resolve("repo"), generated);
        Inventory inventory = Workers.load(repo.resolve("inventory"), s.asOf());
        List<String> codes = inventory.organizations().stream().map(Organization::code).toList();
        List<ConnectionRouter> routers = inventory.organizations().stream().flatMap(o -> o.routers().stream()).toList();
        WindowBench windows = new WindowBench(bench);
        WindowBench.Lab lab = windows.startLab(repo.resolve("inventory"), routers.size(), WindowBench.Condition.NEAR);
        Path data = dir.resolve("data");
        List<Round> rounds = new ArrayList<>();
        long peakRssKib = 0;
        try {
            int port = ServiceBench.freePort();
            List<String> jvm = new ArrayList<>(service.user);
            jvm.addAll(service.onTheFleetsDay());
            bench.progress("  serve --lab-dir");
            Child.Started serve = bench.child.start("serve-backup", bench.child.app(jvm, "serve", "--inventory", repo.resolve("inventory").toString(),
                    "--templates", repo.resolve("templates").toString(), "--data", data.toString(), "--lab-dir", lab.directory().toString(), "--port",
                    Integer.toString(port)));
            try {
                service.waitReady(serve, port, System.nanoTime());
                Dialect dialect = InventoryDiff.dialectOf(repo.resolve("templates"), WindowBench.PROFILE);
                LabProcessDirectory devices = new LabProcessDirectory(lab.directory());
                SplittableRandom random = new SplittableRandom(s.seed());
                int perRound = Math.max(1, routers.size() / 100);
                for (int round = 0; round <= s.backupRounds(); round++) {
                    int changed = 0;
                    if (round > 0) {
                        bench.progress("  round " + round + ": " + perRound + " routers changed by hand");
                        java.util.Set<Integer> chosen = new java.util.LinkedHashSet<>();
                        while (chosen.size() < perRound) {
                            chosen.add(random.nextInt(routers.size()));
                        }
                        for (int i : chosen) {
                            byHand(devices, dialect, routers.get(i).hostname(), round);
                        }
                        changed = perRound;
                    } else {
                        bench.progress("  first collection");
                    }
                    Round done = collect(round, changed, port, codes, serve.process().pid(), lab.pid(), data);
                    rounds.add(done);
                    bench.progress("    " + done);
                    peakRssKib = ProcStats.of(serve.process().pid()).map(ProcStats::peakRssKib).orElse(peakRssKib);
                }
            } finally {
                serve.process().destroy();
                if (!serve.process().waitFor(60, TimeUnit.SECONDS)) {
                    serve.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            windows.stop(lab);
        }
        write(report, routers.size(), rounds, peakRssKib);
        Bench.delete(dir);
    }

    /** An engineer's change on the router's CLI that the project does not own: a new version of its backup, no drift. */
    private static void byHand(LabProcessDirectory devices, Dialect dialect, String hostname, int round) throws IOException {
        try {
            DeviceAccess access = devices.access(hostname);
            try (SshCli cli = SshCli.open(access.ssh(), new SshCli.Dialect(dialect.cli().prompt(), dialect.cli().errors()), access.key(),
                    access.password())) {
                cli.command("configure terminal");
                cli.command("banner motd ^Cbench round " + round + "^C");
                cli.command("end");
            }
        } catch (DeviceException e) {
            throw new IOException("a hand change on " + hostname + ": " + e.getMessage(), e);
        }
    }

    private Round collect(int round, int changed, int port, List<String> codes, long servicePid, long labPid, Path data)
            throws IOException, InterruptedException {
        ProcStats serviceBefore = ProcStats.of(servicePid).orElse(new ProcStats(0, 0, 0, 0));
        ProcStats labBefore = ProcStats.of(labPid).orElse(new ProcStats(0, 0, 0, 0));
        AtomicInteger next = new AtomicInteger();
        int[] counts = new int[5]; // collected, skipped, new versions, drifted, unreachable
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService clients = Executors.newFixedThreadPool(COLLECTORS);
        long started = System.nanoTime();
        for (int c = 0; c < COLLECTORS; c++) {
            clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < codes.size(); i = next.getAndIncrement()) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/backups/collect?organization="
                            + codes.get(i))).header("Authorization", service.engineer).POST(HttpRequest.BodyPublishers.noBody()).build();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            firstError.compareAndSet(null, response.statusCode() + " " + response.body());
                            continue;
                        }
                        count(json.readTree(response.body()), counts);
                    } catch (IOException | InterruptedException | RuntimeException e) {
                        firstError.compareAndSet(null, e.toString());
                    }
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(2, TimeUnit.HOURS);
        long wall = (System.nanoTime() - started) / 1_000_000;
        ProcStats serviceAfter = ProcStats.of(servicePid).orElse(serviceBefore);
        ProcStats labAfter = ProcStats.of(labPid).orElse(labBefore);
        long[] stored = stored(data);
        return new Round(round, changed, wall, serviceAfter.cpuMillis() - serviceBefore.cpuMillis(), labAfter.cpuMillis() - labBefore.cpuMillis(),
                serviceAfter.rssKib(), ServiceBench.postgresRss(data), counts[0], counts[1], counts[2], counts[3], counts[4], stored[0], stored[1],
                stored[2], firstError.get());
    }

    private static void count(JsonNode collection, int[] counts) {
        synchronized (counts) {
            for (JsonNode result : collection.path("results")) {
                if ("SKIPPED".equals(result.path("outcome").asText())) {
                    counts[1]++;
                    continue;
                }
                counts[0]++;
                if (result.path("new_version").asBoolean()) {
                    counts[2]++;
                }
                switch (result.path("status").asText()) {
                    case "DRIFTED" -> counts[3]++;
                    case "UNREACHABLE" -> counts[4]++;
                    default -> {
                    }
                }
            }
        }
    }

    /** Versions stored and {@code pg_total_relation_size('router_backup')}, over the service's role (DATA/pgpass). */
    private static long[] stored(Path data) throws IOException {
        String password = null;
        for (String line : Files.readAllLines(data.resolve("pgpass"), StandardCharsets.UTF_8)) {
            String[] fields = line.split(":", 5);
            if (fields.length == 5 && fields[3].equals("lgwan")) {
                password = fields[4];
            }
        }
        String port = Files.readAllLines(data.resolve("pg").resolve("postmaster.pid"), StandardCharsets.UTF_8).get(3).trim();
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/lgwan", "lgwan", password);
             Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("select count(*), pg_total_relation_size('router_backup'), coalesce(sum(octet_length(config)), 0) from router_backup")) {
            row.next();
            return new long[] {row.getLong(1), row.getLong(2), row.getLong(3)};
        } catch (SQLException e) {
            throw new IOException("router_backup's size: " + e.getMessage(), e);
        }
    }

    /** Sizes in KiB: the versions of a small fleet would read 0 MiB. */
    private static String kib(long bytes) {
        return Report.count(bytes / 1024) + " KiB";
    }

    private void write(Report report, int routers, List<Round> rounds, long peakRssKib) {
        report.heading(2, "Backups and drift: a collection of " + Report.count(routers) + " lab routers");
        report.paragraph("`serve --lab-dir` (embedded PostgreSQL, `lgwan.backup.concurrency` at its default) on a generated fleet of "
                + Report.count(routers) + " " + WindowBench.PROFILE + " routers committed to git, its lab (MINA SSH servers and SNMP4J agents) in a"
                + " process of its own. Each collection: `POST /api/backups/collect?organization=…` for every organization from " + COLLECTORS
                + " concurrent clients; per router one SSH login, `show running-config`, the compare against its config at the served revision"
                + " (no baseline recorded: drift against the inventory), a version written only when the config changed. Round 0 is the first"
                + " collection (every router a new version); each later round follows a hand change on 1 % of the routers through their SSH CLI"
                + " (`banner motd`, a line the project does not own: a new version, no drift). CPU is the service's JVM (PostgreSQL apart) and the"
                + " lab's during the round; RSS the service's after it; \"their text\" is the stored configs' bytes (`octet_length`), the table's size `pg_total_relation_size('router_backup')` (TOAST-compressed text, indexes, free space).");
        Report.Rows rows = new Report.Rows("round", "changed by hand", "wall", "routers/min", "service CPU", "lab CPU", "service RSS",
                "PostgreSQL (PSS)", "collected", "skipped", "new versions", "drifted", "unreachable", "versions stored", "their text", "router_backup size");
        String firstError = null;
        for (Round r : rounds) {
            rows.add(Integer.toString(r.round()), Report.count(r.changedByHand()), Report.seconds(r.wallMillis()),
                    Report.perMinute(r.collected(), r.wallMillis()), Report.seconds(r.serviceCpuMillis()), Report.seconds(r.labCpuMillis()),
                    Report.mib(r.serviceRssKib()), Report.mib(r.postgresPssKib()), Report.count(r.collected()), Report.count(r.skipped()),
                    Report.count(r.newVersions()), Report.count(r.drifted()), Report.count(r.unreachable()), Report.count(r.versions()),
                    kib(r.configBytes()), kib(r.tableBytes()));
            if (firstError == null && r.firstError() != null) {
                firstError = "round " + r.round() + ": " + r.firstError();
            }
        }
        report.table(rows.rows());
        report.paragraph("The service's peak RSS over the whole run: " + Report.mib(peakRssKib) + "."
                + (firstError == null ? "" : " A collection request failed (" + firstError + ")."));
    }
}
