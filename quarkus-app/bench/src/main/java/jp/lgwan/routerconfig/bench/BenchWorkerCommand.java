package jp.lgwan.routerconfig.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import jp.lgwan.routerconfig.cli.Cli;
import jp.lgwan.routerconfig.rollout.PushThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The processes {@code bench} starts: each measures one thing and writes its figures to --out. Not for people. */
@Command(name = "bench-worker", hidden = true, description = "A process the bench command starts.",
        subcommands = {BenchWorkerCommand.Lab.class, BenchWorkerCommand.Push.class, BenchWorkerCommand.Snmp.class, BenchWorkerCommand.RenderDiff.class})
final class BenchWorkerCommand {

    private BenchWorkerCommand() {
    }

    /** What every worker that renders needs: the templates and the day the inventory is judged on. */
    static final class Rendering {
        @Option(names = "--templates", required = true)
        Path templates;
        @Option(names = "--as-of", required = true)
        LocalDate asOf;
    }

    @Command(name = "lab", description = "Hosts a lab fleet until standard input closes.")
    static final class Lab implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--inventory", required = true)
        Path inventory;
        @Mixin
        Rendering rendering;
        @Option(names = "--routers", required = true)
        int routers;
        @Option(names = "--rtt-ms", defaultValue = "0")
        long rtt;
        @Option(names = "--commit-delay-ms", defaultValue = "0")
        long commitDelay;
        @Option(names = "--password")
        String password;
        @Option(names = "--dir", required = true, description = "where the lab writes lab.json and its keys")
        Path dir;

        @Override
        public Integer call() throws Exception {
            LabHost.run(inventory, rendering.templates, rendering.asOf, new LabHost.Settings(routers, Duration.ofMillis(rtt), Duration.ofMillis(commitDelay), password), dir,
                    spec.commandLine().getOut(), System.in);
            return Cli.OK;
        }
    }

    @Command(name = "push", description = "Pushes every router of a lab to an inventory's intended config.")
    static final class Push implements Callable<Integer> {
        @Option(names = "--lab", required = true)
        Path lab;
        @Option(names = "--inventory", required = true)
        Path inventory;
        @Mixin
        Rendering rendering;
        @Option(names = "--threads", defaultValue = "100", description = "routers pushed at once")
        int threads;
        @Option(names = "--push-threads", defaultValue = "VIRTUAL", description = "VIRTUAL or PLATFORM (lgwan.rollout.threads)")
        PushThreads kind;
        @Option(names = "--no-snmp-checks", description = "RouterPush's device steps only: no SNMP pre-check, settle or post-check")
        boolean noChecks;
        @Option(names = "--settle-ms", defaultValue = "0")
        long settle;
        @Option(names = "--out", required = true)
        Path out;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> result = PushWorker.run(lab, inventory, rendering.templates, rendering.asOf, new PushWorker.Settings(threads, kind, !noChecks,
                    Duration.ofMillis(settle)));
            write(result, out);
            return Cli.OK;
        }
    }

    @Command(name = "snmp", description = "Polls every router of a lab at once, several rounds.")
    static final class Snmp implements Callable<Integer> {
        @Option(names = "--lab", required = true)
        Path lab;
        @Option(names = "--rounds", defaultValue = "3")
        int rounds;
        @Option(names = "--out", required = true)
        Path out;

        @Override
        public Integer call() throws Exception {
            write(SnmpWorker.run(lab, rounds), out);
            return Cli.OK;
        }
    }

    @Command(name = "render-diff", description = "Renders and diffs two inventories repeatedly in one JVM.")
    static final class RenderDiff implements Callable<Integer> {
        @Option(names = "--base", required = true)
        Path base;
        @Option(names = "--head", required = true)
        Path head;
        @Mixin
        Rendering rendering;
        @Option(names = "--iterations", defaultValue = "10")
        int iterations;
        @Option(names = "--out", required = true)
        Path out;

        @Override
        public Integer call() throws Exception {
            write(RenderDiffWorker.run(base, head, rendering.templates, rendering.asOf, iterations), out);
            return Cli.OK;
        }
    }

    private static void write(Map<String, Object> result, Path out) throws java.io.IOException {
        Bench.writeFigures(result, out);
    }
}
