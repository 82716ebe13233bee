package jp.lgwan.routerconfig.rollout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Routers a backup collection is reading now (バックアップ取得中), in PostgreSQL so that every instance sees them: the
 * converse of {@link RouterClaims#holder}. A collection takes a router's marker before it logs in and drops it after
 * ({@link BackupCollector}); a push that claimed the router waits the marker out before its first session
 * ({@link #waitOut}), at most until the marker's expiry. Why: on NEC IX the running config is shown only in configuration
 * mode, one session at a time ({@code CONFIG process is occupied}, templates/nec-ix/dialect.yaml), so a push logging in
 * during a reading is refused and ends FAILED. Whichever side comes first, the other sees it: the collection takes its
 * marker before it asks {@link RouterClaims#holder}, and a job holds its routers from its creation, before any is claimed.
 */
@ApplicationScoped
public class RouterReadings {

    /** How often a waiting push looks again: a reading takes seconds (login, {@code show running-config}). */
    private static final Duration POLL = Duration.ofMillis(200);

    private final EntityManager em;
    private final Clock clock;
    private final String instance = "reader-" + UUID.randomUUID().toString().substring(0, 8);

    public RouterReadings(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Marks {@code hostname} as being read by this instance for at most {@code limit}; false when another reading (of any
     * instance) holds an unexpired marker on it.
     */
    @Transactional
    public boolean take(String hostname, Duration limit) {
        Instant now = clock.instant();
        return em.createNativeQuery("""
                        insert into router_reading (hostname, instance, until) values (?1, ?2, ?3)
                        on conflict (hostname) do update set instance = excluded.instance, until = excluded.until
                         where router_reading.until <= ?4""")
                .setParameter(1, hostname).setParameter(2, instance).setParameter(3, now.plus(limit)).setParameter(4, now)
                .executeUpdate() == 1;
    }

    /** Drops this instance's marker on {@code hostname}. */
    @Transactional
    public void release(String hostname) {
        em.createNativeQuery("delete from router_reading where hostname = ?1 and instance = ?2").setParameter(1, hostname)
                .setParameter(2, instance).executeUpdate();
    }

    /** Until when a reading blocks {@code hostname}: empty when none does (no marker, or an expired one). */
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<Instant> readUntil(String hostname) {
        List<Object> until = em.createNativeQuery("select until from router_reading where hostname = ?1 and until > ?2")
                .setParameter(1, hostname).setParameter(2, clock.instant()).getResultList();
        return until.stream().findFirst().map(RouterReadings::instant);
    }

    /**
     * Waits while a reading holds {@code hostname}, at most until the expiry its marker showed first (a reading that
     * overstays is taken to have died with its instance); how long it waited, zero when nothing held it.
     */
    public Duration waitOut(String hostname) throws InterruptedException {
        Optional<Instant> until = readUntil(hostname);
        if (until.isEmpty()) {
            return Duration.ZERO;
        }
        long began = System.nanoTime();
        long deadline = began + Math.max(0, Duration.between(clock.instant(), until.get()).toNanos());
        while (System.nanoTime() < deadline && readUntil(hostname).isPresent()) {
            Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case java.time.OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("router_reading.until read as " + value.getClass());
        };
    }
}
