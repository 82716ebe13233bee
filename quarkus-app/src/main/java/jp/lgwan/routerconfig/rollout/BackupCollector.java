package jp.lgwan.routerconfig.rollout;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jp.lgwan.routerconfig.audit.AuditLog;
import jp.lgwan.routerconfig.change.InventoryRevision;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.change.RouterBaseline;
import jp.lgwan.routerconfig.device.CliRouterDriver;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.RouterDriver;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.render.ConfigDiff;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.render.RenderedConfig;
import jp.lgwan.routerconfig.render.SecretPlaceholder;
import org.jboss.logging.Logger;

/**
 * Backups and drift (構成ずれ), after Oxidized/RANCID and Golden Config's compliance: reads each router's
 * running config over the same driver a push uses, keeps it as a new version only when it changed (beyond
 * the lines the router writes by itself), and compares its owned lines with the config the router is taken
 * to run ({@code change.RouterBaseline}, rendered at its recorded revision): {@link RouterDrift}. Runs on
 * the schedule {@code lgwan.backup.schedule} (Quartz, clustered: one instance per firing) over the whole
 * inventory, and on demand for one router or an organization. A router a push holds
 * ({@link RouterClaims#holder}) is left alone: not read at all, and a reading during which a push took it
 * is thrown away. The converse: while it reads a router, the router carries a marker ({@link RouterReadings}) that a push
 * which claimed it waits out before its first session.
 */
@ApplicationScoped
public class BackupCollector {

    private static final Logger LOG = Logger.getLogger(BackupCollector.class);

    /** What one router's collection did. */
    public enum Outcome {
        /** Read and compared: {@link Result#status} says how it compares. */
        COLLECTED,
        /** Not read, or its reading thrown away: a push holds it ({@link Result#reason} names the job), or this instance reads it already. */
        SKIPPED
    }

    /**
     * @param status     its drift status now (null when skipped: the last one stands)
     * @param backupId   the version it runs (new or seen again); null when it could not be read
     * @param newVersion whether this collection wrote a version
     */
    public record Result(String hostname, Outcome outcome, RouterDrift.Status status, Long backupId, boolean newVersion, String reason) {
    }

    /** A collection over several routers. */
    public record Run(Instant startedAt, Instant finishedAt, List<Result> routers) {

        public long count(RouterDrift.Status status) {
            return routers.stream().filter(r -> r.status() == status).count();
        }
    }

    private final LiveInventory inventory;
    private final Devices devices;
    private final RouterClaims claims;
    private final RouterReadings readings;
    private final BackupSettings settings;
    private final EntityManager em;
    private final AuditLog audit;
    private final Clock clock;
    /** A router is read by at most one thread of this instance at a time. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private volatile ExecutorService readers;

    public BackupCollector(LiveInventory inventory, Devices devices, RouterClaims claims, RouterReadings readings, BackupSettings settings,
                           EntityManager em, AuditLog audit, Clock clock) {
        this.readings = readings;
        this.inventory = inventory;
        this.devices = devices;
        this.claims = claims;
        this.settings = settings;
        this.em = em;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every router of the served inventory, on the schedule; off with {@code lgwan.backup.schedule=off} (the tests). */
    @Scheduled(cron = "{lgwan.backup.schedule}", identity = "backup-collection", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        InventoryRevision at = inventory.current();
        Run done = collect(at.inventory().organizations().stream().flatMap(o -> o.routers().stream()).map(ConnectionRouter::hostname)
                .toList(), AuditLog.SERVICE);
        LOG.infof("backup collection: %d routers in %d s: %d in sync, %d drifted, %d unreachable, %d not compared, %d skipped",
                done.routers().size(), Duration.between(done.startedAt(), done.finishedAt()).toSeconds(), done.count(RouterDrift.Status.IN_SYNC),
                done.count(RouterDrift.Status.DRIFTED), done.count(RouterDrift.Status.UNREACHABLE), done.count(RouterDrift.Status.NOT_COMPARED),
                done.routers().stream().filter(r -> r.outcome() == Outcome.SKIPPED).count());
    }

