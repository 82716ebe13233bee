package jp.lgwan.routerconfig.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's service scenario, tiny, run as README says (the bench's own jar, measuring the
 * packaged product: the service needs Quarkus' build): it starts {@code serve} twice on a
 * generated fleet in git, loads both endpoints and reports figures. No time is judged.
 */
class BenchServiceIT {

    private static final Path JAR = Paths.get(System.getProperty("app.runner", "quarkus-app/target/quarkus-app/quarkus-run.jar"));
    private static final Path BENCH = Paths.get(System.getProperty("bench.jar", "quarkus-app/bench/target/bench.jar"));

    @TempDir
    Path temp;

    @Test
    void serviceScenarioStartsLoadsAndReports() throws Exception {
        Path out = temp.resolve("BENCHMARKS.md");
        Path err = temp.resolve("err.txt");
        List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", BENCH.toString(),
                "--scenario", "service", "--service-routers", "20", "--requests", "60", "--clients", "4", "--sample-ms", "100",
                "--work", temp.resolve("work").toString(), "--out", out.toString(), "--product", JAR.toString());
        Process process = new ProcessBuilder(command).redirectOutput(temp.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
        // a guard against a hang, not a time: on main under a load average of 30 (six builds on 2 cores) the scenario
        // took more than 5 minutes, and the bench and the services it started were left running
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("bench did not finish within 20 minutes:\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        assertEquals(0, process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));

        String report = Files.readString(out, StandardCharsets.UTF_8);
        String service = report.substring(report.indexOf("## Service"));
        Pattern seconds = Pattern.compile("\\| \\d+\\.\\d+ s \\| \\d+\\.\\d+ s \\| [0-9.]+ s \\| \\d[\\d,]* MiB \\| \\d[\\d,]* MiB \\|");
        for (String start : List.of("| first start (PostgreSQL unpacked and initialized) |", "| restart (data kept; inventory from its snapshot) |",
                "| restart, inventory snapshot deleted (parsed, validated and rendered again) |")) {
            String row = service.lines().filter(l -> l.startsWith(start)).findFirst().orElse("");
            assertTrue(seconds.matcher(row).find(), "start, CPU until ready, Quarkus' own figure and both RSS: " + row + "\n" + service);
        }
        for (String endpoint : List.of("| GET /api/routers/{hostname} | 60 | 4 |", "| POST /api/change-notifications | 60 | 4 |")) {
            String row = service.lines().filter(l -> l.startsWith(endpoint)).findFirst().orElse("");
            assertTrue(row.matches(".*\\| [0-9.]+ ms \\| [0-9.]+ ms \\| [0-9.]+ ms \\| 0 \\|$"), "p50, p99, max and no error: " + row + "\n" + service);
        }
        assertTrue(report.contains("| service start, restart (data kept; inventory from its snapshot) | < 2 s |"), report);
        assertTrue(report.contains("| service RSS with 21 routers loaded | < 300 MB |"), report);
    }
}
