package jp.lgwan.routerconfig.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
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
import jp.lgwan.routerconfig.change.Timestamps;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.live.LiveEvent;
import jp.lgwan.routerconfig.live.LiveFeed;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;

/**
 * The durable record of a running window. Every write about a router names the instance that
 * claimed it, so an instance that lost its claim (it stalled and another took over) cannot
 * overwrite what the new owner records. Claims use {@code FOR UPDATE SKIP LOCKED}: several
 * instances on one PostgreSQL never take the same router.
 */
@ApplicationScoped
public class RolloutLedger {

    /** A claim was lost: another instance owns the router now. */
    public static final class LeaseLost extends RuntimeException {
        LeaseLost(long id) {
            super("claim on job router " + id + " lost", null, false, false);
        }
    }

    /** What the runner needs to decide its next move in a job. */
    public record JobStatus(long jobId, RolloutJob.State state, long outageId, OutageReason reason, Instant windowStart, Instant windowEnd,
                            int total, int failures, Integer currentWave, int open) {
    }

    /** One claimed router. */
    public record Claim(long id, long jobId, String hostname, String revision, State state, Long notificationId, RouterPush.Force force) {
    }

    /** The router states nothing more happens in ({@link State#terminal()}): never claimed again, no lease to renew. */
    private static final String TERMINAL = State.terminalSql();
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final EntityManager em;
    private final Clock clock;
    private final AuditLog audit;
    private final RolloutPolicy policy;
    private final ChangePolicy changePolicy;
    private final LiveInventory inventory;
    private final ServiceDesk serviceDesk;
    private final PlannedOutageService outages;
    private final BaselineStore baselines;
    private final LiveFeed live;

    public RolloutLedger(EntityManager em, Clock clock, AuditLog audit, RolloutPolicy policy, ChangePolicy changePolicy, LiveInventory inventory,
                         ServiceDesk serviceDesk, PlannedOutageService outages, BaselineStore baselines, LiveFeed live) {
        this.live = live;
        this.em = em;
        this.clock = clock;
        this.audit = audit;
        this.policy = policy;
        this.changePolicy = changePolicy;
        this.inventory = inventory;
        this.serviceDesk = serviceDesk;
        this.outages = outages;
        this.baselines = baselines;
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

    /**
     * Takes up to {@code limit} routers of {@code wave} that nobody holds: pending ones whose time
     * has come, and unfinished ones whose owner's claim expired (it crashed).
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Claim> claim(long jobId, int wave, String owner, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<Number> ids = em.createNativeQuery("""
                        select id from rollout_job_router
                         where job_id = ?1 and wave = ?2
                           and ((state = 'PENDING' and owner is null and (not_before is null or not_before <= ?3))
                             or (state not in (%s)
                                 and owner is not null and lease_until < ?3))
                         order by hostname limit ?4 for update skip locked""".formatted(TERMINAL))
                .setParameter(1, jobId).setParameter(2, wave).setParameter(3, clock.instant()).setParameter(4, limit).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Long> claimed = ids.stream().map(Number::longValue).toList();
        em.createNativeQuery("update rollout_job_router set owner = ?1, lease_until = ?2 where id = any(?3)")
                .setParameter(1, owner).setParameter(2, clock.instant().plus(policy.lease())).setParameter(3, claimed.toArray(Long[]::new))
                .executeUpdate();
        em.clear();
        List<Claim> claims = new ArrayList<>();
        for (Long id : claimed) {
            RolloutJobRouter r = RolloutJobRouter.findById(id);
            claims.add(new Claim(id, jobId, r.hostname, r.inventoryRevision, r.state, r.notificationId,
                    r.preCheckForcedReason == null ? null : new RouterPush.Force(r.preCheckForcedBy, r.preCheckForcedReason)));
        }
        return claims;
    }

    /**
     * The job that holds {@code hostname} now, if any: the router is in a job that has not finished and its own part has
     * not ended (claimed by an instance, or waiting for its wave or its claim's expiry). Whatever else touches the router
     * (a backup collection) leaves it alone until then: on dialects with one configuration session at a time (NEC IX) even
     * a show would stand in a push's way.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<Long> holder(String hostname) {
        List<String> ended = java.util.Arrays.stream(State.values()).filter(State::terminal).map(State::name).toList();
        List<Number> jobs = em.createNativeQuery("""
                        select r.job_id from rollout_job_router r join rollout_job j on j.id = r.job_id
                         where r.hostname = ?1 and j.finished_at is null and r.state <> all(?2) order by r.job_id limit 1""")
                .setParameter(1, hostname).setParameter(2, ended.toArray(String[]::new)).getResultList();
        return jobs.stream().findFirst().map(Number::longValue);
    }

    /** Keeps this instance's claims alive. */
    @Transactional
    public int renew(String owner) {
        return em.createNativeQuery("""
                        update rollout_job_router set lease_until = ?1 where owner = ?2
                           and state not in (%s)""".formatted(TERMINAL))
                .setParameter(1, clock.instant().plus(policy.lease())).setParameter(2, owner).executeUpdate();
    }

    /** Records a step and the state it leaves the router in; refused when the claim was lost. */
    @Transactional
    public void step(long id, String owner, State state, String name, String outcome, Map<String, Object> evidence) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("name", name);
        step.put("outcome", outcome);
        step.put("at", Timestamps.format(clock.instant()));
        step.put("evidence", evidence);
        // a final state is set by finish(), together with the failed checks: the job may close the moment it shows
        int updated = em.createNativeQuery("""
                        update rollout_job_router set state = case when ?4 then state else ?1 end, steps = steps || cast(?2 as jsonb),
                               started_at = coalesce(started_at, cast(?3 as timestamp with time zone))
                         where id = ?5 and owner = ?6""")
                .setParameter(1, state.name()).setParameter(2, json(List.of(step))).setParameter(3, clock.instant())
                .setParameter(4, state.terminal()).setParameter(5, id).setParameter(6, owner).executeUpdate();
        if (updated == 0) {
            throw new LeaseLost(id);
        }
        Object[] router = (Object[]) em.createNativeQuery("select job_id, hostname from rollout_job_router where id = ?1")
                .setParameter(1, id).getSingleResult();
        Map<String, Object> announced = new LinkedHashMap<>();
        announced.put("job_id", ((Number) router[0]).longValue());
        announced.put("router_id", id);
        announced.put("hostname", router[1]);
        announced.put("state", state.name());
        announced.put("name", name);
        announced.put("outcome", outcome);
        announced.put("at", step.get("at"));
        live.announce(LiveEvent.STEP, announced);
    }

