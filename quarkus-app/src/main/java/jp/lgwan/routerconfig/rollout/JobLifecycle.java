package jp.lgwan.routerconfig.rollout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jp.lgwan.routerconfig.audit.AuditLog;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.BaselineStore;
import jp.lgwan.routerconfig.change.ChangePolicy;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.InventoryRevision;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.change.OutageReason;
import jp.lgwan.routerconfig.change.PlannedOutage;
import jp.lgwan.routerconfig.change.PlannedOutageService;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;

/**
 * A window's job from start to close: planned into waves, running, halted (at the failure threshold or by an operator),
 * failed (it cannot run at all) and completed. Closing it is {@code change}'s move: the window and its notifications end
 * through {@link PlannedOutageService#finishWindow} and the verified routers' baselines through
 * {@link BaselineStore#recordPushed}; this class never moves them itself. A halted or failed window is announced to the
 * service desk as a {@link WindowNotice}.
 */
@ApplicationScoped
public class JobLifecycle {

    /** What the runner needs to decide its next move in a job. */
    public record JobStatus(long jobId, RolloutJob.State state, long outageId, OutageReason reason, Instant windowStart, Instant windowEnd,
                            int total, int failures, Integer currentWave, int open) {
    }

    private final EntityManager em;
    private final Clock clock;
    private final AuditLog audit;
    private final RolloutPolicy policy;
    private final ChangePolicy changePolicy;
    private final LiveInventory inventory;
    private final PlannedOutageService outages;
    private final BaselineStore baselines;
    private final Event<WindowNotice> notices;

    public JobLifecycle(EntityManager em, Clock clock, AuditLog audit, RolloutPolicy policy, ChangePolicy changePolicy, LiveInventory inventory,
                        PlannedOutageService outages, BaselineStore baselines, Event<WindowNotice> notices) {
        this.em = em;
        this.clock = clock;
        this.audit = audit;
        this.policy = policy;
        this.changePolicy = changePolicy;
        this.inventory = inventory;
        this.outages = outages;
        this.baselines = baselines;
        this.notices = notices;
    }

    /**
     * Puts a new job's routers into waves and starts it: the canary wave (a few routers of each
     * vendor profile) alone first, then waves of {@code waveSize}; the two routers of a redundancy
     * pair never share a wave. A return-check job (legal power inspection) waits for the power.
     */
    @Transactional
    public void plan(long jobId) {
        RolloutJob job = em.find(RolloutJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.state != RolloutJob.State.PENDING) {
            return;
        }
        PlannedOutage outage = PlannedOutage.findById(job.outageId);
        if (outage.reason == OutageReason.LEGAL_POWER_INSPECTION) {
            Instant after = outage.windowEnd.plus(changePolicy.bootAllowance());
            job.routers.forEach(r -> {
                r.wave = 0;
                r.notBefore = after;
            });
        } else {
            Map<String, Integer> waves = WavePlan.of(job.routers.stream().map(r -> routerOf(r)).toList(), policy.canaryPerProfile(),
                    policy.waveSize());
            job.routers.forEach(r -> r.wave = waves.get(r.hostname));
        }
        job.state = RolloutJob.State.RUNNING;
        job.startedAt = clock.instant();
        Map<Integer, Long> perWave = new TreeMap<>();
        job.routers.forEach(r -> perWave.merge(r.wave, 1L, Long::sum));
        audit.record(AuditLog.SERVICE, "job.planned", "job", jobId, Map.of("routers_per_wave", perWave.toString()));
    }

    private ConnectionRouter routerOf(RolloutJobRouter record) {
        InventoryRevision at = record.inventoryRevision == null ? inventory.current() : inventory.at(record.inventoryRevision);
        return at.router(record.hostname).orElseThrow(() -> new IllegalStateException(record.hostname + " is not in " + at.commit()));
    }

    @Transactional
    public Optional<JobStatus> status(long jobId) {
        RolloutJob job = RolloutJob.findById(jobId);
        if (job == null) {
            return Optional.empty();
        }
        PlannedOutage outage = PlannedOutage.findById(job.outageId);
        int failures = 0;
        int open = 0;
        Integer wave = null;
        for (RolloutJobRouter r : job.routers) {
            if (r.state.failure()) {
                failures++;
            }
            if (!r.state.terminal()) {
                open++;
                wave = wave == null ? r.wave : Math.min(wave, r.wave);
            }
        }
        return Optional.of(new JobStatus(jobId, job.state, outage.id, outage.reason, outage.windowStart, outage.windowEnd, job.routers.size(),
                failures, wave, open));
    }

    /** The jobs some instance should be working on. */
    @Transactional
    public List<Long> activeJobs() {
        return em.createQuery("select j.id from RolloutJob j where j.state in (:states) and j.finishedAt is null order by j.id", Long.class)
                .setParameter("states", List.of(RolloutJob.State.PENDING, RolloutJob.State.RUNNING, RolloutJob.State.HALTED)).getResultList();
    }

    /** Stops starting routers: the pending ones are skipped; those in flight finish. */
    @Transactional
    public boolean halt(long jobId, String reason) {
        return halt(em.find(RolloutJob.class, jobId, LockModeType.PESSIMISTIC_WRITE), reason, AuditLog.SERVICE);
    }

