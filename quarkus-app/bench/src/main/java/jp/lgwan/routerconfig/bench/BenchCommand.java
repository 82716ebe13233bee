package jp.lgwan.routerconfig.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import jp.lgwan.routerconfig.cli.Cli;
import jp.lgwan.routerconfig.cli.SourceFolders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import jp.lgwan.routerconfig.rollout.PushThreads;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = BenchWorkerCommand.class,
        description = {"Measures the fleet commands, windows against lab routers (side by side with netmiko), the SNMP poll and the service,",
                "each in processes of its own on generated fleets with fixed seeds, and writes the figures to --out.",
                "A section headed '" + BenchCommand.NOTES + "' in an existing --out file is kept. Exit status: 0 measured, 1 a scenario failed, 2 usage."})
final class BenchCommand implements Callable<Integer> {

    static final String NOTES = "## Notes";

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", split = ",", defaultValue = "all",
            description = "fleet, window, snmp, netmiko, service, backup or all (default: ${DEFAULT-VALUE}); several separated by commas")
    List<String> scenarios;

    @Option(names = "--sizes", paramLabel = "N", split = ",", defaultValue = "1000,3500,10000", description = "fleet: routers (default: ${DEFAULT-VALUE})")
    List<Integer> fleetSizes;

    @Option(names = "--window-sizes", paramLabel = "N", split = ",", defaultValue = "100,1000,3500", description = "window: lab routers (default: ${DEFAULT-VALUE})")
    List<Integer> windowSizes;

    @Option(names = "--netmiko-sizes", paramLabel = "N", split = ",", defaultValue = "100,1000", description = "netmiko: lab routers (default: ${DEFAULT-VALUE})")
    List<Integer> netmikoSizes;

    @Option(names = "--snmp-routers", paramLabel = "N", defaultValue = "3500", description = "snmp: lab routers polled at once (default: ${DEFAULT-VALUE})")
    int snmpRouters;

    @Option(names = "--service-routers", paramLabel = "N", defaultValue = "3500", description = "service: routers in its inventory (default: ${DEFAULT-VALUE})")
    int serviceRouters;

    @Option(names = "--backup-routers", paramLabel = "N", defaultValue = "3500",
            description = "backup: lab routers the service collects (default: ${DEFAULT-VALUE})")
    int backupRouters;

    @Option(names = "--backup-rounds", paramLabel = "N", defaultValue = "10",
            description = "backup: collections after the first, each after a hand change on 1 %% of the routers (default: ${DEFAULT-VALUE})")
    int backupRounds;

    @Option(names = "--netmiko-conditions", paramLabel = "C", split = ",", defaultValue = "a,b",
            description = "netmiko: under which line conditions, a (no added latency) and/or b (--rtt-ms, --commit-delay-ms) (default: ${DEFAULT-VALUE})")
    List<String> netmikoConditions;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "100",
            description = "netmiko: its pool of threads; ours with --push-threads platform: its pool (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--push-threads", paramLabel = "KIND", defaultValue = "VIRTUAL",
            description = "window, ours: VIRTUAL (a virtual thread per router, lgwan.rollout.threads=virtual) or PLATFORM (a pool of --threads)"
                    + " (default: ${DEFAULT-VALUE})")
    PushThreads pushThreads;

    @Option(names = "--push-concurrency", paramLabel = "N", defaultValue = "0",
            description = "window, ours with virtual threads: routers pushed at once (lgwan.rollout.concurrency); 0: every router of the lab"
                    + " (default: ${DEFAULT-VALUE})")
    int pushConcurrency;

    @Option(names = "--rtt-ms", paramLabel = "MS", defaultValue = "50", description = "window (b): emulated round trip (default: ${DEFAULT-VALUE})")
    long rttMillis;

    @Option(names = "--commit-delay-ms", paramLabel = "MS", defaultValue = "2000", description = "window (b): a router's commit time (default: ${DEFAULT-VALUE})")
    long commitMillis;

    @Option(names = "--settle-ms", paramLabel = "MS", defaultValue = "0", description = "window (a): wait before each post-check poll (default: ${DEFAULT-VALUE})")
    long settleMillis;

    @Option(names = "--latency-settle-ms", paramLabel = "MS", defaultValue = "2000", description = "window (b): wait before each post-check poll (default: ${DEFAULT-VALUE}, the service's)")
    long latencySettleMillis;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "32", description = "service: concurrent HTTP clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "5000", description = "service: measured requests per endpoint (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the generated fleets (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", defaultValue = "2026-11-25", description = "the generated fleets' day (default: ${DEFAULT-VALUE})")
    LocalDate asOf;

    /** The generated fleets take their vendor profiles and operations from --inventory. */
    @picocli.CommandLine.Mixin
    SourceFolders folders;

    @Option(names = "--work", paramLabel = "DIR", description = "where fleets, labs and logs go (default: a new temporary folder, removed afterwards)")
    Path work;

    @Option(names = "--jvm-option", paramLabel = "OPTION", description = "an option for every child JVM (repeatable), e.g. -XX:StartFlightRecording=...")
    List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--python", paramLabel = "FILE", defaultValue = "/usr/bin/python3", description = "the Python with netmiko (default: ${DEFAULT-VALUE})")
    Path python;

    @Option(names = "--sample-ms", paramLabel = "MS", defaultValue = "2000", hidden = true,
            description = "how long to watch other processes' CPU before and after (default: ${DEFAULT-VALUE})")
    long sampleMillis;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "BENCHMARKS.md", description = "the report (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--product", paramLabel = "JAR", defaultValue = "quarkus-app/target/quarkus-app/quarkus-run.jar",
            description = "the packaged product whose commands and service are measured (default: ${DEFAULT-VALUE})")
    Path product;

    @Override
    public Integer call() throws IOException {
        Set<String> chosen = new LinkedHashSet<>();
        for (String scenario : scenarios) {
            if (scenario.equals("all")) {
                chosen.addAll(Bench.SCENARIOS);
            } else if (Bench.SCENARIOS.contains(scenario)) {
                chosen.add(scenario);
            } else {
                throw new Cli.UsageException("--scenario: no scenario " + scenario + " (there are " + String.join(", ", Bench.SCENARIOS) + ", all)");
            }
        }
        for (List<Integer> sizes : List.of(fleetSizes, windowSizes, netmikoSizes, List.of(snmpRouters, serviceRouters, backupRouters, threads, clients, requests))) {
            if (sizes.stream().anyMatch(n -> n < 1)) {
                throw new Cli.UsageException("sizes, threads, clients and requests must be at least 1");
            }
        }
        Path inventory = folders.inventory();
        Path templates = folders.templates();
        if (!Files.isDirectory(inventory) || !Files.isDirectory(templates)) {
            throw new Cli.UsageException("no inventory folder at " + inventory + " or no templates folder at " + templates + " (run from the repository's top)");
        }
        if (!Set.of("a", "b").containsAll(netmikoConditions)) {
            throw new Cli.UsageException("--netmiko-conditions: a, b or both");
        }
        if (!Files.isRegularFile(product)) {
            throw new Cli.UsageException("no product at " + product + ": build it first (./mvnw -B -q package -DskipTests) or name it with --product");
        }
        boolean temporary = work == null;
        Path workDir = temporary ? Files.createTempDirectory("lgwan-bench-") : Files.createDirectories(work);
        Bench.Settings settings = new Bench.Settings(chosen, fleetSizes, windowSizes, netmikoSizes, snmpRouters, serviceRouters, threads,
                Duration.ofMillis(rttMillis), Duration.ofMillis(commitMillis), Duration.ofMillis(settleMillis), Duration.ofMillis(latencySettleMillis),
                seed, asOf, inventory.toAbsolutePath().normalize(), templates.toAbsolutePath().normalize(), workDir.toAbsolutePath(), jvmOptions,
                python, clients, requests, Set.copyOf(netmikoConditions), sampleMillis, product.toAbsolutePath().normalize(), pushThreads,
                pushConcurrency, backupRouters, backupRounds);
        String command = "java -jar quarkus-app/bench/target/bench.jar " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String text;
        try {
            text = new Bench(settings, spec.commandLine().getErr()).run(command.strip());
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("bench: " + e.getMessage() + (temporary ? "" : " (logs in " + workDir.resolve("logs") + ")"));
            return Cli.INVALID;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cli.INVALID;
        } finally {
            if (temporary) {
                try {
                    Bench.delete(workDir);
                } catch (java.io.UncheckedIOException e) {
                    // a temporary folder the system cleans anyway
                }
            }
        }
        write(text);
        spec.commandLine().getErr().println("bench: figures written to " + out);
        return Cli.OK;
    }

    /** Writes the report, keeping the hand-written notes section of the file it replaces. */
    private void write(String text) throws IOException {
        String notes = "";
        if (Files.isRegularFile(out)) {
            String old = Files.readString(out, StandardCharsets.UTF_8);
            int at = old.indexOf("\n" + NOTES + "\n");
            if (at >= 0) {
                notes = old.substring(at + 1);
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".bench-", ".md");
        Files.writeString(temp, notes.isEmpty() ? text : text + notes, StandardCharsets.UTF_8);
        Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
