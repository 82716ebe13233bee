package jp.lgwan.routerconfig.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.rollout.PushThreads;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The benchmarks behind BENCHMARKS.md: each scenario runs the real thing in child processes of its
 * own (the CLI commands, a lab fleet, the pushing side, netmiko, the service) on generated fleets
 * with fixed seeds, and measures them from outside. Nothing here asserts a time: the smoke test
 * runs every scenario tiny and checks only that figures came out.
 */
public final class Bench {

    public static final List<String> SCENARIOS = List.of("fleet", "window", "snmp", "netmiko", "service", "backup");

    /** Everything a run depends on; the report prints it. */
    public record Settings(Set<String> scenarios, List<Integer> fleetSizes, List<Integer> windowSizes, List<Integer> netmikoSizes,
                           int snmpRouters, int serviceRouters, int threads, Duration rtt, Duration commitDelay, Duration settle,
                           Duration latencySettle, long seed, LocalDate asOf, Path inventory, Path templates, Path work, List<String> jvmOptions,
                           Path python, int clients, int requests, Set<String> netmikoConditions, long sampleMillis, Path product,
                           PushThreads pushThreads, int pushConcurrency, int backupRouters, int backupRounds) {

        /** Routers our side pushes at once on a lab of {@code routers}. */
        int pushAtOnce(int routers) {
            return pushThreads == PushThreads.PLATFORM ? threads : pushConcurrency > 0 ? pushConcurrency : routers;
        }
    }

    final Settings settings;
    final Child child;
    final PrintWriter log;
    private final List<String> notes = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();

    /** One of the targets, as this run measured it. */
    record Target(String what, String goal, String measured, boolean met) {
    }

    public Bench(Settings settings, PrintWriter log) throws IOException {
        this.settings = settings;
        this.log = log;
        this.child = new Child(settings.jvmOptions(), settings.product(), Files.createDirectories(settings.work().resolve("logs")));
    }

