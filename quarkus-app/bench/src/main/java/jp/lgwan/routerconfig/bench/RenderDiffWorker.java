package jp.lgwan.routerconfig.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.render.InventoryDiff;

/**
 * Render + diff of a whole fleet, warm: both inventories loaded once, then every router rendered
 * on both sides and diffed, {@code iterations} times in one JVM (what a long-running service does
 * for each change; the CLI pays the JVM's warm-up on top, measured separately).
 */
public final class RenderDiffWorker {

    private RenderDiffWorker() {
    }

    public static Map<String, Object> run(Path baseDir, Path headDir, Path templates, LocalDate asOf, int iterations) throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        long started = System.nanoTime();
        Inventory base = Workers.load(baseDir, asOf);
        Inventory head = Workers.load(headDir, asOf);
        result.put("load_ms", (System.nanoTime() - started) / 1_000_000);
        result.put("routers", head.routerCount());
        long[] times = new long[iterations];
        long[] cpu = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long cpuBefore = Workers.processCpuMillis();
            long t0 = System.nanoTime();
            InventoryDiff.Result diff = InventoryDiff.between(new InventoryDiff.Side(base, templates), new InventoryDiff.Side(head, templates), n -> { });
            times[i] = (System.nanoTime() - t0) / 1_000_000;
            cpu[i] = Workers.processCpuMillis() - cpuBefore;
            if (!diff.problems().isEmpty()) {
                throw new IOException(diff.problems().size() + " routers failed to render: " + diff.problems().get(0).format());
            }
            result.put("compared", diff.compared());
            result.put("changed", diff.changes().size());
        }
        result.put("first_ms", times[0]);
        // warm: the runs after the first half, when the JIT has compiled the hot paths
        int from = Math.min(iterations - 1, iterations / 2);
        long[] warm = Workers.sorted(java.util.Arrays.copyOfRange(times, from, iterations));
        long[] warmCpu = Workers.sorted(java.util.Arrays.copyOfRange(cpu, from, iterations));
        result.put("warm_median_ms", Workers.quantile(warm, 0.5));
        result.put("warm_best_ms", warm[0]);
        result.put("warm_cpu_median_ms", Workers.quantile(warmCpu, 0.5));
        result.put("iterations", iterations);
        Workers.addSelf(result);
        return result;
    }
}
