package jp.lgwan.routerconfig.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import jp.lgwan.routerconfig.lab.LabDirectoryFile;
import jp.lgwan.routerconfig.lab.LabProcessDirectory;
import jp.lgwan.routerconfig.device.CliRouterDriver;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.render.InventoryDiff;
import jp.lgwan.routerconfig.render.RenderException;

/**
 * Windows against lab fleets of IOS-XE routers (the dialect netmiko drives too, so both tools push to
 * the same routers): our push + verify, our push without the SNMP checks, netmiko, and the SNMP
 * verification poll of a whole fleet. The lab runs in a JVM of its own; the pushing side in another.
 */
final class WindowBench {

    static final String PROFILE = "cisco-iosxe";
    static final String PASSWORD = "lab-password";

    private final Bench bench;
    private final Bench.Settings s;
    private final List<Run> runs = new ArrayList<>();
    private final List<LabStart> labStarts = new ArrayList<>();
    private final List<Map<String, String>> snmpRuns = new ArrayList<>();
    private Boolean netmikoPresent;

    WindowBench(Bench bench) {
        this.bench = bench;
        this.s = bench.settings;
    }

    /** The two line conditions of the issue: (a) the lab as fast as it answers, (b) a long line and slow commits. */
    enum Condition {
        NEAR, FAR
    }

    private String label(Condition condition) {
        return condition == Condition.NEAR ? "(a) no added latency"
                : "(b) " + Report.duration(s.rtt()) + " RTT, " + Report.duration(s.commitDelay()) + " commit";
    }

    /** One measured push of a whole lab. */
    record Run(Condition condition, int routers, String tool, Map<String, String> figures) {
        long get(String key) {
            String value = figures.get(key);
            return value == null ? -1 : Math.round(Double.parseDouble(value));
        }
    }

    private record LabStart(Condition condition, int routers, long millis, ProcStats stats) {
    }

    /** A lab host process with its directory file. */
    record Lab(Child.Started started, Path directory) {
        long pid() {
            return started.process().pid();
        }
    }

    /** The fleet a size runs on: the booted revision and three changed ones, each changing every router's WAN description. */
    private record Revisions(Path v0, Path v1, Path v2, Path v3) {
    }

    void run(Report report) throws IOException, InterruptedException {
        boolean window = s.scenarios().contains("window");
        boolean netmiko = s.scenarios().contains("netmiko");
        boolean snmp = s.scenarios().contains("snmp");
        TreeSet<Integer> sizes = new TreeSet<>();
        if (window) {
            sizes.addAll(s.windowSizes());
        }
        if (netmiko) {
            sizes.addAll(s.netmikoSizes());
        }
        if (snmp) {
            sizes.add(s.snmpRouters());
        }
        for (int size : sizes) {
            boolean pushHere = window && s.windowSizes().contains(size);
            boolean compareHere = netmiko && s.netmikoSizes().contains(size);
            boolean pollHere = snmp && s.snmpRouters() == size;
            Revisions fleet = prepare(size);
            for (Condition condition : Condition.values()) {
                boolean compare = compareHere && s.netmikoConditions().contains(condition == Condition.NEAR ? "a" : "b");
                if (condition == Condition.FAR && !pushHere && !compare) {
                    continue;
                }
                Lab lab = startLab(fleet.v0(), size, condition);
                try {
                    if (pushHere || compare) {
                        runs.add(ours(lab, fleet.v1(), condition, size, true));
                    }
                    if (compare) {
                        runs.add(ours(lab, fleet.v2(), condition, size, false));
                        if (netmikoPresent()) {
                            runs.add(netmiko(lab, fleet.v2(), fleet.v3(), condition, size));
                        }
                    }
                    if (pollHere && condition == Condition.NEAR) {
                        snmpRuns.add(poll(lab));
                    }
                } finally {
                    stop(lab);
                }
            }
            Bench.delete(s.work().resolve("window-" + size));
        }
        write(report, window, netmiko, snmp);
        targets();
    }