    /** Runs the chosen scenarios and returns BENCHMARKS.md's text. */
    public String run(String commandLine) throws IOException, InterruptedException {
        Report report = new Report();
        ZonedDateTime started = ZonedDateTime.now(ZoneId.of("Asia/Tokyo"));
        progress("checking what else runs on this machine");
        List<String> busyBefore = Machine.busyOthers(settings.sampleMillis());
        String loadBefore = Machine.loadAverage();

        Report body = new Report();
        Machine.Watcher watcher = new Machine.Watcher(settings.work());
        try {
            if (settings.scenarios().contains("fleet")) {
                new FleetBench(this).run(body);
            }
            if (settings.scenarios().contains("window") || settings.scenarios().contains("netmiko") || settings.scenarios().contains("snmp")) {
                new WindowBench(this).run(body);
            }
            if (settings.scenarios().contains("service")) {
                new ServiceBench(this).run(body);
            }
            if (settings.scenarios().contains("backup")) {
                new BackupBench(this).run(body);
            }
        } finally {
            watcher.close();
        }
        String others = watcher.summary();
        progress("checking what else ran");
        List<String> busyAfter = Machine.busyOthers(settings.sampleMillis());
        String loadAfter = Machine.loadAverage();
        long minutes = Duration.between(started, ZonedDateTime.now(ZoneId.of("Asia/Tokyo"))).toMinutes();

        report.heading(1, "Benchmarks");
        report.paragraph("Measured by the `bench` command; every figure below comes from one run of:");
        report.code(commandLine);
        report.table(new Report.Rows("machine", "")
                .add("date", started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")) + " (the run took " + minutes + " min)")
                .add("CPU", Machine.cores() + " cores (nproc), " + Machine.cpuModel())
                .add("RAM", Machine.memory())
                .add("OS", Machine.os())
                .add("Java", Machine.java() + (settings.jvmOptions().isEmpty() ? ", default JVM options" : ", " + String.join(" ", settings.jvmOptions())))
                .add("load average (1/5/15 min)", "before " + loadBefore + ", after " + loadAfter)
                .add("other processes > 5 % of a core", "before: " + describe(busyBefore) + "; after: " + describe(busyAfter))
                .add("other processes during the run", others)
                .rows());
        report.paragraph("Fixed inputs: generated fleets with seed " + settings.seed() + " as of " + settings.asOf()
                + " (`generate-fleet`), vendor profiles from `" + shown(settings.inventory()) + "`, templates from `"
                + shown(settings.templates()) + "`. Every measured step runs in a process of its own, so its JVM start, CPU time (user + system) and peak resident"
                + " memory (RSS) are its own; CPU and RSS come from GNU time where installed, else from /proc.");
        if (!notes.isEmpty()) {
            report.bullets(notes);
        }
        report.heading(2, "Targets");
        if (targets.isEmpty()) {
            report.paragraph("No scenario ran at a target's size.");
        } else {
            Report.Rows rows = new Report.Rows("target", "goal", "measured", "");
            targets.forEach(t -> rows.add(t.what(), t.goal(), t.measured(), t.met() ? "met" : "**missed**"));
            report.table(rows.rows());
        }
        return report.text() + body.text();
    }

    private static String describe(List<String> busy) {
        return busy.isEmpty() ? "none" : String.join("; ", busy);
    }

    void target(String what, String goal, String measured, boolean met) {
        targets.add(new Target(what, goal, measured, met));
    }

    void note(String note) {
        notes.add(note);
    }

    void progress(String message) {
        log.println("bench: " + message);
        log.flush();
    }

    // ------------------------------------------------------------------ shared fleet plumbing

    /** The fewest organizations whose generated fleet has at least {@code routers} routers (one in twenty has a pair). */
    static int organizationsFor(int routers) {
        int organizations = Math.max(1, routers * 20 / 21);
        while (organizations + organizations / 20 < routers) {
            organizations++;
        }
        return organizations;
    }

    static int routersOf(int organizations) {
        return organizations + organizations / 20;
    }

    /** A generated fleet in {@code out}, from a child {@code generate-fleet}; {@code profiles} empty for every profile. */
    Child.Measured generate(Path out, int organizations, String profiles) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("generate-fleet", "--organizations", Integer.toString(organizations), "--seed",
                Long.toString(settings.seed()), "--as-of", settings.asOf().toString(), "--inventory", settings.inventory().toString(),
                "--out", out.toString()));
        if (!profiles.isEmpty()) {
            args.addAll(List.of("--profiles", profiles));
        }
        Child.Measured run = child.run("generate-fleet", child.app(args.toArray(String[]::new)), Duration.ofMinutes(10));
        expect(run, 0, "generate-fleet");
        return run;
    }

    /** A git repository with {@code inventory} and the bench's templates as its one commit, as the service and diff read them. */
    Path repository(Path dir, Path inventory) throws IOException {
        copy(inventory, dir.resolve("inventory"));
        copy(settings.templates(), dir.resolve("templates"));
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern("inventory").addFilepattern("templates").call();
            PersonIdent bench = new PersonIdent("bench", "bench@example.invalid");
            git.commit().setMessage("generated fleet").setAuthor(bench).setCommitter(bench).setSign(false).call();
        } catch (GitAPIException e) {
            throw new IOException("git: " + e.getMessage(), e);
        }
        return dir;
    }

    /** Commits everything in {@code repo}'s working tree (changed and deleted files alike). */
    void commit(Path repo, String message) throws IOException {
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent bench = new PersonIdent("bench", "bench@example.invalid");
            git.commit().setMessage(message).setAuthor(bench).setCommitter(bench).setSign(false).call();
        } catch (GitAPIException e) {
            throw new IOException("git: " + e.getMessage(), e);
        }
    }

    /**
     * A copy of {@code from} in which the WAN description of the routers of every {@code every}-th
     * organization file (1: all) reads {@code description}: a safe change that the SNMP post-check
     * can see (ifAlias).
     */
    static void changeWanDescriptions(Path from, Path to, int every, String description) throws IOException {
        copy(from, to);
        List<Path> files;
        try (Stream<Path> list = Files.list(to.resolve("organizations"))) {
            files = list.sorted().toList();
        }
        int changed = 0;
        for (int i = 0; i < files.size(); i += every) {
            String text = Files.readString(files.get(i), StandardCharsets.UTF_8);
            String edited = text.replace("description: LGWAN access line\n", "description: " + description + "\n");
            if (!edited.equals(text)) {
                Files.writeString(files.get(i), edited, StandardCharsets.UTF_8);
                changed++;
            }
        }
        if (changed == 0) {
            throw new IOException("no WAN description to change in " + to + " (has the generator changed?)");
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Removes {@code dir} and everything in it, if it exists. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void expect(Child.Measured run, int status, String what) throws IOException {
        if (run.exit() != status) {
            throw new IOException(what + " exited with " + run.exit() + " (expected " + status + "): " + run.err().strip());
        }
    }

    /** Hands a worker's figures back to the bench process (the worker commands call this). */
    public static void writeFigures(java.util.Map<String, Object> figures, Path file) throws IOException {
        Workers.write(figures, file);
    }

    /** The sizes of a list, each once, in order. */
    static List<Integer> distinct(List<Integer> sizes) {
        return new ArrayList<>(new LinkedHashSet<>(sizes));
    }

    /** A folder as the report names it: relative to where the command ran, so the report reads the same from any clone. */
    private static String shown(Path folder) {
        Path here = Path.of("").toAbsolutePath();
        return folder.startsWith(here) ? here.relativize(folder).toString() : folder.toString();
    }
}
