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
            String command = ProcessHandle.of(b[0]).flatMap(p -> p.info().commandLine()).orElse("pid " + b[0]);
            shown.add(String.format("%.0f%% of a core: %s", b[1] * 100.0 / sampleMillis, shorten(command)));
        }
        return shown;
    }

    private static String shorten(String command) {
        String oneLine = command.replaceAll("\\s+", " ");
        // a JVM's long class path says little; its main class or jar says what it is
        oneLine = oneLine.replaceAll("-cp \\S+|-classpath \\S+", "-cp …");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
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
