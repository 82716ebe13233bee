package jp.lgwan.routerconfig.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the figures were measured on, and what else was using it. */
public final class Machine {

    private Machine() {
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static String cpuModel() {
        return lines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
    }

    public static String memory() {
        return lines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> String.format("%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("?");
    }

    public static String java() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    public static String os() {
        String pretty = lines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME=")).findFirst()
                .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).orElse(System.getProperty("os.name"));
        return pretty + ", kernel " + System.getProperty("os.version");
    }

    /** The 1, 5 and 15 minute load averages. */
    public static String loadAverage() {
        List<String> load = lines(Path.of("/proc/loadavg"));
        if (load.isEmpty()) {
            return "?";
        }
        String[] parts = load.get(0).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    /**
     * The processes outside {@code ours} (this process and its descendants) that used more than 5 %
     * of a core over {@code sampleMillis}: what else was running.
     */
    public static List<String> busyOthers(long sampleMillis) {
        Set<Long> ours = Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .map(ProcessHandle::pid).collect(Collectors.toSet());
        Map<Long, Long> before = cpuOfAll();
        try {
            Thread.sleep(sampleMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<Long, Long> after = cpuOfAll();
        List<long[]> busy = new ArrayList<>();
        after.forEach((pid, cpu) -> {
            long used = cpu - before.getOrDefault(pid, cpu);
            if (!ours.contains(pid) && used * 100 > sampleMillis * 5) {
                busy.add(new long[] {pid, used});
            }
        });
        busy.sort(Comparator.comparingLong((long[] b) -> b[1]).reversed());
        List<String> shown = new ArrayList<>();
        for (long[] b : busy.subList(0, Math.min(8, busy.size()))) {
            shown.add(String.format("%.0f%% of a core: %s", b[1] * 100.0 / sampleMillis, describe(b[0])));
        }
        return shown;
    }

    /**
     * Watches, while the bench runs, how much CPU the processes that are not the bench's used: this
     * process, its descendants and anything whose command line names the bench's work folder
     * (PostgreSQL, which pg_ctl detaches) are the bench's.
     */
    static final class Watcher implements AutoCloseable {
        private final Path work;
        private final long started = System.nanoTime();
        private final java.util.Map<Long, Long> last = new HashMap<>();
        private final java.util.Map<String, Long> byCommand = new HashMap<>();
        private final Thread thread;
        private long othersMillis;
        private double maxLoad;
        private volatile boolean stop;

        Watcher(Path work) {
            this.work = work;
            this.thread = new Thread(this::run, "bench-watcher");
            this.thread.setDaemon(true);
            sample();
            this.thread.start();
        }

        private void run() {
            while (!stop) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
                sample();
            }
        }

        private synchronized void sample() {
            Set<Long> ours = Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                    .map(ProcessHandle::pid).collect(Collectors.toSet());
            cpuOfAll().forEach((pid, cpu) -> {
                Long before = last.put(pid, cpu);
                if (ours.contains(pid)) {
                    return;
                }
                long used = before == null ? 0 : Math.max(0, cpu - before);
                if (used <= 0) {
                    return;
                }
                String command = ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("");
                if (!command.contains(work.toString())) {
                    othersMillis += used;
                    byCommand.merge(describe(pid), used, Long::sum);
                }
            });
            String load = loadAverage();
            if (!load.equals("?")) {
                maxLoad = Math.max(maxLoad, Double.parseDouble(load.split(" ")[0]));
            }
        }

        /** What the other processes used while the bench ran, as a sentence for the report. */
        synchronized String summary() {
            long wall = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            List<Map.Entry<String, Long>> busiest = byCommand.entrySet().stream()
                    .filter(e -> e.getValue() >= 500).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5).toList();
            StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "%.0f CPU-seconds in %.0f min, %.1f %% of the machine's %d cores; highest 1-minute load average %.1f (the bench's own threads included)",
                    othersMillis / 1000.0, wall / 60000.0, othersMillis * 100.0 / (wall * (double) cores()), cores(), maxLoad));
            if (!busiest.isEmpty()) {
                text.append("; the busiest: ");
                text.append(String.join("; ", busiest.stream()
                        .map(e -> String.format(java.util.Locale.ROOT, "%.0f s %s", e.getValue() / 1000.0, e.getKey())).toList()));
            }
            return text.toString();
        }

        @Override
        public void close() {
            stop = true;
            thread.interrupt();
            sample();
        }
    }

    /**
     * What a process is, without its arguments (which may hold anything): the program's name, and
     * for a JVM the jar or main class it runs and the jar's first argument.
     */
    static String describe(long pid) {
        var info = ProcessHandle.of(pid).map(ProcessHandle::info);
        String command = info.flatMap(ProcessHandle.Info::command).orElse("");
        if (command.isEmpty() || command.startsWith("/memfd:")) {
            return "an unnamed process";
        }
        String program = Path.of(command).getFileName().toString();
        if (!program.equals("java")) {
            return program;
        }
        List<String> args = info.flatMap(ProcessHandle.Info::arguments).map(List::of).orElse(List.of());
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-jar") && i + 1 < args.size()) {
                return "java -jar " + args.get(i + 1) + (i + 2 < args.size() && !args.get(i + 2).startsWith("-") ? " " + args.get(i + 2) : "");
            }
            if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path")) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg.contains("plexus.classworlds") ? "java (Maven)" : "java " + arg;
            }
        }
        return "java";
    }

    private static Map<Long, Long> cpuOfAll() {
        Map<Long, Long> cpu = new HashMap<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            dirs.map(d -> d.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit)).forEach(n -> {
                long pid = Long.parseLong(n);
                ProcStats.of(pid).ifPresent(s -> cpu.put(pid, s.cpuMillis()));
            });
        } catch (IOException e) {
            // not Linux: nothing to say
        }
        return cpu;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