    /** An operator halts a window's job: as at the failure threshold, the pending routers are skipped and those in flight finish. */
    @Transactional
    public RolloutJob haltByHand(long jobId, Actor actor, String reason) {
        RolloutJob job = em.find(RolloutJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            throw ChangeRefused.notFound("no job " + jobId);
        }
        String why = "halted by " + actor.name() + (reason == null || reason.isBlank() ? "" : ": " + reason);
        if (!halt(job, why, actor.name())) {
            throw ChangeRefused.conflict("job-not-running", "Only a running job can be halted", "job " + jobId + " is " + job.state
                    + (job.finishedAt == null ? "" : ", finished at " + job.finishedAt));
        }
        return job;
    }

    private boolean halt(RolloutJob job, String reason, String actor) {
        long jobId = job.id;
        if (job.state != RolloutJob.State.RUNNING && job.state != RolloutJob.State.PENDING) {
            return false;
        }
        job.state = RolloutJob.State.HALTED;
        job.haltedReason = reason;
        List<String> skipped = new ArrayList<>();
        for (RolloutJobRouter r : job.routers) {
            if (r.state == State.PENDING && r.owner == null) {
                r.state = State.SKIPPED;
                r.steps.add(new RolloutJobRouter.Step("skip", "window halted: " + reason, clock.instant(), Map.of()));
                r.finishedAt = clock.instant();
                skipped.add(r.hostname);
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("failed_routers", job.routers.stream().filter(r -> r.state.failure()).map(r -> Map.of("hostname", r.hostname,
                "state", r.state.name(), "failed_checks", r.failedChecks)).toList());
        details.put("skipped_routers", skipped);
        notices.fire(WindowNotice.of("window-halted", PlannedOutage.findById(job.outageId), jobId, details));
        audit.record(actor, "job.halted", "job", jobId, Map.of("reason", reason, "skipped", skipped.size()));
        return true;
    }

    /**
     * The window's own failure: its job cannot run at all (it could not be planned). Its routers are
     * skipped with the reason, and the job closes as FAILED, its window with it.
     */
    @Transactional
    public void fail(long jobId, String reason) {
        RolloutJob job = em.find(RolloutJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.finishedAt != null || job.state.closed()) {
            return;
        }
        job.state = RolloutJob.State.FAILED;
        job.haltedReason = reason;
        for (RolloutJobRouter r : job.routers) {
            if (!r.state.terminal()) {
                r.state = State.SKIPPED;
                r.steps.add(new RolloutJobRouter.Step("skip", "the window could not run: " + reason, clock.instant(), Map.of()));
                r.finishedAt = clock.instant();
            }
        }
        notices.fire(WindowNotice.of("window-failed", PlannedOutage.findById(job.outageId), jobId, Map.of("reason", reason)));
        complete(jobId);
    }

    /**
     * Closes a job whose routers are all done: the window is COMPLETED, each notification ends by
     * its routers (all verified: COMPLETED; one rolled back: ROLLED_BACK; otherwise FAILED), and a
     * verified router's baseline becomes what was pushed — moves that {@code change} makes.
     */
    @Transactional
    public boolean complete(long jobId) {
        RolloutJob job = em.find(RolloutJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.finishedAt != null || job.routers.stream().anyMatch(r -> !r.state.terminal())) {
            return false;
        }
        Instant now = clock.instant();
        if (job.state == RolloutJob.State.RUNNING) {
            job.state = RolloutJob.State.closing(job.routers.stream().map(r -> r.state).toList());
        }
        job.finishedAt = now;
        Map<Long, List<PlannedOutageService.RouterOutcome>> byNotification = new TreeMap<>();
        for (RolloutJobRouter r : job.routers) {
            if (r.notificationId != null) {
                byNotification.computeIfAbsent(r.notificationId, k -> new ArrayList<>()).add(outcomeOf(r.state));
            }
        }
        outages.finishWindow(job.outageId, jobId, now, byNotification);
        for (RolloutJobRouter r : job.routers) {
            // HOST_PENDING: the router runs the change and its host settings were handed to the service desk
            if (r.state == State.CONFIRMED || r.state == State.ALREADY_COMPLIANT || r.state == State.HOST_PENDING) {
                baselines.recordPushed(r.hostname, r.inventoryRevision, now);
            }
        }
        Map<String, Long> byState = new TreeMap<>();
        job.routers.forEach(r -> byState.merge(r.state.name(), 1L, Long::sum));
        audit.record(AuditLog.SERVICE, "job." + job.state.name().toLowerCase(), "job", jobId, Map.of("routers", byState));
        return true;
    }

    private static PlannedOutageService.RouterOutcome outcomeOf(State state) {
        return state == State.CONFIRMED || state == State.ALREADY_COMPLIANT ? PlannedOutageService.RouterOutcome.VERIFIED
                : state == State.ROLLED_BACK ? PlannedOutageService.RouterOutcome.ROLLED_BACK : PlannedOutageService.RouterOutcome.FAILED;
    }
}
