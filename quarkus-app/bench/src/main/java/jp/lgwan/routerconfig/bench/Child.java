package jp.lgwan.routerconfig.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Child processes of the bench, each its own JVM (or Python), measured from outside: wall time from
 * fork to exit, CPU time (user + system) and peak resident memory, from GNU time where it is
 * installed, else from sampling /proc.
 */
final class Child {

    /** What a finished child cost. */
    record Measured(int exit, long wallMillis, long cpuMillis, long peakRssKib, Path stdout, Path stderr) {
        String err() {
            return tail(stderr);
        }
    }

    /** The end of a child's log, for an error message (the cause is usually in its last lines). */
    static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? "…" + text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "";
        }
    }

    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private final List<String> jvmOptions;
    private final Path product;
    private final Path logs;
    private int count;

    Child(List<String> jvmOptions, Path product, Path logs) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.product = product;
        this.logs = logs;
    }

    /**
     * The command that runs {@code args} in a new JVM: a bench-worker from the bench's class path; a short command of the
     * product through the launcher the build installs beside its jar ({@code ../bin/lgwan-config}: its JVM options and its
     * ahead-of-time cache, as users and the pipelines run it), on the bench's Java, with the bench's JVM options in
     * {@code LGWAN_JAVA_OPTS}; the service and the lab (which the launcher starts on the JVM's defaults), or any command where
     * there is no launcher, with {@code java -jar}.
     */
    List<String> app(List<String> extraJvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        Path launcher = product.toAbsolutePath().getParent().resolveSibling("bin").resolve("lgwan-config");
        if (args.length > 0 && !List.of("bench-worker", "serve", "lab").contains(args[0]) && Files.isExecutable(launcher)) {
            List<String> options = new ArrayList<>(jvmOptions);
            options.addAll(extraJvmOptions);
            command.addAll(List.of("/usr/bin/env", "JAVA_HOME=" + System.getProperty("java.home"), "LGWAN_JAVA_OPTS=" + String.join(" ", options),
                    launcher.toString()));
            command.addAll(List.of(args));
            return command;
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(extraJvmOptions);
        if (args.length == 0 || !args[0].equals("bench-worker")) {
            command.add("-jar");
            command.add(product.toString());
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(BenchMain.class.getName());
        }
        command.addAll(List.of(args));
        return command;
    }

    List<String> app(String... args) {
        return app(List.of(), args);
    }

    /** Runs {@code command} to its end (at most {@code timeout}) and measures it. */
    Measured run(String name, List<String> command, Duration timeout) throws IOException, InterruptedException {
        String id = String.format("%02d-%s", ++count, name);
        Path stdout = logs.resolve(id + ".out");
        Path stderr = logs.resolve(id + ".err");
        Path timeFile = logs.resolve(id + ".time");
        boolean gnuTime = Files.isExecutable(GNU_TIME);
        List<String> full = new ArrayList<>();
        if (gnuTime) {
            full.addAll(List.of(GNU_TIME.toString(), "-f", "%e %U %S %M", "-o", timeFile.toString()));
        }
        full.addAll(command);
        Files.writeString(logs.resolve(id + ".cmd"), String.join(" ", full) + "\n");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(full).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        long peak = 0;
        long cpu = 0;
        long deadline = started + timeout.toNanos();
        while (!process.waitFor(gnuTime ? 200 : 10, TimeUnit.MILLISECONDS)) {
            if (!gnuTime) {
                // sampled: the last few milliseconds before the exit are missed
                var stats = ProcStats.of(process.pid());
                if (stats.isPresent()) {
                    peak = Math.max(peak, stats.get().peakRssKib());
                    cpu = Math.max(cpu, stats.get().cpuMillis());
                }
            }
            if (System.nanoTime() > deadline) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException(name + " did not finish within " + timeout.toSeconds() + " s; see " + stderr);
            }
        }
        long wall = (System.nanoTime() - started) / 1_000_000;
        if (gnuTime && Files.isRegularFile(timeFile)) {
            List<String> lines = Files.readAllLines(timeFile);
            String[] f = lines.get(lines.size() - 1).trim().split(" ");
            cpu = Math.round((Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000);
            peak = Long.parseLong(f[3]);
        }
        return new Measured(process.exitValue(), wall, cpu, peak, stdout, stderr);
    }

    /** A long-running child and where its output goes. */
    record Started(Process process, Path stdout, Path stderr) {
    }

    /** Starts a long-running child (a lab, the service) with its output in the log folder; its standard input stays open. */
    Started start(String name, List<String> command) throws IOException {
        String id = String.format("%02d-%s", ++count, name);
        Files.writeString(logs.resolve(id + ".cmd"), String.join(" ", command) + "\n");
        Path stdout = logs.resolve(id + ".out");
        Path stderr = logs.resolve(id + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        return new Started(process, stdout, stderr);
    }

    Path logs() {
        return logs;
    }
}
