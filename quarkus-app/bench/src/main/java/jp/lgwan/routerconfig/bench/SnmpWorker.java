package jp.lgwan.routerconfig.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.lab.LabDirectoryFile;
import jp.lgwan.routerconfig.lab.LabProcessDirectory;

/**
 * The verification poll of a whole lab at once, as a window's post-checks would issue it: one
 * {@link SnmpProbe} (one socket), every router's system group, interface tables and duplex column
 * requested together. The first round includes each router's engine discovery; later rounds reuse it.
 */
public final class SnmpWorker {

    private SnmpWorker() {
    }

    public static Map<String, Object> run(Path labDir, int rounds) throws IOException, InterruptedException, DeviceException {
        LabProcessDirectory lab = new LabProcessDirectory(labDir);
        List<LabDirectoryFile.Router> routers = lab.current().routers();
        // the targets are known before a window's polls start: looking them up is not part of the poll
        List<SnmpTarget> targets = new ArrayList<>();
        for (LabDirectoryFile.Router router : routers) {
            targets.add(lab.access(router.hostname()).snmp());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("routers", routers.size());
        try (SnmpProbe probe = new SnmpProbe()) {
            for (int round = 1; round <= rounds; round++) {
                AtomicInteger failed = new AtomicInteger();
                AtomicReference<String> firstError = new AtomicReference<>();
                long cpuBefore = Workers.processCpuMillis();
                long started = System.nanoTime();
                List<CompletableFuture<?>> polls = new ArrayList<>();
                for (int i = 0; i < routers.size(); i++) {
                    LabDirectoryFile.Router router = routers.get(i);
                    polls.add(probe.poll(targets.get(i)).whenComplete((snapshot, error) -> {
                        if (error != null || snapshot.interfaces().isEmpty()) {
                            failed.incrementAndGet();
                            firstError.compareAndSet(null, error == null ? router.hostname() + ": no interfaces" : error.getMessage());
                        }
                    }).exceptionally(e -> null));
                }
                try {
                    CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new IOException("SNMP round " + round + ": " + e.getMessage(), e);
                }
                result.put("round" + round + ".wall_ms", (System.nanoTime() - started) / 1_000_000);
                result.put("round" + round + ".cpu_ms", Workers.processCpuMillis() - cpuBefore);
                result.put("round" + round + ".failed", failed.get());
                if (firstError.get() != null) {
                    result.put("round" + round + ".first_error", firstError.get());
                }
            }
        }
        result.put("threads_now", Thread.activeCount());
        Workers.addSelf(result);
        return result;
    }
}
