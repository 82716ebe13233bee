package jp.lgwan.routerconfig.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import jp.lgwan.routerconfig.change.InventoryRevision;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.change.OutageStatus;
import jp.lgwan.routerconfig.rollout.RouterDrift;
import jp.lgwan.routerconfig.rollout.ServiceDesk;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jboss.logging.Logger;

/**
 * The domain's state for Prometheus ({@code /q/metrics}), beside the rollout's own counters
 * ({@code RolloutMetrics}): planned-outage windows by state, service-desk notices waiting (for
 * delivery, for acknowledgement), the age of the inventory revision served, routers that do not
 * render, failed inventory reloads, routers by drift status and the last successful backup read. The database figures are the same on every instance (take
 * the max, not the sum); they are read every {@value #REFRESH_SECONDS} s by a thread of their own,
 * never while Prometheus scrapes.
 */
@ApplicationScoped
public class OperationsGauges {

    private static final Logger LOG = Logger.getLogger(OperationsGauges.class);
    static final long REFRESH_SECONDS = 15;

    private final EntityManager em;
    private final ServiceDesk serviceDesk;
    private final LiveInventory inventory;
    private final Clock clock;
    private final Map<OutageStatus, AtomicLong> windows = new EnumMap<>(OutageStatus.class);
    private final AtomicLong undelivered = new AtomicLong();
    private final AtomicLong unacknowledged = new AtomicLong();
    private final AtomicReference<Instant> oldestUndelivered = new AtomicReference<>();
    private final AtomicReference<String> dated = new AtomicReference<>("");
    private final AtomicReference<Instant> committedAt = new AtomicReference<>();
    private final Map<RouterDrift.Status, AtomicLong> drift = new EnumMap<>(RouterDrift.Status.class);
    private final AtomicReference<Instant> lastCollected = new AtomicReference<>();
    private final Counter reloadFailures;
    private ScheduledExecutorService refresher;

    public OperationsGauges(MeterRegistry registry, EntityManager em, ServiceDesk serviceDesk, LiveInventory inventory, Clock clock) {
        this.em = em;
        this.serviceDesk = serviceDesk;
        this.inventory = inventory;
        this.clock = clock;
        for (OutageStatus status : OutageStatus.values()) {
            AtomicLong count = new AtomicLong();
            windows.put(status, count);
            Gauge.builder("lgwan.windows", count, AtomicLong::get).description("Planned-outage windows (計画停止) by state")
                    .tag("state", status.name()).register(registry);
        }
        Gauge.builder("lgwan.service.desk.notices.undelivered", undelivered, AtomicLong::get)
                .description("Service-desk notices not yet delivered to its webhook").register(registry);
        Gauge.builder("lgwan.service.desk.notices.unacknowledged", unacknowledged, AtomicLong::get)
                .description("Service-desk notices nobody in the operating center acknowledged yet").register(registry);
        Gauge.builder("lgwan.service.desk.oldest.undelivered", this, g -> g.ageOf(g.oldestUndelivered.get())).baseUnit("seconds")
                .description("Age of the oldest notice not yet delivered to the service desk (0: none)").register(registry);
        Gauge.builder("lgwan.inventory.revision.age", this, OperationsGauges::revisionAge).baseUnit("seconds")
                .description("Time since the inventory revision served was committed (loaded, for a folder outside git)").register(registry);
        Gauge.builder("lgwan.inventory.render.problems", inventory, i -> i.current().problems().size())
                .description("Routers of the served revision that do not render").register(registry);
        for (RouterDrift.Status status : RouterDrift.Status.values()) {
            AtomicLong count = new AtomicLong();
            drift.put(status, count);
            Gauge.builder("lgwan.backup.routers", count, AtomicLong::get)
                    .description("Routers by how their last backup collection compared them with their baseline (DRIFTED: 構成ずれ)")
                    .tag("status", status.name()).register(registry);
        }
        Gauge.builder("lgwan.backup.last.success", lastCollected, t -> t.get() == null ? 0 : t.get().toEpochMilli() / 1000.0).baseUnit("seconds")
                .description("When a router's running config was last read successfully (Unix time; 0: never)").register(registry);
        this.reloadFailures = Counter.builder("lgwan.inventory.reload.failures")
                .description("Inventory reloads refused (HEAD invalid or unreadable): the service kept the revision it served").register(registry);
    }

    void start(@Observes StartupEvent event) {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "operations-gauges");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** An inventory reload was refused. */
    public void reloadFailed() {
        reloadFailures.increment();
    }

    void refresh() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Map<OutageStatus, Long> counts = new EnumMap<>(OutageStatus.class);
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery("select status, count(*) from planned_outage group by status").getResultList();
                rows.forEach(row -> counts.put(OutageStatus.valueOf((String) row[0]), ((Number) row[1]).longValue()));
                windows.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
                Map<RouterDrift.Status, Long> byDrift = new EnumMap<>(RouterDrift.Status.class);
                @SuppressWarnings("unchecked")
                List<Object[]> drifts = em.createNativeQuery("select status, count(*) from router_drift group by status").getResultList();
                drifts.forEach(row -> byDrift.put(RouterDrift.Status.valueOf((String) row[0]), ((Number) row[1]).longValue()));
                drift.forEach((status, count) -> count.set(byDrift.getOrDefault(status, 0L)));
                lastCollected.set(em.createQuery("select max(d.collectedAt) from RouterDrift d", Instant.class).getSingleResult());
            });
            ServiceDesk.Backlog backlog = serviceDesk.backlog();
            undelivered.set(backlog.undelivered());
            unacknowledged.set(backlog.unacknowledged());
            oldestUndelivered.set(backlog.oldestUndelivered());
        } catch (RuntimeException e) {
            LOG.debugf("operations gauges: %s", e.toString());
        }
    }

    private double ageOf(Instant instant) {
        return instant == null ? 0 : Math.max(0, Duration.between(instant, clock.instant()).toMillis() / 1000.0);
    }

    private double revisionAge() {
        InventoryRevision current = inventory.current();
        if (!current.commit().equals(dated.get())) {
            Instant when = current.loadedAt();
            var repository = inventory.repository();
            if (repository.isPresent() && !current.commit().equals(LiveInventory.WORKING_TREE)) {
                try (RevWalk walk = new RevWalk(repository.get())) {
                    when = walk.parseCommit(ObjectId.fromString(current.commit())).getCommitterIdent().getWhenAsInstant();
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.debugf("commit time of %s: %s", current.commit(), e.toString());
                }
            }
            committedAt.set(when);
            dated.set(current.commit());
        }
        return ageOf(committedAt.get());
    }
}
