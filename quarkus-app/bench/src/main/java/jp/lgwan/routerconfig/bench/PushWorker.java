package jp.lgwan.routerconfig.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import jp.lgwan.routerconfig.lab.LabDirectoryFile;
import jp.lgwan.routerconfig.lab.LabProcessDirectory;
import jp.lgwan.routerconfig.device.CliRouterDriver;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.RouterDriver;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.render.InventoryDiff;
import jp.lgwan.routerconfig.render.RenderException;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;
import jp.lgwan.routerconfig.rollout.PushThreads;
import jp.lgwan.routerconfig.rollout.RolloutPolicy;
import jp.lgwan.routerconfig.rollout.RouterPush;
import jp.lgwan.routerconfig.rollout.StepEvidence;

/**
 * The pushing side of a window, in a process of its own: every router of a lab pushed to the
 * intended config of an inventory, {@code threads} at once on the service's {@link PushThreads}, as its window runner does,
 * either with {@link RouterPush} whole (SNMP pre-check, backup, compare, commit under the revert
 * timer, two SNMP post-check polls, confirm, save) or without the SNMP checks (open, backup, compare,
 * commit under the revert timer, confirm, save). Steps are recorded in memory, not in PostgreSQL.
 * Rendering and secret resolution happen before the clock starts.
 */
public final class PushWorker {

    /**
     * How the window runs: routers pushed at once and on which threads (the service's {@code lgwan.rollout.concurrency} and
     * {@code lgwan.rollout.threads}), whether SNMP verification runs, and the settle wait around the post-check polls.
     */
    public record Settings(int threads, PushThreads kind, boolean verify, Duration settle) {
    }

    private PushWorker() {
    }

    public static Map<String, Object> run(Path labDir, Path inventoryDir, Path templates, LocalDate asOf, Settings settings)
            throws IOException, DeviceException, InterruptedException {
        LabProcessDirectory lab = new LabProcessDirectory(labDir);
        Inventory inventory = Workers.load(inventoryDir, asOf);
        ConfigRenderer renderer = new ConfigRenderer(templates);
        Map<String, Dialect> dialects = new HashMap<>();
        List<RouterPush.Target> targets = new ArrayList<>();
        for (LabDirectoryFile.Router labRouter : lab.current().routers()) {
            ConnectionRouter router = inventory.router(labRouter.hostname())
                    .orElseThrow(() -> new IOException(labRouter.hostname() + " is in the lab but not in " + inventoryDir));
            String rendered;
            try {
                rendered = renderer.render(inventory, router).text();
            } catch (RenderException e) {
                throw new IOException(e.problem().format());
            }
            Dialect dialect = dialects.computeIfAbsent(router.vendorProfile(), p -> InventoryDiff.dialectOf(templates, p));
            DeviceAccess access = lab.access(labRouter.hostname());
            targets.add(new RouterPush.Target(router.hostname(), lab.resolveSecrets(rendered), dialect,
                    Verification.IntendedWan.of(inventory, router), access));
        }

        RolloutPolicy policy = RolloutPolicy.defaults(settings.settle(), "bench");
        ScheduledExecutorService watchdogs = Executors.newScheduledThreadPool(2, daemon("watchdog"));
        ExecutorService pool = settings.kind().executor(settings.threads(), "push");
        Map<String, State> outcomes = new ConcurrentHashMap<>();
        Map<String, String> errors = new ConcurrentHashMap<>();
        long[] durations = new long[targets.size()];
        AtomicLong backups = new AtomicLong();
        try (SnmpProbe probe = new SnmpProbe()) {
            RouterPush push = new RouterPush(probe, watchdogs, policy, Clock.systemUTC());
            long cpuBefore = Workers.processCpuMillis();
            long started = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                int index = i;
                RouterPush.Target target = targets.get(i);
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    State state;
                    try {
                        if (settings.verify()) {
                            RouterPush.Outcome outcome = push.run(target, new MemoryLedger(backups));
                            state = outcome.state();
                            if (state != State.CONFIRMED && state != State.ALREADY_COMPLIANT) {
                                errors.putIfAbsent(target.hostname(), outcome.reason());
                            }
                        } else {
                            state = pushWithoutChecks(target, policy, watchdogs);
                        }
                    } catch (DeviceException | RuntimeException e) {
                        state = State.FAILED;
                        errors.putIfAbsent(target.hostname(), String.valueOf(e.getMessage()));
                    }
                    outcomes.put(target.hostname(), state);
                    durations[index] = (System.nanoTime() - t0) / 1_000_000;
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            long wall = (System.nanoTime() - started) / 1_000_000;
            long cpu = Workers.processCpuMillis() - cpuBefore;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("routers", targets.size());
            result.put("threads", settings.threads());
            result.put("push_threads", settings.kind().name().toLowerCase(java.util.Locale.ROOT));
            result.put("verify", settings.verify());
            result.put("settle_ms", settings.settle().toMillis());
            result.put("wall_ms", wall);
            result.put("cpu_ms", cpu);
            long[] sorted = Workers.sorted(durations);
            result.put("p50_ms", Workers.quantile(sorted, 0.50));
            result.put("p95_ms", Workers.quantile(sorted, 0.95));
            result.put("max_ms", sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
            for (State state : State.values()) {
                long count = outcomes.values().stream().filter(s -> s == state).count();
                if (count > 0) {
                    result.put("state." + state.name().toLowerCase(), count);
                }
            }
            result.put("ok", outcomes.values().stream().filter(s -> s == State.CONFIRMED).count());
            errors.values().stream().findFirst().ifPresent(e -> result.put("first_error", e));
            Workers.addSelf(result);
            return result;
        } finally {
            pool.shutdownNow();
            watchdogs.shutdownNow();
        }
    }

    /** RouterPush's device steps without its SNMP pre-check, settle waits and post-check. */
    private static State pushWithoutChecks(RouterPush.Target target, RolloutPolicy policy, ScheduledExecutorService watchdogs)
            throws DeviceException {
        DeviceAccess access = target.access();
        try (RouterDriver driver = new CliRouterDriver(target.hostname(), access.ssh(), target.dialect(), access.key(), access.password(),
                access.administrator(), watchdogs)) {
            driver.open();
            driver.runningConfig(); // the backup
            driver.loadCandidate(target.intended().text());
            if (!driver.compare().changed()) {
                return State.ALREADY_COMPLIANT;
            }
            driver.commit(policy.revertIn());
            driver.confirm();
            driver.save();
            return State.CONFIRMED;
        }
    }

    /** The steps of one router kept in memory (the service writes each to PostgreSQL before the next). */
    private static final class MemoryLedger implements RouterPush.Ledger {
        private final AtomicLong ids;
        private String backup;

        MemoryLedger(AtomicLong ids) {
            this.ids = ids;
        }

        @Override
        public void step(State state, String name, String outcome, StepEvidence evidence) {
            // nothing to keep: the bench counts outcomes
        }

        @Override
        public long backup(String runningConfig) {
            backup = runningConfig;
            return ids.incrementAndGet();
        }

        @Override
        public void guard(RouterDriver.Guard guard) {
            // recorded by the service; nothing here
        }

        @Override
        public String backupConfig() {
            return backup;
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
