package jp.lgwan.routerconfig.rollout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.change.Timestamps;
import jp.lgwan.routerconfig.change.OutageReason;
import jp.lgwan.routerconfig.change.PlannedOutage;
import jp.lgwan.routerconfig.device.RouterDriver;
import jp.lgwan.routerconfig.live.LiveEvent;
import jp.lgwan.routerconfig.live.LiveFeed;
import jp.lgwan.routerconfig.rollout.RouterClaims.LeaseLost;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;

/**
 * The step journal of a router's push: each step with its evidence ({@link StepEvidence}, written as JSON) and the state
 * it leaves the router in, recorded before the next step starts; the backup taken before anything is typed, the guard that
 * holds the change, and the router's end with its failed checks. Every write names the claim's owner and is refused
 * ({@link LeaseLost}) when another instance holds the router now. A router's end that someone must act on is announced to
 * the service desk as a {@link WindowNotice}.
 */
@ApplicationScoped
public class StepJournal {

    private final EntityManager em;
    private final Clock clock;
    private final LiveFeed live;
    private final Event<WindowNotice> notices;

    public StepJournal(EntityManager em, Clock clock, LiveFeed live, Event<WindowNotice> notices) {
        this.em = em;
        this.clock = clock;
        this.live = live;
        this.notices = notices;
    }

    /** Records a step and the state it leaves the router in; refused when the claim was lost. */
    @Transactional
    public void step(long id, String owner, State state, String name, String outcome, StepEvidence evidence) {
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
                .setParameter(1, state.name()).setParameter(2, Json.write(List.of(step))).setParameter(3, clock.instant())
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
    public void guard(long id, String owner, RouterDriver.Guard guard) {
        em.createNativeQuery("update rollout_job_router set guard = ?1 where id = ?2 and owner = ?3")
                .setParameter(1, guard.name()).setParameter(2, id).setParameter(3, owner).executeUpdate();
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
        List<RolloutJobRouter.FailedCheck> failed = failedChecks(outcome);
        em.createNativeQuery("""
                        update rollout_job_router set state = ?1, finished_at = ?2, failed_checks = cast(?3 as jsonb)
                         where id = ?4 and owner = ?5""")
                .setParameter(1, outcome.state().name()).setParameter(2, clock.instant()).setParameter(3, Json.write(failed))
                .setParameter(4, id).setParameter(5, owner).executeUpdate();
        live.announce(LiveEvent.ROUTER, Map.of("job_id", r.job.id, "router_id", id, "hostname", r.hostname, "state", outcome.state().name()));
        // HOST_PENDING and PRE_EXISTING_FAULT did not fail, but someone must act: apply the host settings, mend the line
        if (outcome.state().failure() || outcome.state() == State.HOST_PENDING || outcome.state() == State.PRE_EXISTING_FAULT) {
            PlannedOutage outage = PlannedOutage.findById(r.job.outageId);
            String kind = outage.reason == OutageReason.LEGAL_POWER_INSPECTION ? "return-check-failed"
                    : outcome.state() == State.ROLLED_BACK ? "router-rolled-back"
                    : outcome.state() == State.HOST_PENDING ? "router-host-settings-pending"
                    : outcome.state() == State.PRE_EXISTING_FAULT ? "router-pre-existing-fault" : "router-failed";
            notices.fire(WindowNotice.of(kind, outage, r.job.id, Map.of("routers", List.of(Map.of("hostname", r.hostname,
                    "state", outcome.state().name(), "reason", outcome.reason(), "failed_checks", failed)))));
        }
    }

    static List<RolloutJobRouter.FailedCheck> failedChecks(RouterPush.Outcome outcome) {
        return outcome.failedChecks().stream().map(RolloutJobRouter.FailedCheck::of).toList();
    }

    /** Marks a claimed router that will not run, with the reason as its only step. */
    @Transactional
    public void skip(long id, String owner, String reason) {
        step(id, owner, State.SKIPPED, "skip", reason, StepEvidence.None.INSTANCE);
        finish(id, owner, new RouterPush.Outcome(State.SKIPPED, List.of(), reason));
    }
}
