package jp.lgwan.routerconfig.rollout;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.lgwan.routerconfig.change.BaselineStore;
import jp.lgwan.routerconfig.change.InventoryRevision;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.change.OutageReason;
import jp.lgwan.routerconfig.change.Timestamps;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.render.HostSettings;
import jp.lgwan.routerconfig.render.RenderedConfig;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;
import org.jboss.logging.Logger;

/**
 * Runs open windows: claims routers wave by wave (shared with any other instance on the same
 * database), pushes at most {@code concurrency} of them at once (each on a thread of its own:
 * {@link PushThreads}), halts at the failure threshold, never starts a push that cannot finish
 * before the window closes, and closes the job when every router is done. After a crash (of this
 * instance or another) the unfinished routers are taken over once their claim expires and
 * finished by {@link RouterPush#resume}.
 */
@ApplicationScoped
public class WindowRunner {

    private static final Logger LOG = Logger.getLogger(WindowRunner.class);

    private final JobLifecycle jobs;
    private final RouterClaims claims;
    private final StepJournal journal;
    private final RolloutMetrics metrics;
    private final RolloutPolicy policy;
    private final LiveInventory inventory;
    private final Devices devices;
    private final BaselineStore baselines;
    private final Clock clock;
    private final String instanceId;
    private final RouterReadings readings;
    private final Set<Long> loops = ConcurrentHashMap.newKeySet();
    /** A router is touched by at most one thread of this instance at a time (the claim covers other instances). */
    private final Set<String> busyRouters = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;
    private ExecutorService workers;
    private ExecutorService coordinators;
    private ScheduledExecutorService housekeeping;
    private ScheduledExecutorService watchdogs;
    private SnmpProbe probe;
    private RouterPush push;
    private ReturnCheck returnCheck;

    public WindowRunner(JobLifecycle jobs, RouterClaims claims, StepJournal journal, RolloutPolicy policy, LiveInventory inventory, Devices devices, BaselineStore baselines, Clock clock,
                        RolloutMetrics metrics, RouterReadings readings) {
        this.readings = readings;
        this.jobs = jobs;
        this.claims = claims;
        this.journal = journal;
        this.baselines = baselines;
        this.metrics = metrics;
        this.policy = policy;
        this.inventory = inventory;
        this.devices = devices;
        this.clock = clock;
        this.instanceId = policy.instanceId().orElse("instance-" + UUID.randomUUID().toString().substring(0, 8));
    }

