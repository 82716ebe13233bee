package jp.lgwan.routerconfig.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import jp.lgwan.routerconfig.inventory.Finding;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.inventory.load.InventoryUnreadableException;
import jp.lgwan.routerconfig.inventory.load.LoadResult;

/** What the bench's worker processes share: loading an inventory, measuring themselves, handing back their figures. */
final class Workers {

    private Workers() {
    }

    static Inventory load(Path dir, LocalDate asOf) throws IOException {
        LoadResult loaded;
        try {
            loaded = new InventoryLoader().load(dir, asOf);
        } catch (InventoryUnreadableException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (!loaded.isValid()) {
            throw new IOException(dir + " is invalid: " + loaded.findings().stream().filter(Finding::isError).findFirst().map(Finding::format).orElse("?"));
        }
        return loaded.inventory();
    }

    /** CPU time this process has used so far, all threads, in milliseconds. */
    static long processCpuMillis() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1_000_000;
        }
        return ProcStats.self().map(ProcStats::cpuMillis).orElse(-1L);
    }

    /** The figures every worker reports about itself: peak and current resident memory, peak threads. */
    static void addSelf(Map<String, Object> result) {
        ProcStats.self().ifPresent(s -> {
            result.put("peak_rss_kib", s.peakRssKib());
            result.put("rss_kib", s.rssKib());
        });
        result.put("peak_threads", ManagementFactory.getThreadMXBean().getPeakThreadCount());
    }

    /** The value at quantile {@code q} (0..1) of {@code sorted}, nearest rank. */
    static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    static void write(Map<String, Object> result, Path file) throws IOException {
        Properties p = new Properties();
        result.forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, null);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Map<String, String> read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Map<String, String> result = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> result.put(k, p.getProperty(k)));
        return result;
    }
}
