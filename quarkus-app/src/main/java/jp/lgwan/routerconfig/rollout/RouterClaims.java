package jp.lgwan.routerconfig.rollout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter.State;

/**
 * Who works on which router of a running window: claims under a lease. An instance takes routers with
 * {@code FOR UPDATE SKIP LOCKED} (several instances on one PostgreSQL never take the same router), renews its leases while
 * it lives, and a router whose lease lapsed (its instance crashed or stopped) is taken over and finished by
 * {@link RouterPush#resume}. Every write about a router ({@link StepJournal}) names the claim's owner, so an instance that
 * lost its claim cannot overwrite what the new owner records.
 */
@ApplicationScoped
public class RouterClaims {

    /** A claim was lost: another instance owns the router now. */
    public static final class LeaseLost extends RuntimeException {
        LeaseLost(long id) {
            super("claim on job router " + id + " lost", null, false, false);
        }
    }

    /** One claimed router. */
    public record Claim(long id, long jobId, String hostname, String revision, State state, Long notificationId, RouterPush.Force force) {
    }

    /** The router states nothing more happens in ({@link State#terminal()}): never claimed again, no lease to renew. */
    private static final String TERMINAL = State.terminalSql();

    private final EntityManager em;
    private final Clock clock;
    private final RolloutPolicy policy;

    public RouterClaims(EntityManager em, Clock clock, RolloutPolicy policy) {
        this.em = em;
        this.clock = clock;
        this.policy = policy;
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

    Duration lease() {
        return policy.lease();
    }
}