    void start(@Observes StartupEvent event) {
        try {
            probe = new SnmpProbe();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        workers = policy.threads().executor(policy.concurrency(), "rollout-push");
        coordinators = Executors.newCachedThreadPool(daemon("rollout-window"));
        housekeeping = Executors.newSingleThreadScheduledExecutor(daemon("rollout-housekeeping"));
        watchdogs = Executors.newScheduledThreadPool(2, daemon("rollout-watchdog"));
        push = new RouterPush(probe, watchdogs, policy, clock);
        returnCheck = new ReturnCheck(probe, policy.settle(), policy.snmpTimeout(), policy.returnPollInterval(), clock);
        long renew = Math.max(1000, policy.lease().toMillis() / 3);
        housekeeping.scheduleWithFixedDelay(this::housekeep, 1000, Math.min(renew, 2000), TimeUnit.MILLISECONDS);
        LOG.infof("rollout instance %s: %d routers at once, on %s threads", instanceId, policy.concurrency(),
                policy.threads().name().toLowerCase(java.util.Locale.ROOT));
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        for (ExecutorService pool : new ExecutorService[] {coordinators, workers, housekeeping, watchdogs}) {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        if (probe != null) {
            try {
                probe.close();
            } catch (IOException e) {
                // shutting down
            }
        }
    }

    /** A window opened here: start on its job at once rather than at the next housekeeping round. */
    void opened(@Observes(during = TransactionPhase.AFTER_SUCCESS) WindowStarter.WindowOpened event) {
        startLoop(event.jobId());
    }

    public String instanceId() {
        return instanceId;
    }

    private void housekeep() {
        try {
            claims.renew(instanceId);
            for (Long jobId : jobs.activeJobs()) {
                startLoop(jobId);
            }
        } catch (RuntimeException e) {
            LOG.debugf("housekeeping: %s", e.toString());
        }
    }

    private void startLoop(long jobId) {
        if (stopping || !loops.add(jobId)) {
            return;
        }
        coordinators.submit(() -> {
            try {
                run(jobId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.errorf("job %d: %s", jobId, e.toString());
            } finally {
                loops.remove(jobId);
            }
        });
    }

    private void run(long jobId) throws InterruptedException {
        try {
            jobs.plan(jobId);
        } catch (RuntimeException e) {
            // the job cannot run (a router it names is not in the inventory at its revision): the window's own failure
            LOG.errorf("job %d cannot be planned: %s", jobId, e.getMessage());
            jobs.fail(jobId, "not planned: " + e.getMessage());
            return;
        }
        while (!stopping) {
            JobLifecycle.JobStatus status = jobs.status(jobId).orElse(null);
            if (status == null || status.state().closed()) {
                return;
            }
            if (status.open() == 0) {
                jobs.complete(jobId);
                return;
            }
            if (status.state() == RolloutJob.State.RUNNING && status.reason() != OutageReason.LEGAL_POWER_INSPECTION) {
                int threshold = Math.max(1, Math.min(policy.haltCount(), (int) Math.floor(policy.haltRatio() * status.total()) + 1));
                if (status.failures() >= threshold) {
                    jobs.halt(jobId, status.failures() + " of " + status.total() + " routers failed (threshold: " + threshold + ")");
                    continue;
                }
            }
            int free = policy.concurrency() - inFlight.get();
            var claimed = claims.claim(jobId, status.currentWave(), instanceId, free);
            for (RouterClaims.Claim claim : claimed) {
                inFlight.incrementAndGet();
                workers.submit(() -> {
                    try {
                        work(claim, status);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            }
            Thread.sleep(claimed.isEmpty() ? 250 : 20);
        }
    }

    private void work(RouterClaims.Claim claim, JobLifecycle.JobStatus status) {
        if (!busyRouters.add(claim.hostname())) {
            return; // its claim lapses and the router is taken again later
        }
        StepTrail trail = new StepTrail();
        RouterPush.Ledger records = RouterPush.Ledger.stoppingWhenInterrupted(records(claim, trail));
        Instant began = clock.instant();
        try {
            boolean returnCheckJob = status.reason() == OutageReason.LEGAL_POWER_INSPECTION;
            Instant now = clock.instant();
            if (!returnCheckJob && !claim.state().mayBePushed() && now.plus(policy.routerBudget()).isAfter(status.windowEnd())) {
                journal.skip(claim.id(), instanceId, "not started: the window closes at " + Timestamps.format(status.windowEnd())
                        + " and a push may take "
                        + policy.routerBudget().toMinutes() + " min");
                return;
            }
            InventoryRevision at = claim.revision() == null ? inventory.current() : inventory.at(claim.revision());
            ConnectionRouter router = at.router(claim.hostname())
                    .orElseThrow(() -> new IllegalStateException(claim.hostname() + " is not in the inventory at " + at.commit()));
            Verification.IntendedWan wan = Verification.IntendedWan.of(at.inventory(), router);
            DeviceAccess access = devices.directory().access(router);
            // a backup collection inside the router's session would refuse the push's (NEC IX: one configuration session)
            Duration waited = readings.waitOut(router.hostname());
            if (!waited.isZero()) {
                LOG.infof("job %d: router %s waited %d ms for a backup collection reading it", claim.jobId(), claim.hostname(), waited.toMillis());
            }
            RouterPush.Outcome outcome;
            if (returnCheckJob) {
                // started at the window's end plus the boot allowance (its routers' not_before), or later: polls for the grace period
                outcome = returnCheck.run(wan, access, at.dialect(router.vendorProfile()), status.windowStart(), now.plus(policy.returnGrace()),
                        records);
            } else {
                String rendered = at.config(router.hostname()).map(RenderedConfig::text)
                        .orElseThrow(() -> new IllegalStateException(router.hostname() + " does not render at " + at.commit()));
                Dialect dialect = at.dialect(router.vendorProfile());
                // host settings (FRR's "! host:" lines) the change holds: the driver cannot apply them
                List<String> hostChanges = HostSettings.changes(dialect, baselines.configOf(router.hostname()).orElse(null), rendered);
                RouterPush.Target target = new RouterPush.Target(router.hostname(), devices.directory().resolveSecrets(rendered),
                        dialect, wan, access, hostChanges, claim.force());
                outcome = claim.state().mayBePushed() ? push.resume(target, records) : push.run(target, records);
            }
            journal.finish(claim.id(), instanceId, outcome);
            metrics.finished(outcome.state(), Duration.between(began, clock.instant()));
            if (outcome.state().failure() || outcome.state() == State.HOST_PENDING) {
                // HOST_PENDING did not fail, but the router does not run all of the change: someone must act
                LOG.warnf("job %d: router %s %s at step %s: %s", claim.jobId(), claim.hostname(), outcome.state(), trail.failedStep(),
                        outcome.reason());
            } else {
                LOG.infof("job %d: router %s %s (%s)", claim.jobId(), claim.hostname(), outcome.state(), outcome.reason());
            }
        } catch (RouterClaims.LeaseLost e) {
            LOG.warnf("job %d: %s taken over by another instance", claim.jobId(), claim.hostname());
        } catch (RouterPush.Stopped e) {
            LOG.infof("job %d: router %s left after step %s for the instance that takes it over: this instance is stopping", claim.jobId(),
                    claim.hostname(), trail.last());
        } catch (Exception e) {
            if (stopping) {
                // the database or the pools went away under the push: the same as an interruption, not the router's failure
                LOG.infof("job %d: router %s left after step %s for the instance that takes it over: this instance is stopping (%s)",
                        claim.jobId(), claim.hostname(), trail.last(), e.getMessage());
                return;
            }
            try {
                records.step(State.FAILED, "error", "failed", new StepEvidence.Failure(String.valueOf(e.getMessage())));
                journal.finish(claim.id(), instanceId, new RouterPush.Outcome(State.FAILED, java.util.List.of(), String.valueOf(e.getMessage())));
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            LOG.warnf("job %d: router %s FAILED at step %s: %s", claim.jobId(), claim.hostname(), trail.failedStep(), e.getMessage());
        } finally {
            busyRouters.remove(claim.hostname());
        }
    }

    /** Where a router's push went wrong, for its log line: the first step recorded as failed, else the last step recorded. */
    private static final class StepTrail {
        private volatile String last = "setup (access, render)";
        private volatile String failed;

        void record(String name, String outcome) {
            last = name;
            if (failed == null && "failed".equals(outcome)) {
                failed = name;
            }
        }

        String failedStep() {
            return failed != null ? failed : last;
        }

        String last() {
            return last;
        }
    }

    private RouterPush.Ledger records(RouterClaims.Claim claim, StepTrail trail) {
        return new RouterPush.Ledger() {
            private Instant previous = clock.instant();

            @Override
            public void step(State state, String name, String outcome, StepEvidence evidence) {
                trail.record(name, outcome);
                journal.step(claim.id(), instanceId, state, name, outcome, evidence);
                Instant now = clock.instant();
                metrics.step(name, outcome, Duration.between(previous, now));
                previous = now;
            }

            @Override
            public long backup(String runningConfig) {
                return journal.backup(claim.id(), instanceId, claim.hostname(), claim.jobId(), runningConfig);
            }

            @Override
            public void guard(jp.lgwan.routerconfig.device.RouterDriver.Guard guard) {
                journal.guard(claim.id(), instanceId, guard);
            }

            @Override
            public String backupConfig() {
                return journal.backupConfig(claim.id());
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