    private void targets() {
        for (Run run : runs) {
            if (run.tool().equals("ours: push + verify") && run.routers() >= 3500) {
                long goal = run.condition() == Condition.NEAR ? 60_000 : 600_000;
                bench.target("push + verify of " + Report.count(run.routers()) + " lab routers, " + label(run.condition()),
                        run.condition() == Condition.NEAR ? "< 60 s" : "< 10 min", Report.seconds(run.get("wall_ms")) + ", "
                                + Report.count(run.get("ok")) + " confirmed", run.get("wall_ms") < goal && run.get("ok") == run.get("routers"));
            }
        }
        for (Run netmiko : runs) {
            if (!netmiko.tool().startsWith("netmiko")) {
                continue;
            }
            for (Run ours : runs) {
                if (ours.condition() == netmiko.condition() && ours.routers() == netmiko.routers() && ours.tool().startsWith("ours")) {
                    double ratio = netmiko.get("wall_ms") / (double) Math.max(1, ours.get("wall_ms"));
                    bench.target("≥ 5× netmiko, " + Report.count(ours.routers()) + " routers, " + label(netmiko.condition()) + ", " + ours.tool(),
                            "≥ 5×", Report.ratio(ratio), ratio >= 5);
                }
            }
        }
    }

    private Revisions prepare(int size) throws IOException, InterruptedException {
        bench.progress("window: a lab fleet of " + size + " " + PROFILE + " routers");
        Path dir = s.work().resolve("window-" + size);
        Path v0 = dir.resolve("v0");
        bench.generate(v0, Bench.organizationsFor(size), PROFILE);
        Path v1 = dir.resolve("v1");
        Path v2 = dir.resolve("v2");
        Path v3 = dir.resolve("v3");
        Bench.changeWanDescriptions(v0, v1, 1, "LGWAN access line rev 1");
        Bench.changeWanDescriptions(v0, v2, 1, "LGWAN access line rev 2");
        Bench.changeWanDescriptions(v0, v3, 1, "LGWAN access line rev 3");
        return new Revisions(v0, v1, v2, v3);
    }