    @Transactional
    public long backup(long id, String owner, String hostname, long jobId, String config) {
        RouterBackup backup = new RouterBackup();
        backup.hostname = hostname;
        backup.jobId = jobId;
        backup.takenAt = clock.instant();
        backup.config = config;
        backup.contentSha256 = RouterBackup.sha256(config);
        backup.lastSeenAt = backup.takenAt;
        backup.persist();
        em.flush();
        int updated = em.createNativeQuery("update rollout_job_router set backup_id = ?1 where id = ?2 and owner = ?3")
                .setParameter(1, backup.id).setParameter(2, id).setParameter(3, owner).executeUpdate();
        if (updated == 0) {
            throw new LeaseLost(id);
        }
        return backup.id;
    }

    @Transactional
    public void guard(long id, String owner, String guard) {
        em.createNativeQuery("update rollout_job_router set guard = ?1 where id = ?2 and owner = ?3")
                .setParameter(1, guard).setParameter(2, id).setParameter(3, owner).executeUpdate();
    }

    @Transactional
    public String backupConfig(long id) {
        RolloutJobRouter r = RolloutJobRouter.findById(id);
        RouterBackup backup = r.backupId == null ? null : RouterBackup.findById(r.backupId);
        if (backup == null) {
            throw new IllegalStateException("no backup recorded for " + r.hostname);
        }
        return backup.config;
    }

    /** The end of one router: its final state, failed checks and a notice to the service desk when it failed. */
    @Transactional
    public void finish(long id, String owner, RouterPush.Outcome outcome) {
        RolloutJobRouter r = RolloutJobRouter.findById(id);
        if (r == null || !owner.equals(r.owner)) {
            throw new LeaseLost(id);
        }
        List<Map<String, Object>> failed = outcome.failedChecks().stream().map(c -> {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", c.name());
            check.put("expected", c.expected());
            check.put("actual", c.actual());
            return check;
        }).toList();
        em.createNativeQuery("""
                        update rollout_job_router set state = ?1, finished_at = ?2, failed_checks = cast(?3 as jsonb)
                         where id = ?4 and owner = ?5""")
                .setParameter(1, outcome.state().name()).setParameter(2, clock.instant()).setParameter(3, json(failed))
                .setParameter(4, id).setParameter(5, owner).executeUpdate();
        live.announce(LiveEvent.ROUTER, Map.of("job_id", r.job.id, "router_id", id, "hostname", r.hostname, "state", outcome.state().name()));
        // HOST_PENDING and PRE_EXISTING_FAULT did not fail, but someone must act: apply the host settings, mend the line
        if (outcome.state().failure() || outcome.state() == State.HOST_PENDING || outcome.state() == State.PRE_EXISTING_FAULT) {
            PlannedOutage outage = PlannedOutage.findById(r.job.outageId);
            Map<String, Object> body = noticeBody(outage, r.job.id);
            body.put("routers", List.of(Map.of("hostname", r.hostname, "state", outcome.state().name(), "reason", outcome.reason(),
                    "failed_checks", failed)));
            String kind = outage.reason == OutageReason.LEGAL_POWER_INSPECTION ? "return-check-failed"
                    : outcome.state() == State.ROLLED_BACK ? "router-rolled-back"
                    : outcome.state() == State.HOST_PENDING ? "router-host-settings-pending"
                    : outcome.state() == State.PRE_EXISTING_FAULT ? "router-pre-existing-fault" : "router-failed";
            serviceDesk.notice(kind, body);
        }
    }

    /** What every service-desk notice of a window starts with: which window and job, and when it was open. */
    private static Map<String, Object> noticeBody(PlannedOutage outage, long jobId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outage_id", outage.id);
        body.put("job_id", jobId);
        body.put("window_start", Timestamps.format(outage.windowStart));
        body.put("window_end", Timestamps.format(outage.windowEnd));
        return body;
    }

    /** Marks routers that will not run, with the reason as their only step. */
    @Transactional
    public void skip(long id, String owner, String reason) {
        step(id, owner, State.SKIPPED, "skip", reason, Map.of());
        finish(id, owner, new RouterPush.Outcome(State.SKIPPED, List.of(), reason));
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
        PlannedOutage outage = PlannedOutage.findById(job.outageId);
        Map<String, Object> body = noticeBody(outage, jobId);
        body.put("reason", reason);
        body.put("failed_routers", job.routers.stream().filter(r -> r.state.failure()).map(r -> Map.of("hostname", r.hostname,
                "state", r.state.name(), "failed_checks", r.failedChecks)).toList());
        body.put("skipped_routers", skipped);
        serviceDesk.notice("window-halted", body);
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
        PlannedOutage outage = PlannedOutage.findById(job.outageId);
        Map<String, Object> body = noticeBody(outage, jobId);
        body.put("reason", reason);
        serviceDesk.notice("window-failed", body);
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

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Duration lease() {
        return policy.lease();
    }
}
