package jp.lgwan.routerconfig.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * validate, render and diff of generated fleets, each a CLI command in a JVM of its own (as CI runs
 * them), and render + diff warm in one JVM (as the service does).
 */
final class FleetBench {

    /** The change every IOS-XE router's config sees when the template changes: one line more. */
    static final String TEMPLATE_CHANGE = "logging buffered 64000\n";

    private final Bench bench;

    FleetBench(Bench bench) {
        this.bench = bench;
    }

    private record Step(String name, int routers, Child.Measured run) {
    }

    void run(Report report) throws IOException, InterruptedException {
        List<Step> steps = new ArrayList<>();
        List<Step> ci = new ArrayList<>();
        Map<Integer, Map<String, String>> warm = new LinkedHashMap<>();
        for (int size : Bench.distinct(bench.settings.fleetSizes())) {
            int organizations = Bench.organizationsFor(size);
            int routers = Bench.routersOf(organizations);
            bench.progress("fleet: " + routers + " routers (" + organizations + " organizations)");
            Path dir = bench.settings.work().resolve("fleet-" + routers);
            Path generated = dir.resolve("generated");
            steps.add(new Step("generate-fleet (input, not a product step)", routers, bench.generate(generated, organizations, "")));
            Path repo = bench.repository(dir.resolve("repo"), generated);
            Path inventory = repo.resolve("inventory");
            String asOf = bench.settings.asOf().toString();

            Child.Measured validate = bench.child.run("validate", bench.child.app("validate", "--inventory", inventory.toString(), "--as-of", asOf),
                    Duration.ofMinutes(10));
            Bench.expect(validate, 0, "validate");
            steps.add(new Step("validate", routers, validate));

            Child.Measured render = bench.child.run("render", bench.child.app("render", "--inventory", inventory.toString(), "--templates",
                    repo.resolve("templates").toString(), "--as-of", asOf, "--out", dir.resolve("configs").toString()), Duration.ofMinutes(10));
            Bench.expect(render, 0, "render");
            steps.add(new Step("render (every router, into an empty folder)", routers, render));

            // one organization in a hundred changes its WAN description: the common merge request
            Path changed = dir.resolve("changed");
            Bench.changeWanDescriptions(inventory, changed, 100, "LGWAN access line (changed)");
            Bench.delete(inventory);
            Bench.copy(changed, inventory);
            Child.Measured diff = bench.child.run("diff", bench.child.app("diff", "--repo", repo.toString(), "--base", "HEAD", "--as-of", asOf,
                    "--output", dir.resolve("diff.txt").toString()), Duration.ofMinutes(10));
            Bench.expect(diff, 3, "diff");
            steps.add(new Step("diff, 1 in 100 organizations changed", routers, diff));

            // a template change: every router is rendered at both revisions and compared
            Path template = repo.resolve("templates/cisco-iosxe/router.ftl");
            String text = Files.readString(template, StandardCharsets.UTF_8);
            if (!text.endsWith("\nend\n")) {
                throw new IOException(template + " no longer ends with 'end'; the bench's template change needs another place");
            }
            Files.writeString(template, text.substring(0, text.length() - "end\n".length()) + TEMPLATE_CHANGE + "end\n", StandardCharsets.UTF_8);
            Child.Measured everything = bench.child.run("diff-all", bench.child.app("diff", "--repo", repo.toString(), "--base", "HEAD", "--as-of",
                    asOf, "--output", dir.resolve("diff-all.txt").toString()), Duration.ofMinutes(20));
            Bench.expect(everything, 3, "diff after a template change");
            steps.add(new Step("diff, template change (all routers at both revisions)", routers, everything));

            incremental(dir, repo, generated, changed, routers, asOf, ci);

            Child.Measured warmRun = bench.child.run("render-diff-warm", bench.child.app("bench-worker", "render-diff", "--base",
                    generated.toString(), "--head", changed.toString(), "--templates", bench.settings.templates().toString(), "--as-of", asOf,
                    "--iterations", Integer.toString(routers >= 5000 ? 8 : 10), "--out", dir.resolve("warm.properties").toString()),
                    Duration.ofMinutes(20));
            Bench.expect(warmRun, 0, "render-diff worker");
            Map<String, String> figures = Workers.read(dir.resolve("warm.properties"));
            figures.put("process_peak_rss_kib", Long.toString(warmRun.peakRssKib()));
            warm.put(routers, figures);
            Bench.delete(dir.resolve("configs"));
        }
        write(report, steps, warm);
        writeIncremental(report, ci);
    }

