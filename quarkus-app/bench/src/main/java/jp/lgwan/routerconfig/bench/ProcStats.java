package jp.lgwan.routerconfig.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A process as Linux's /proc shows it at one moment: CPU time used so far (user + system), resident
 * memory now and at its peak, and threads. Empty where /proc cannot be read (the process is gone,
 * or this is not Linux).
 */
public record ProcStats(long cpuMillis, long rssKib, long peakRssKib, int threads) {

    /** Clock ticks per second of /proc/PID/stat; 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final long TICKS_PER_SECOND = 100;

    public static Optional<ProcStats> of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold blanks and parentheses: fields count from the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return Optional.of(new ProcStats(ticks * 1000 / TICKS_PER_SECOND, kib(status, "VmRSS:"), kib(status, "VmHWM:"),
                    (int) kib(status, "Threads:")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static Optional<ProcStats> self() {
        return of(ProcessHandle.current().pid());
    }

    private static long kib(List<String> status, String key) {
        return status.stream().filter(l -> l.startsWith(key)).findFirst()
                .map(l -> Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0])).orElse(0L);
    }

    /**
     * The memory of a process and all its descendants now (e.g. PostgreSQL's server and backends),
     * in KiB, as proportional set sizes: pages they share (PostgreSQL's shared buffers) count once,
     * where adding up their RSS would count them in every backend.
     */
    public static long treePssKib(long pid) {
        return ProcessHandle.of(pid).map(root -> {
            long sum = pssKib(pid);
            for (ProcessHandle child : root.descendants().toList()) {
                sum += pssKib(child.pid());
            }
            return sum;
        }).orElse(0L);
    }

    private static long pssKib(long pid) {
        try {
            return kib(Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup")), "Pss:");
        } catch (IOException | RuntimeException e) {
            return of(pid).map(ProcStats::rssKib).orElse(0L);
        }
    }
}