    Lab startLab(Path inventory, int routers, Condition condition) throws IOException, InterruptedException {
        Duration rtt = condition == Condition.FAR ? s.rtt() : Duration.ZERO;
        Duration commit = condition == Condition.FAR ? s.commitDelay() : Duration.ZERO;
        Path directory = s.work().resolve("lab-" + routers + "-" + condition.name().toLowerCase(Locale.ROOT));
        LabDirectoryFile.remove(directory);
        bench.progress("  lab " + label(condition) + ": starting " + routers + " routers");
        long started = System.nanoTime();
        Child.Started lab = bench.child.start("lab-" + routers, bench.child.app("bench-worker", "lab", "--inventory", inventory.toString(),
                "--templates", s.templates().toString(), "--as-of", s.asOf().toString(), "--routers", Integer.toString(routers),
                "--rtt-ms", Long.toString(rtt.toMillis()), "--commit-delay-ms", Long.toString(commit.toMillis()), "--password", PASSWORD,
                "--dir", directory.toString()));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (!Files.readString(lab.stdout()).contains("ready")) {
            if (!lab.process().isAlive()) {
                throw new IOException("the lab host died: " + Child.tail(lab.stderr()));
            }
            if (System.nanoTime() > deadline) {
                lab.process().destroyForcibly();
                throw new IOException("the lab host did not start within 15 min");
            }
            Thread.sleep(100);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        labStarts.add(new LabStart(condition, routers, millis, ProcStats.of(lab.process().pid()).orElse(new ProcStats(0, 0, 0, 0))));
        return new Lab(lab, directory);
    }

    void stop(Lab lab) throws InterruptedException {
        try {
            lab.started().process().getOutputStream().close();
        } catch (IOException e) {
            // it is going anyway
        }
        if (!lab.started().process().waitFor(60, TimeUnit.SECONDS)) {
            lab.started().process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Run ours(Lab lab, Path intended, Condition condition, int routers, boolean verify) throws IOException, InterruptedException {
        Duration settle = condition == Condition.FAR ? s.latencySettle() : s.settle();
        String what = verify ? "push + verify" : "push without SNMP checks";
        bench.progress("  " + label(condition) + ": " + what + " of " + routers + " routers, " + pushing(routers));
        Path out = s.work().resolve("push-" + routers + "-" + condition.name().toLowerCase(Locale.ROOT) + (verify ? "" : "-noverify") + ".properties");
        ProcStats labBefore = ProcStats.of(lab.pid()).orElse(new ProcStats(0, 0, 0, 0));
        List<String> args = new ArrayList<>(List.of("bench-worker", "push", "--lab", lab.directory().toString(), "--inventory", intended.toString(),
                "--templates", s.templates().toString(), "--as-of", s.asOf().toString(), "--threads", Integer.toString(s.pushAtOnce(routers)), "--push-threads",
                s.pushThreads().name(), "--settle-ms",
                Long.toString(settle.toMillis()), "--out", out.toString()));
        if (!verify) {
            args.add("--no-snmp-checks");
        }
        Child.Measured run = bench.child.run(verify ? "push" : "push-noverify", bench.child.app(args.toArray(String[]::new)), Duration.ofMinutes(60));
        Bench.expect(run, 0, "push worker");
        ProcStats labAfter = ProcStats.of(lab.pid()).orElse(labBefore);
        Map<String, String> figures = new LinkedHashMap<>(Workers.read(out));
        figures.put("process_wall_ms", Long.toString(run.wallMillis()));
        figures.put("process_cpu_ms", Long.toString(run.cpuMillis()));
        figures.put("process_peak_rss_kib", Long.toString(run.peakRssKib()));
        figures.put("lab_cpu_ms", Long.toString(labAfter.cpuMillis() - labBefore.cpuMillis()));
        figures.put("lab_rss_kib", Long.toString(labAfter.rssKib()));
        figures.put("lab_threads", Long.toString(labAfter.threads()));
        return new Run(condition, routers, verify ? "ours: push + verify" : "ours: push, no SNMP checks", figures);
    }

    /** How our side pushes a lab of {@code routers}: how many at once, on which threads. */
    private String pushing(int routers) {
        return s.pushAtOnce(routers) + " at once on " + (s.pushThreads() == jp.lgwan.routerconfig.rollout.PushThreads.VIRTUAL ? "virtual threads"
                : "a pool of " + s.threads() + " platform threads");
    }

    private boolean netmikoPresent() throws IOException, InterruptedException {
        if (netmikoPresent == null) {
            netmikoPresent = Files.isExecutable(s.python())
                    && new ProcessBuilder(s.python().toString(), "-c", "import netmiko").start().waitFor() == 0;
            if (!netmikoPresent) {
                bench.note("netmiko is not installed (" + s.python() + " cannot import it; Debian package python3-netmiko): the side-by-side"
                        + " comparison was not run.");
            }
        }
        return netmikoPresent;
    }

    private Run netmiko(Lab lab, Path from, Path to, Condition condition, int routers) throws IOException, InterruptedException {
        bench.progress("  " + label(condition) + ": netmiko pushes to " + routers + " routers, " + s.threads() + " threads");
        LabProcessDirectory directory = new LabProcessDirectory(lab.directory());
        List<LabDirectoryFile.Router> labRouters = labRouters(directory);
        String password = password(directory);
        Map<String, String> before = rendered(from, directory);
        Map<String, String> after = rendered(to, directory);
        Dialect dialect = InventoryDiff.dialectOf(s.templates(), PROFILE);
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (LabDirectoryFile.Router router : labRouters) {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("hostname", router.hostname());
            job.put("port", router.sshPort());
            job.put("password", password);
            job.put("lines", CliRouterDriver.commitLines(dialect, before.get(router.hostname()), after.get(router.hostname())));
            jobs.add(job);
        }
        ObjectMapper json = new ObjectMapper();
        String name = "netmiko-" + routers + "-" + condition.name().toLowerCase(Locale.ROOT);
        Path jobsFile = s.work().resolve(name + "-jobs.json");
        Path outFile = s.work().resolve(name + "-results.json");
        Path script = s.work().resolve("netmiko_push.py");
        json.writeValue(jobsFile.toFile(), jobs);
        try (var in = WindowBench.class.getResourceAsStream("netmiko_push.py"); OutputStream out = Files.newOutputStream(script)) {
            in.transferTo(out);
        }
        Child.Measured run = bench.child.run("netmiko", List.of(s.python().toString(), script.toString(), jobsFile.toString(),
                Integer.toString(s.threads()), outFile.toString()), Duration.ofMinutes(60));
        Bench.expect(run, 0, "netmiko");
        JsonNode results = json.readTree(outFile.toFile());
        List<Long> durations = new ArrayList<>();
        long ok = 0;
        String firstError = null;
        for (JsonNode result : results.get("results")) {
            durations.add(Math.round(result.get("ms").asDouble()));
            if (result.get("ok").asBoolean()) {
                ok++;
            } else if (firstError == null) {
                firstError = result.path("error").asText();
            }
        }
        long[] sorted = Workers.sorted(durations.stream().mapToLong(Long::longValue).toArray());
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("routers", Integer.toString(labRouters.size()));
        figures.put("wall_ms", Long.toString(Math.round(results.get("wall_ms").asDouble())));
        figures.put("p50_ms", Long.toString(Workers.quantile(sorted, 0.5)));
        figures.put("p95_ms", Long.toString(Workers.quantile(sorted, 0.95)));
        figures.put("max_ms", Long.toString(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
        figures.put("ok", Long.toString(ok));
        figures.put("lines_per_router", Integer.toString(jobs.isEmpty() ? 0 : ((List<?>) jobs.get(0).get("lines")).size()));
        figures.put("process_wall_ms", Long.toString(run.wallMillis()));
        figures.put("process_cpu_ms", Long.toString(run.cpuMillis()));
        figures.put("cpu_ms", Long.toString(run.cpuMillis()));
        figures.put("process_peak_rss_kib", Long.toString(run.peakRssKib()));
        if (firstError != null) {
            figures.put("first_error", firstError);
        }
        return new Run(condition, routers, "netmiko: connect, send_config_set, save_config", figures);
    }

    private static List<LabDirectoryFile.Router> labRouters(LabProcessDirectory directory) throws IOException {
        try {
            return directory.current().routers();
        } catch (DeviceException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String password(LabProcessDirectory directory) throws IOException {
        try {
            return directory.password().orElseThrow(() -> new IOException("the lab at " + directory.dir() + " takes no password logins"));
        } catch (DeviceException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Every lab router's config at {@code inventory}, with the lab's secrets, as the device would hold it. */
    private Map<String, String> rendered(Path inventoryDir, LabProcessDirectory directory) throws IOException {
        Inventory inventory = Workers.load(inventoryDir, s.asOf());
        ConfigRenderer renderer = new ConfigRenderer(s.templates());
        Map<String, String> configs = new HashMap<>();
        for (LabDirectoryFile.Router labRouter : labRouters(directory)) {
            ConnectionRouter router = inventory.router(labRouter.hostname()).orElseThrow();
            try {
                configs.put(router.hostname(), directory.resolveSecrets(renderer.render(inventory, router).text()).text());
            } catch (RenderException e) {
                throw new IOException(e.problem().format());
            } catch (DeviceException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        return configs;
    }

    private Map<String, String> poll(Lab lab) throws IOException, InterruptedException {
        bench.progress("  SNMP: polling the whole lab at once");
        Path out = s.work().resolve("snmp.properties");
        Child.Measured run = bench.child.run("snmp", bench.child.app("bench-worker", "snmp", "--lab", lab.directory().toString(), "--rounds", "3",
                "--out", out.toString()), Duration.ofMinutes(30));
        Bench.expect(run, 0, "snmp worker");
        Map<String, String> figures = new LinkedHashMap<>(Workers.read(out));
        figures.put("process_peak_rss_kib", Long.toString(run.peakRssKib()));
        return figures;
    }


    // ------------------------------------------------------------------ the report

    private void write(Report report, boolean window, boolean netmiko, boolean snmp) {
        if (window) {
            report.heading(2, "Window: push + verify against lab routers");
            report.paragraph("Each lab router (" + PROFILE + ", booted with its rendered config) changes its WAN description; the pushing side"
                    + " runs `RouterPush` for every router, " + (s.pushThreads() == jp.lgwan.routerconfig.rollout.PushThreads.VIRTUAL
                    ? (s.pushConcurrency() > 0 ? s.pushConcurrency() + " at once" : "all of the lab's routers at once") + " on virtual threads"
                    : s.threads() + " at once on a pool of platform threads") + ", as the service's window runner does with `lgwan.rollout.threads="
                    + s.pushThreads().name().toLowerCase(Locale.ROOT) + "` and `lgwan.rollout.concurrency` set to that number: SNMP pre-check, backup (`show running-config`), compare, commit under the"
                    + " revert timer (`configure terminal revert timer`, the delta lines, `end`), settle, two SNMP post-check polls (WAN up,"
                    + " speed, duplex, ifAlias = the new description, errors not rising), `configure confirm`, `write memory`. Steps are kept in memory, not"
                    + " written to PostgreSQL. The lab (MINA SSH servers and SNMP4J agents, one of each per router) runs in a JVM of its own;"
                    + " the pushing side in another, measured apart: wall and p50/p95 per router are the push phase (rendering and JVM start"
                    + " excluded), CPU is the pushing side's during the push phase, peak RSS its whole process.");
            report.paragraph("(a) no added latency, settle " + s.settle().toMillis() + " ms (the lab's links settle at once); (b) "
                    + Report.duration(s.rtt()) + " RTT and a " + Report.duration(s.commitDelay()) + " commit: the lab has no netem here (the kernel"
                    + " lacks sch_netem), so the line is emulated by the lab: every CLI answer and SNMP answer " + s.rtt().toMillis() + " ms late,"
                    + " the first prompt of a session " + jp.lgwan.routerconfig.lab.LabRouter.LOGIN_ROUND_TRIPS + " round trips late, and `end`"
                    + " (where IOS-XE applies the configuration session) " + Report.duration(s.commitDelay()) + " late; settle "
                    + s.latencySettle().toMillis() + " ms (the service's default `lgwan.rollout.settle`).");
            Report.Rows rows = new Report.Rows("condition", "routers", "wall", "routers/min", "p50 per router", "p95 per router", "confirmed",
                    "pushing side CPU", "pushing side peak RSS", "lab CPU", "lab RSS");
            for (Run run : runs) {
                if (!run.tool().equals("ours: push + verify")) {
                    continue;
                }
                rows.add(label(run.condition()), Report.count(run.routers()), Report.seconds(run.get("wall_ms")),
                        Report.perMinute(run.routers(), run.get("wall_ms")), Report.millis(run.get("p50_ms")), Report.millis(run.get("p95_ms")),
                        Report.count(run.get("ok")) + " of " + Report.count(run.get("routers")), Report.seconds(run.get("cpu_ms")),
                        Report.mib(run.get("process_peak_rss_kib")), Report.seconds(run.get("lab_cpu_ms")), Report.mib(run.get("lab_rss_kib")));
            }
            report.table(rows.rows());
            failures(report);
            labStarts(report);
        }
        if (netmiko) {
            comparison(report);
        }
        if (snmp) {
            report.heading(2, "SNMP: the verification poll of a whole lab");
            report.paragraph("One `SnmpProbe` (one UDP socket, SNMPv3 authPriv SHA-256/AES-128) asks every lab router at once for the system"
                    + " group, ifTable/ifXTable and the duplex column (GETBULK), as the post-checks of a window do; round 1 includes each"
                    + " router's engine discovery (blocking in SNMP4J, on the probe's 32 discovery threads), later rounds reuse it."
                    + " The lab's agents run in their own JVM.");
            Report.Rows rows = new Report.Rows("routers", "round", "wall", "poller CPU", "failed", "poller threads (peak)", "poller peak RSS");
            for (Map<String, String> f : snmpRuns) {
                for (int round = 1; f.containsKey("round" + round + ".wall_ms"); round++) {
                    rows.add(Report.count(Long.parseLong(f.get("routers"))), round == 1 ? "1 (with engine discovery)" : Integer.toString(round),
                            Report.seconds(Long.parseLong(f.get("round" + round + ".wall_ms"))),
                            Report.seconds(Long.parseLong(f.get("round" + round + ".cpu_ms"))), f.get("round" + round + ".failed"),
                            f.get("peak_threads"), Report.mib(Long.parseLong(f.get("process_peak_rss_kib"))));
                }
            }
            report.table(rows.rows());
        }
    }

    private void failures(Report report) {
        List<String> lines = new ArrayList<>();
        for (Run run : runs) {
            if (run.figures().containsKey("first_error")) {
                lines.add(label(run.condition()) + ", " + run.routers() + " routers, " + run.tool() + ": " + (run.get("routers") - run.get("ok"))
                        + " not confirmed; first error: " + run.figures().get("first_error"));
            }
        }
        if (!lines.isEmpty()) {
            report.paragraph("Routers that did not end confirmed:");
            report.bullets(lines);
        }
    }

    private void labStarts(Report report) {
        Report.Rows rows = new Report.Rows("lab", "routers", "start (JVM, render, keys, servers)", "RSS after start", "threads");
        for (LabStart start : labStarts) {
            rows.add(label(start.condition()), Report.count(start.routers()), Report.seconds(start.millis()), Report.mib(start.stats().rssKib()),
                    Report.count(start.stats().threads()));
        }
        report.paragraph("The lab processes themselves (not part of any figure above):");
        report.table(rows.rows());
    }

    private void comparison(Report report) {
        report.heading(2, "Side by side with netmiko");
        report.paragraph("On the same lab routers, one after the other: netmiko with a pool of " + s.threads() + " threads, ours as in the"
                + " window above (" + (s.pushThreads() == jp.lgwan.routerconfig.rollout.PushThreads.PLATFORM ? "the same pool"
                : "virtual threads, " + (s.pushConcurrency() > 0 ? s.pushConcurrency() + " routers at once" : "every router at once")) + "): **ours: push +"
                + " verify** is the window above (revision 1); **ours: push, no SNMP checks** is RouterPush's device steps alone — connect,"
                + " session set-up, backup, compare, commit under the revert timer, confirm, save (`write memory`) — pushing revision 2; **netmiko** "
                + "(`python3-netmiko`, device_type `cisco_ios`, default settings, password login) connects, runs `send_config_set` with"
                + " exactly the lines our driver typed for the same kind of change (revision 2 → 3, computed by `CliRouterDriver.commitLines`),"
                + " `save_config` (`write mem`) and disconnects — no backup, no compare, no revert timer, no verification. The fair"
                + " comparison is netmiko against ours without SNMP checks; ours with them does more. Ratio = our routers per minute ÷"
                + " netmiko's. netmiko's CPU and RSS are its Python process's whole run; ours the push phase and the whole JVM.");
        Report.Rows rows = new Report.Rows("condition", "routers", "tool: what it does", "wall", "routers/min", "p50 per router", "p95 per router", "ok",
                "CPU", "peak RSS", "ratio to netmiko");
        for (Run run : runs) {
            Run netmiko = runs.stream().filter(r -> r.condition() == run.condition() && r.routers() == run.routers() && r.tool().startsWith("netmiko"))
                    .findFirst().orElse(null);
            boolean compared = runs.stream().anyMatch(r -> r.condition() == run.condition() && r.routers() == run.routers()
                    && r.tool().equals("ours: push, no SNMP checks"));
            if (!compared) {
                continue;
            }
            String ratio = netmiko == null || run.get("wall_ms") <= 0 ? "–"
                    : Report.ratio(netmiko.get("wall_ms") * (double) run.routers() / (run.get("wall_ms") * (double) netmiko.routers()));
            rows.add(label(run.condition()), Report.count(run.routers()), run.tool(), Report.seconds(run.get("wall_ms")),
                    Report.perMinute(run.routers(), run.get("wall_ms")), Report.millis(run.get("p50_ms")), Report.millis(run.get("p95_ms")),
                    Report.count(run.get("ok")) + " of " + Report.count(run.get("routers")), Report.seconds(run.get("cpu_ms")),
                    Report.mib(run.get("process_peak_rss_kib")), run.tool().startsWith("netmiko") ? "1.0×" : ratio);
        }
        report.table(rows.rows());
    }

    List<Run> runs() {
        return runs;
    }

    List<Map<String, String>> snmpRuns() {
        return snmpRuns;
    }
}