    /**
     * The merge request's diff as CI runs it on committed revisions (issue 18): the 1-in-100 change and the template
     * change committed, each diffed HEAD~1 .. HEAD with a parse cache that is empty (the first CI run on a runner) and
     * then filled (the next one), with --full --no-cache (every router rendered, every file parsed: the report is the
     * same), under -Xmx512m, and the same job as a small Python program; validate with an empty and a filled cache.
     */
    private void incremental(Path dir, Path repo, Path base, Path head, int routers, String asOf, List<Step> ci)
            throws IOException, InterruptedException {
        // the working tree holds the 1-in-100 change and the template change: commit them one after the other
        Path template = repo.resolve("templates/cisco-iosxe/router.ftl");
        String changedTemplate = Files.readString(template, StandardCharsets.UTF_8);
        Files.writeString(template, changedTemplate.replace(TEMPLATE_CHANGE, ""), StandardCharsets.UTF_8);
        bench.commit(repo, "one organization in a hundred changes its WAN description");
        Files.writeString(template, changedTemplate, StandardCharsets.UTF_8);
        bench.commit(repo, "the cisco-iosxe template logs to a buffer");
        Path cache = dir.resolve("parse-cache");
        Bench.delete(cache);
        String[] oneInHundred = {"diff", "--repo", repo.toString(), "--base", "HEAD~2", "--head", "HEAD~1", "--as-of", asOf, "--output",
                dir.resolve("diff-ci.txt").toString()};
        ci.add(step("diff HEAD~1..HEAD, 1 in 100, empty parse cache (first CI run)", routers, 3, List.of(), oneInHundred, "--cache", cache.toString()));
        ci.add(step("diff HEAD~1..HEAD, 1 in 100, filled parse cache (next CI run)", routers, 3, List.of(), oneInHundred, "--cache", cache.toString()));
        ci.add(step("diff HEAD~1..HEAD, 1 in 100, --full --no-cache (every router, every file)", routers, 3, List.of(), oneInHundred, "--full",
                "--no-cache"));
        ci.add(step("diff HEAD~1..HEAD, 1 in 100, filled cache, -Xmx512m", routers, 3, List.of("-Xmx512m"), oneInHundred, "--cache",
                cache.toString()));
        String[] templateChange = {"diff", "--repo", repo.toString(), "--base", "HEAD~1", "--head", "HEAD", "--as-of", asOf, "--output",
                dir.resolve("diff-ci-template.txt").toString()};
        ci.add(step("diff HEAD~1..HEAD, template change, filled parse cache", routers, 3, List.of(), templateChange, "--cache", cache.toString()));
        ci.add(step("diff HEAD~1..HEAD, template change, filled cache, -Xmx512m", routers, 3, List.of("-Xmx512m"), templateChange, "--cache",
                cache.toString()));
        ci.add(step("diff HEAD~1..HEAD, template change, --full --no-cache", routers, 3, List.of(), templateChange, "--full", "--no-cache"));
        Path validateCache = dir.resolve("validate-cache");
        Bench.delete(validateCache);
        String[] validate = {"validate", "--inventory", repo.resolve("inventory").toString(), "--as-of", asOf, "--output",
                dir.resolve("validate.txt").toString()};
        ci.add(step("validate, empty parse cache", routers, 0, List.of(), validate, "--cache", validateCache.toString()));
        ci.add(step("validate, filled parse cache", routers, 0, List.of(), validate, "--cache", validateCache.toString()));
        ci.add(step("validate, --no-cache", routers, 0, List.of(), validate, "--no-cache"));
        if (pythonDiffPresent()) {
            Path script = bench.settings.work().resolve("config_diff.py");
            try (var in = FleetBench.class.getResourceAsStream("config_diff.py")) {
                Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Child.Measured python = bench.child.run("python-diff", List.of(bench.settings.python().toString(), script.toString(),
                    base.toString(), head.toString(), dir.resolve("diff-python.txt").toString()), Duration.ofMinutes(20));
            Bench.expect(python, 0, "the Python diff");
            ci.add(new Step("Python: PyYAML C loader + Jinja2 + difflib, every router at both sides, one core", routers, python));
        }
    }

    private Step step(String name, int routers, int status, List<String> jvmOptions, String[] command, String... more)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(more));
        Child.Measured run = bench.child.run(name.startsWith("validate") ? "validate-ci" : "diff-ci",
                bench.child.app(jvmOptions, args.toArray(String[]::new)), Duration.ofMinutes(20));
        Bench.expect(run, status, name);
        return new Step(name, routers, run);
    }

    private Boolean pythonDiff;

    /** Whether the Python side has PyYAML (with its C loader) and Jinja2: Debian's python3-yaml and python3-jinja2. */
    private boolean pythonDiffPresent() throws IOException, InterruptedException {
        if (pythonDiff == null) {
            pythonDiff = Files.isExecutable(bench.settings.python()) && new ProcessBuilder(bench.settings.python().toString(), "-c",
                    "import yaml, jinja2; yaml.CSafeLoader").start().waitFor() == 0;
            if (!pythonDiff) {
                bench.note("the Python diff scenario needs python3-yaml and python3-jinja2 (Debian packages; " + bench.settings.python()
                        + " cannot import them): not run");
            }
        }
        return pythonDiff;
    }

    private void writeIncremental(Report report, List<Step> ci) {
        if (ci.isEmpty()) {
            return;
        }
        report.heading(3, "The merge request's diff, incremental, with the parse cache (issue 18)");
        report.paragraph("The 1-in-100 change and then the template change committed, each diffed `--base HEAD~1 --head HEAD` as CI runs it:"
                + " only the routers whose organization file, reference files or template folder changed are rendered; the head is validated"
                + " whole, each file's parse taken from the parse cache (`--cache DIR`; by default `.git/lgwan-cache`) where its git blob was"
                + " read before. `--full --no-cache` renders every router and parses every file (the same report). The Python row runs the same"
                + " job as a small Python program (bench resource `config_diff.py`: PyYAML's C loader, one Jinja2 template equivalent to"
                + " cisco-iosxe's, difflib) over the same two inventory folders, on one core.");
        Report.Rows rows = new Report.Rows("step", "routers", "wall", "CPU", "peak RSS");
        for (Step step : ci) {
            rows.add(step.name(), Report.count(step.routers()), Report.seconds(step.run().wallMillis()), Report.seconds(step.run().cpuMillis()),
                    Report.mib(step.run().peakRssKib()));
        }
        report.table(rows.rows());
        for (Step step : ci) {
            if (step.routers() < 10_000) {
                continue;
            }
            // the Python job on the same fleet (each fleet size has its own)
            Step python = ci.stream().filter(s -> s.name().startsWith("Python") && s.routers() == step.routers()).findFirst().orElse(null);
            long wall = step.run().wallMillis();
            String rss = Report.mib(step.run().peakRssKib());
            if (step.name().contains("1 in 100, empty")) {
                bench.target("diff, 10,000 routers, 1 in 100, empty parse cache", "< 3 s, RSS < 400 MB", Report.seconds(wall) + ", " + rss,
                        wall < 3000 && step.run().peakRssKib() < 400_000 * 1000L / 1024);
            } else if (step.name().contains("1 in 100, filled parse cache")) {
                String ratio = python == null ? "no Python run" : String.format(Locale.ROOT, "%.1f× the Python scenario",
                        python.run().wallMillis() / (double) Math.max(1, wall));
                bench.target("diff, 10,000 routers, 1 in 100, filled parse cache", "< 1.5 s, ≥ 5× Python", Report.seconds(wall) + ", " + ratio,
                        wall < 1500 && python != null && python.run().wallMillis() >= 5 * wall);
            } else if (step.name().contains("template change, filled parse cache")) {
                bench.target("diff, 10,000 routers, template change", "< 5 s", Report.seconds(wall) + ", " + rss, wall < 5000);
            } else if (step.name().contains("template change, filled cache, -Xmx512m")) {
                long unbounded = ci.stream().filter(s -> s.routers() == step.routers() && s.name().contains("template change, filled parse cache"))
                        .mapToLong(s -> s.run().wallMillis()).findFirst().orElse(wall);
                bench.target("diff, 10,000 routers, template change, -Xmx512m", "completes, no slower", Report.seconds(wall) + " (without -Xmx "
                        + Report.seconds(unbounded) + "), " + rss, step.run().exit() == 3 && wall <= unbounded * 6 / 5);
            } else if (step.name().equals("validate, filled parse cache")) {
                bench.target("validate, 10,000 routers, filled parse cache", "< 2 s", Report.seconds(wall) + ", " + rss, wall < 2000);
            }
        }
    }

    private void write(Report report, List<Step> steps, Map<Integer, Map<String, String>> warm) {
        report.heading(2, "Fleet: validate, render, diff");
        report.paragraph("Each CLI command as CI runs it: `lgwan-config COMMAND`, the launcher the build installs beside the jar (the pipelines' scripts"
                + " call it: the C1 compiler alone, the parallel collector with a 128 MiB young generation and the ahead-of-time cache for a short command), in a new JVM on a generated fleet committed to a"
                + " git repository (all five vendor profiles; one organization in twenty has a redundancy pair). Wall time is the whole"
                + " process, JVM start included.");
        Report.Rows rows = new Report.Rows("step", "routers", "wall", "CPU", "peak RSS", "wall per 1,000 routers");
        for (Step step : steps) {
            rows.add(step.name(), Report.count(step.routers()), Report.seconds(step.run().wallMillis()), Report.seconds(step.run().cpuMillis()),
                    Report.mib(step.run().peakRssKib()), Report.seconds(step.run().wallMillis() * 1000L / Math.max(1, step.routers())));
        }
        report.table(rows.rows());
        growth(report, steps);

        report.heading(3, "Render + diff, warm (one JVM)");
        report.paragraph("Both sides of the 1-in-100 change loaded once, then every router rendered at both sides and diffed, repeatedly in one"
                + " JVM (`bench-worker render-diff`): the first run pays the JIT's warm-up, the median of the later half is the warm figure"
                + " (target: < 2 s for 10,000 routers).");
        Report.Rows warmRows = new Report.Rows("routers", "load + validate both sides", "first run", "warm median", "warm best", "CPU per warm run",
                "routers changed", "peak RSS");
        warm.forEach((routers, f) -> warmRows.add(Report.count(routers), Report.seconds(Long.parseLong(f.get("load_ms"))),
                Report.seconds(Long.parseLong(f.get("first_ms"))), Report.seconds(Long.parseLong(f.get("warm_median_ms"))),
                Report.seconds(Long.parseLong(f.get("warm_best_ms"))), Report.seconds(Long.parseLong(f.get("warm_cpu_median_ms"))),
                Report.count(Long.parseLong(f.get("changed"))), Report.mib(Long.parseLong(f.get("process_peak_rss_kib")))));
        report.table(warmRows.rows());
        warm.forEach((routers, f) -> {
            if (routers >= 10_000) {
                long median = Long.parseLong(f.get("warm_median_ms"));
                bench.target("render + diff of " + Report.count(routers) + " routers, warm", "< 2 s", Report.seconds(median) + " (median of the warm runs)",
                        median < 2000);
            }
        });
    }

    /** How each step's wall time grows from the smallest fleet to the largest. */
    private static void growth(Report report, List<Step> steps) {
        List<String> lines = new ArrayList<>();
        for (String name : steps.stream().map(Step::name).distinct().toList()) {
            List<Step> of = steps.stream().filter(s -> s.name().equals(name)).toList();
            if (of.size() < 2) {
                continue;
            }
            Step small = of.get(0);
            Step large = of.get(of.size() - 1);
            lines.add(String.format(Locale.ROOT, "%s: %.1f× the routers, %.1f× the wall time", name,
                    large.routers() / (double) small.routers(), large.run().wallMillis() / (double) Math.max(1, small.run().wallMillis())));
        }
        if (!lines.isEmpty()) {
            report.paragraph("Growth from the smallest to the largest fleet (a fixed JVM start of ~0.1–0.5 s makes small fleets look dearer per router):");
            report.bullets(lines);
        }
    }
}
