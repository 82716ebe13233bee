package jp.lgwan.routerconfig.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jp.lgwan.routerconfig.inventory.TestInventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario of {@code bench} except the service (see {@link BenchServiceIT}) at a tiny size, so
 * that the benchmarks cannot rot. Nothing here judges a time: only that each scenario ran its real
 * processes (the packaged product's commands, the bench's workers) and its tables came out with
 * figures in them.
 */
class BenchSmokeIT {

    private static final Pattern SECONDS = Pattern.compile("\\d+\\.\\d+ s");
    private static final Path PRODUCT = Paths.get(System.getProperty("app.runner", "quarkus-app/target/quarkus-app/quarkus-run.jar"));

    @TempDir
    Path temp;

    @Test
    void everyScenarioRunsTinyAndReportsFigures() throws Exception {
        boolean netmiko = netmikoInstalled();
        Path out = temp.resolve("BENCHMARKS.md");
        Files.writeString(out, "# old figures\n\n## Notes\n\nWritten by hand; kept.\n", StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("--scenario", netmiko ? "fleet,window,snmp,netmiko" : "fleet,window,snmp",
                "--sizes", "5", "--window-sizes", "3", "--netmiko-sizes", "3", "--snmp-routers", "3", "--threads", "4",
                // the far condition's line and commit, shortened: what is tested is that the lab applies them
                "--rtt-ms", "5", "--commit-delay-ms", "50", "--latency-settle-ms", "20", "--netmiko-conditions", "a", "--sample-ms", "100",
                "--jvm-option", "-XX:TieredStopAtLevel=1", "--jvm-option", "-XX:+UseSerialGC",
                "--as-of", TestInventory.AS_OF.toString(), "--work", temp.resolve("work").toString(), "--out", out.toString(),
                "--product", PRODUCT.toString()));
        TestInventory.Run run = bench(args.toArray(String[]::new));
        assertEquals(0, run.status(), run.err());
        String report = Files.readString(out, StandardCharsets.UTF_8);

        assertTrue(report.startsWith("# Benchmarks\n"), report);
        assertTrue(report.contains("java -jar quarkus-app/bench/target/bench.jar --scenario"), "the command to rerun:\n" + report);
        for (String machine : List.of("| CPU | ", "| RAM | ", "| Java | ", "| date | ", "| load average (1/5/15 min) | before ",
                "| other processes during the run | ")) {
            assertTrue(report.contains(machine), "machine row " + machine + ":\n" + report);
        }
        assertTrue(report.contains("## Targets"), report);
        assertTrue(report.endsWith("## Notes\n\nWritten by hand; kept.\n"), "the hand-written notes survive a rerun:\n" + report);

        // fleet: every CLI step measured at 5 routers, and the warm render + diff
        String fleet = section(report, "## Fleet");
        for (String step : List.of("| validate |", "| render (every router", "| diff, 1 in 100", "| diff, template change")) {
            assertTrue(row(fleet, step).contains(" s |"), step + " has figures:\n" + fleet);
        }
        assertTrue(SECONDS.matcher(row(section(report, "### Render + diff, warm"), "| 5 |")).find(), report);
        // the merge request's diff on committed revisions: empty and filled parse cache, --full, -Xmx512m, validate
        String incremental = section(report, "### The merge request's diff");
        for (String step : List.of("| diff HEAD~1..HEAD, 1 in 100, empty parse cache", "| diff HEAD~1..HEAD, 1 in 100, filled parse cache",
                "| diff HEAD~1..HEAD, template change, filled cache, -Xmx512m", "| validate, filled parse cache")) {
            assertTrue(row(incremental, step).contains(" s |"), step + " has figures:\n" + incremental);
        }

        // window: both conditions pushed every router and confirmed them
        String window = section(report, "## Window");
        for (String condition : List.of("| (a) no added latency | 3 |", "| (b) 5 ms RTT, 50 ms commit | 3 |")) {
            String line = row(window, condition);
            assertTrue(line.contains("| 3 of 3 |"), "all confirmed: " + line);
            assertTrue(SECONDS.matcher(line).find(), line);
        }

        // SNMP: three rounds over the whole lab, none failed
        String snmp = section(report, "## SNMP");
        for (String round : List.of("| 3 | 1 (with engine discovery) |", "| 3 | 2 |", "| 3 | 3 |")) {
            assertTrue(row(snmp, round).contains("| 0 |"), "no failure in " + row(snmp, round));
        }

        if (netmiko) {
            String side = section(report, "## Side by side with netmiko");
            for (String tool : List.of("ours: push + verify", "ours: push, no SNMP checks", "netmiko: connect, send_config_set, save_config")) {
                for (String condition : List.of("(a)")) {
                    String line = side.lines().filter(l -> l.startsWith("| " + condition) && l.contains(tool)).findFirst().orElse("");
                    assertTrue(line.contains("| 3 of 3 |"), tool + " " + condition + " pushed every router: " + line + "\n" + side);
                    assertTrue(line.matches(".*\\d+\\.\\d×.*"), "a ratio: " + line);
                }
            }
            assertTrue(report.contains("≥ 5× netmiko"), "the ratio target is judged:\n" + report);
        }
        assertFalse(report.contains("NaN") || report.contains("| -1"), report);
    }

    private static String section(String report, String heading) {
        int at = report.indexOf("\n" + heading);
        assertTrue(at >= 0, "no section " + heading + " in:\n" + report);
        int end = report.indexOf("\n## ", at + heading.length() + 1);
        return report.substring(at, end < 0 ? report.length() : end);
    }

    private static String row(String section, String start) {
        return section.lines().filter(l -> l.startsWith(start)).findFirst().orElseGet(() -> fail("no row " + start + " in:\n" + section));
    }

    private static boolean netmikoInstalled() throws Exception {
        Path python = Paths.get("/usr/bin/python3");
        boolean present = Files.isExecutable(python) && new ProcessBuilder(python.toString(), "-c", "import netmiko").start().waitFor() == 0;
        if (!present && System.getenv("CI") != null) {
            fail("CI must run the netmiko comparison, but python3-netmiko is not installed; .ci/run installs it");
        }
        return present;
    }

    @Test
    void refusesAnUnknownScenario() {
        TestInventory.Run run = bench("--scenario", "fleet,speed");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("no scenario speed"), run.err());
    }

    private static TestInventory.Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = BenchMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new TestInventory.Run(status, out.toString(), err.toString());
    }
}