    /** Collects {@code hostnames} (routers of the served inventory), {@code lgwan.backup.concurrency} at once; returns when all are done. */
    public Run collect(Collection<String> hostnames, String by) {
        Instant started = clock.instant();
        InventoryRevision at = inventory.current();
        List<Future<Result>> running = new ArrayList<>();
        for (String hostname : hostnames) {
            running.add(pool().submit(() -> collectOne(at, hostname)));
        }
        List<Result> results = new ArrayList<>();
        for (Future<Result> future : running) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("backup collection interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("backup collection: " + e.getCause(), e.getCause());
            }
        }
        Run done = new Run(started, clock.instant(), List.copyOf(results));
        String subject = hostnames.size() == 1 ? hostnames.iterator().next() : hostnames.size() + " routers";
        QuarkusTransaction.requiringNew().run(() -> audit.record(by, "backup.collected", "router", subject,
                Map.of("in_sync", done.count(RouterDrift.Status.IN_SYNC), "drifted", done.count(RouterDrift.Status.DRIFTED),
                        "unreachable", done.count(RouterDrift.Status.UNREACHABLE), "not_compared", done.count(RouterDrift.Status.NOT_COMPARED),
                        "new_versions", results.stream().filter(Result::newVersion).count())));
        return done;
    }

    private Result collectOne(InventoryRevision at, String hostname) {
        if (!busy.add(hostname)) {
            return new Result(hostname, Outcome.SKIPPED, null, null, false, "being collected by another collection of this instance");
        }
        boolean marked = false;
        try {
            // marked before the holder check: a job created after that check finds the marker and waits it out (RouterReadings)
            marked = readings.take(hostname, settings.readingLimit());
            if (!marked) {
                return new Result(hostname, Outcome.SKIPPED, null, null, false, "being collected by another instance");
            }
            return read(at, hostname);
        } catch (RuntimeException e) {
            LOG.warnf("backup of %s: %s", hostname, e.toString());
            return record(hostname, RouterDrift.Status.UNREACHABLE, null, null, null, "collection failed: " + e.getMessage());
        } finally {
            if (marked) {
                readings.release(hostname);
            }
            busy.remove(hostname);
        }
    }

    private Result read(InventoryRevision at, String hostname) {
        Optional<Long> holder = claims.holder(hostname);
        if (holder.isPresent()) {
            return held(hostname, holder.get());
        }
        ConnectionRouter router = at.router(hostname).orElseThrow(() -> new IllegalArgumentException(hostname + " is not in " + at.commit()));
        Dialect dialect = at.dialect(router.vendorProfile());
        Baseline baseline = baseline(at, hostname);
        SecretPlaceholder.Resolved resolved;
        DeviceAccess access;
        try {
            access = devices.directory().access(router);
            resolved = devices.directory().resolveSecrets(baseline.config());
        } catch (DeviceException e) {
            return record(hostname, RouterDrift.Status.UNREACHABLE, null, null, baseline, e.getMessage());
        }
        String stored;
        ConfigDiff diff = null;
        String notCompared = null;
        try (RouterDriver driver = new CliRouterDriver(hostname, access.ssh(), dialect, access.key(), access.password(), access.administrator(),
                null)) {
            driver.open();
            String running = driver.runningConfig();
            // stored as a push's backup is: placeholders for the secrets the service knows, masked where the router shows one its own way
            stored = dialect.maskSecrets(resolved.unresolve(running));
            driver.loadCandidate(resolved.text());
            try {
                diff = driver.compare();
            } catch (DeviceException e) {
                notCompared = resolved.mask(e.getMessage());
            }
        } catch (DeviceException e) {
            return record(hostname, RouterDrift.Status.UNREACHABLE, null, null, baseline, resolved.mask(e.getMessage()));
        }
        holder = claims.holder(hostname);
        if (holder.isPresent()) {
            // a push took the router while it was read: the reading may hold half a change
            return held(hostname, holder.get());
        }
        Version version = store(hostname, dialect, stored);
        if (diff == null) {
            return record(hostname, RouterDrift.Status.NOT_COMPARED, version, null, baseline, notCompared);
        }
        return record(hostname, diff.changed() ? RouterDrift.Status.DRIFTED : RouterDrift.Status.IN_SYNC, version, diff.changed() ? diff : null,
                baseline, resolved.mask(diff.unifiedDiff()));
    }

    private static Result held(String hostname, long jobId) {
        return new Result(hostname, Outcome.SKIPPED, null, null, false, "held by job " + jobId + ": not collected while a push holds it");
    }

    /** What the router is taken to run: its baseline, or (none recorded) its config at the served revision. */
    private record Baseline(String config, String revision, String source) {
    }

    private Baseline baseline(InventoryRevision at, String hostname) {
        RouterBaseline recorded = QuarkusTransaction.requiringNew().call(() -> RouterBaseline.<RouterBaseline>findById(hostname));
        if (recorded != null) {
            return new Baseline(recorded.config, recorded.revision, recorded.source.name());
        }
        String config = at.config(hostname).map(RenderedConfig::text)
                .orElseThrow(() -> new IllegalStateException(hostname + " has no baseline and does not render at " + at.commit()));
        return new Baseline(config, at.commit(), "NONE");
    }

    private record Version(long id, boolean created) {
    }

    /**
     * The router's version for {@code config}: its last one when only lines the router writes by itself differ
     * (seen again: its last-seen time moves), else a new one. One writer per router at a time, whichever instance.
     */
    private Version store(String hostname, Dialect dialect, String config) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("select pg_advisory_xact_lock(hashtext('router_backup:' || ?1))").setParameter(1, hostname).getSingleResult();
            Instant now = clock.instant();
            String sha = RouterBackup.sha256(config);
            RouterBackup last = RouterBackup.<RouterBackup>find("hostname = ?1 order by id desc", hostname).firstResult();
            if (last != null && (sha.equals(last.contentSha256) || withoutVolatile(dialect, last.config).equals(withoutVolatile(dialect, config)))) {
                em.createNativeQuery("update router_backup set last_seen_at = ?1 where id = ?2").setParameter(1, now).setParameter(2, last.id)
                        .executeUpdate();
                return new Version(last.id, false);
            }
            RouterBackup version = new RouterBackup();
            version.hostname = hostname;
            version.takenAt = now;
            version.lastSeenAt = now;
            version.source = RouterBackup.Source.COLLECTED;
            version.config = config;
            version.contentSha256 = sha;
            version.persist();
            return new Version(version.id, true);
        });
    }

    private static String withoutVolatile(Dialect dialect, String config) {
        StringBuilder kept = new StringBuilder();
        config.lines().map(String::stripTrailing).filter(line -> !dialect.isVolatile(line)).forEach(line -> kept.append(line).append('\n'));
        return kept.toString();
    }

    private Result record(String hostname, RouterDrift.Status status, Version version, ConfigDiff diff, Baseline baseline, String detail) {
        QuarkusTransaction.requiringNew().run(() -> {
            RouterDrift drift = RouterDrift.findById(hostname);
            if (drift == null) {
                drift = new RouterDrift();
                drift.hostname = hostname;
            }
            Instant now = clock.instant();
            drift.status = status;
            drift.checkedAt = now;
            if (version != null) {
                drift.collectedAt = now;
                drift.backupId = version.id();
            }
            if (baseline != null) {
                drift.baselineRevision = baseline.revision();
                drift.baselineSource = baseline.source();
            }
            drift.added = diff == null ? 0 : diff.added();
            drift.removed = diff == null ? 0 : diff.removed();
            drift.diff = diff == null ? "" : detail;
            drift.reason = status == RouterDrift.Status.UNREACHABLE || status == RouterDrift.Status.NOT_COMPARED ? detail : null;
            drift.persist();
        });
        if (status == RouterDrift.Status.DRIFTED) {
            LOG.warnf("%s drifted from its baseline (%s): +%d -%d owned lines", hostname, baseline.source(), diff.added(), diff.removed());
        }
        return new Result(hostname, Outcome.COLLECTED, status, version == null ? null : version.id(), version != null && version.created(),
                status == RouterDrift.Status.UNREACHABLE || status == RouterDrift.Status.NOT_COMPARED ? detail : null);
    }

    private ExecutorService pool() {
        ExecutorService pool = readers;
        if (pool == null) {
            synchronized (this) {
                if (readers == null) {
                    AtomicInteger count = new AtomicInteger();
                    readers = Executors.newFixedThreadPool(settings.concurrency(), r -> {
                        Thread thread = new Thread(r, "backup-reader-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
                }
                pool = readers;
            }
        }
        return pool;
    }

    void stop(@Observes ShutdownEvent event) {
        if (readers != null) {
            readers.shutdownNow();
        }
    }
}
