package jp.lgwan.routerconfig.rollout;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jp.lgwan.routerconfig.audit.AuditLog;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeRefused;
import org.jboss.logging.Logger;

/**
 * Tells the service desk what went wrong in a window. A notice ({@link WindowNotice}, a CDI event the step journal and the
 * job lifecycle fire) is written in the same transaction as the failure it reports (an outbox), then posted as JSON to the configured webhook by a
 * thread of its own, retried with growing pauses: a slow or absent desk never holds up a rollout,
 * and no notice is lost across restarts. Several instances never post the same notice twice at
 * once (rows are taken with SKIP LOCKED).
 */
@ApplicationScoped
public class ServiceDesk {

    private static final Logger LOG = Logger.getLogger(ServiceDesk.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration LAST_RETRY = Duration.ofMinutes(10);

    private final RolloutPolicy policy;
    private final Clock clock;
    private final AuditLog audit;
    private final EntityManager em;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ScheduledExecutorService sender;

    public ServiceDesk(RolloutPolicy policy, Clock clock, AuditLog audit, EntityManager em) {
        this.policy = policy;
        this.clock = clock;
        this.audit = audit;
        this.em = em;
    }

    /**
     * Queues a notice a window raised, in the transaction that fired it (observed synchronously: the step journal's or the job
     * lifecycle's), with an audit event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void queue(@Observes WindowNotice raised) {
        ServiceDeskNotice notice = new ServiceDeskNotice();
        notice.createdAt = clock.instant();
        notice.kind = raised.kind();
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("kind", raised.kind());
        full.putAll(raised.body());
        notice.body = full;
        notice.nextAttemptAt = notice.createdAt;
        notice.persist();
        audit.record(AuditLog.SERVICE, "service-desk.notice", "service-desk-notice", notice.id, Map.of("kind", raised.kind()));
    }

    /**
     * What waits: notices not yet delivered to the webhook (the oldest's time), and notices nobody
     * in the operating center acknowledged yet.
     */
    public record Backlog(boolean webhookSet, long undelivered, Instant oldestUndelivered, long unacknowledged) {
    }

    @Transactional
    public Backlog backlog() {
        Object[] row = (Object[]) em.createNativeQuery("""
                        select count(*) filter (where delivered_at is null), min(created_at) filter (where delivered_at is null),
                               count(*) filter (where acknowledged_at is null)
                          from service_desk_notice""").getSingleResult();
        Instant oldest = row[1] == null ? null : row[1] instanceof Instant instant ? instant
                : row[1] instanceof java.time.OffsetDateTime time ? time.toInstant() : ((java.sql.Timestamp) row[1]).toInstant();
        return new Backlog(policy.serviceDeskUrl().isPresent(), ((Number) row[0]).longValue(), oldest, ((Number) row[2]).longValue());
    }

    /** Someone in the operating center takes a notice up; refused when it was already acknowledged. */
    @Transactional
    public ServiceDeskNotice acknowledge(long id, Actor actor, String note) {
        ServiceDeskNotice notice = em.find(ServiceDeskNotice.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (notice == null) {
            throw ChangeRefused.notFound("no service-desk notice " + id);
        }
        if (notice.acknowledgedAt != null) {
            throw ChangeRefused.conflict("already-acknowledged", "Already acknowledged", "service-desk notice " + id + " was acknowledged by "
                    + notice.acknowledgedBy + " at " + notice.acknowledgedAt);
        }
        notice.acknowledgedAt = clock.instant();
        notice.acknowledgedBy = actor.name();
        notice.acknowledgeNote = note;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("kind", notice.kind);
        if (note != null) {
            detail.put("note", note);
        }
        audit.record(actor.name(), "service-desk-notice.acknowledged", "service-desk-notice", id, detail);
        return notice;
    }

    void start(@Observes StartupEvent event) {
        sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "service-desk-sender");
            thread.setDaemon(true);
            return thread;
        });
        sender.scheduleWithFixedDelay(this::deliverSafely, 1, 1, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sender != null) {
            sender.shutdownNow();
        }
    }

    private void deliverSafely() {
        try {
            while (deliverOne()) {
                // next one at once
            }
        } catch (RuntimeException e) {
            LOG.debugf("service desk delivery: %s", e.toString());
        }
    }

    /** Posts the oldest notice that is due; false when none is. */
    @Transactional
    boolean deliverOne() {
        if (policy.serviceDeskUrl().isEmpty()) {
            return false;
        }
        @SuppressWarnings("unchecked")
        List<ServiceDeskNotice> due = em.createNativeQuery("""
                        select * from service_desk_notice where delivered_at is null and next_attempt_at <= ?1
                         order by id limit 1 for update skip locked""", ServiceDeskNotice.class)
                .setParameter(1, clock.instant()).getResultList();
        if (due.isEmpty()) {
            return false;
        }
        ServiceDeskNotice notice = due.get(0);
        notice.attempts++;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(policy.serviceDeskUrl().get()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "lgwan-notice-" + notice.id)
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(notice.body)))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                notice.deliveredAt = clock.instant();
                notice.lastError = null;
                return true;
            }
            retryLater(notice, "HTTP " + response.statusCode());
        } catch (java.io.IOException e) {
            retryLater(notice, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retryLater(notice, "interrupted");
        }
        return false;
    }

    private void retryLater(ServiceDeskNotice notice, String error) {
        long factor = 1L << Math.min(notice.attempts - 1, 12);
        Duration pause = FIRST_RETRY.multipliedBy(factor);
        if (pause.compareTo(LAST_RETRY) > 0) {
            pause = LAST_RETRY;
        }
        notice.nextAttemptAt = clock.instant().plus(pause);
        notice.lastError = error;
        LOG.warnf("service desk notice %d (%s) not delivered (attempt %d): %s; next try at %s", notice.id, notice.kind, notice.attempts, error,
                notice.nextAttemptAt);
    }

    Instant now() {
        return clock.instant();
    }
}
