package jp.lgwan.routerconfig.rollout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.lgwan.routerconfig.audit.AuditLog;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeNotification;
import jp.lgwan.routerconfig.change.ChangePolicy;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.change.NotificationState;
import jp.lgwan.routerconfig.change.OutageStatus;
import jp.lgwan.routerconfig.change.PlannedOutage;
import jp.lgwan.routerconfig.change.PlannedOutageService;
import jp.lgwan.routerconfig.change.Timestamps;
import org.jboss.logging.Logger;

/**
 * Opens a planned-outage window: creates its job with a record per router and hands it on. Called
 * by Quartz at the window's start, or by an operator inside the window. A window whose start was
 * missed (the service was down) still opens late if at least the boot allowance is left before it
 * closes; otherwise it is MISSED, with an audit event. No window opens while the service serves its
 * last good revision because HEAD could not be served at its start: one started by hand is refused
 * (409), one whose start comes stays APPROVED, with an audit event, for an operator to start by
 * hand once a valid HEAD is loaded. The window's and its notifications' moves are
 * {@link PlannedOutageService}'s.
 */
@ApplicationScoped
public class WindowStarter {

    /** Fired after a window's job was committed; the rollout runs it. */
    public record WindowOpened(long outageId, long jobId) {
    }

    private static final Logger LOG = Logger.getLogger(WindowStarter.class);
    /** A trigger firing within this of the start counts as on time: Quartz's misfire threshold. */
    static final Duration ON_TIME = Duration.ofSeconds(5);

    private final ChangePolicy policy;
    private final PlannedOutageService outages;
    private final AuditLog audit;
    private final LiveInventory inventory;
    private final Clock clock;
    private final Event<WindowOpened> opened;

    public WindowStarter(ChangePolicy policy, PlannedOutageService outages, AuditLog audit, LiveInventory inventory, Clock clock,
                         Event<WindowOpened> opened) {
        this.policy = policy;
        this.outages = outages;
        this.audit = audit;
        this.inventory = inventory;
        this.clock = clock;
        this.opened = opened;
    }

    /** Quartz fired: open on time, late, or mark MISSED. Does nothing for a window already started or cancelled. */
    @Transactional
    public Optional<RolloutJob> openOnSchedule(long outageId) {
        PlannedOutage outage = PlannedOutage.findById(outageId, LockModeType.PESSIMISTIC_WRITE);
        if (outage == null || outage.status != OutageStatus.APPROVED) {
            LOG.debugf("window %d fired but is %s; nothing to do", outageId, outage == null ? "gone" : outage.status);
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<LiveInventory.HeadRefused> headRefused = inventory.headRefused();
        if (headRefused.isPresent()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("head", headRefused.get().head());
            detail.put("served", headRefused.get().servedInstead());
            detail.put("reason", "HEAD cannot be served: " + headRefused.get().detail());
            audit.record(AuditLog.SERVICE, "planned-outage.not-started", "planned-outage", outageId, detail);
            LOG.errorf("planned outage %d not started: HEAD %s cannot be served; it stays APPROVED for an operator to start once a valid HEAD "
                    + "is loaded", outageId, headRefused.get().head());
            return Optional.empty();
        }
        Duration left = Duration.between(now, outage.windowEnd);
        if (left.compareTo(policy.bootAllowance()) < 0) {
            outages.missWindow(outage, now);
            LOG.warnf("planned outage %d MISSED: fired at %s, window closes %s", outageId, now, outage.windowEnd);
            return Optional.empty();
        }
        RolloutJob.StartKind kind = now.isAfter(outage.windowStart.plus(ON_TIME)) ? RolloutJob.StartKind.LATE : RolloutJob.StartKind.SCHEDULED;
        return Optional.of(open(outage, kind, AuditLog.SERVICE, now));
    }

    /**
     * An operator starts an approved window by hand; only inside the window, and only when it has
     * something to push (a legal power inspection always has: every router is checked). A window
     * with nothing scheduled is refused (409) and stays approved.
     */
    @Transactional
    public RolloutJob openByHand(long outageId, Actor actor) {
        return openByHand(outageId, actor, java.util.List.of());
    }

    /**
     * An operator's decision, given when starting a window by hand, to push {@code router} even where
     * its pre-check finds a pre-existing fault (WAN already down or erroring), for {@code reason}.
     */
    public record PreCheckForce(String router, String reason) {
    }

    /**
     * As {@link #openByHand(long, Actor)}, pushing the routers of {@code forces} past a pre-existing
     * fault their pre-check may find; each force names a router of the window (422 otherwise, naming
     * the request field, nothing started) and is audited ({@code planned-outage.pre-check-forced}).
     */
    @Transactional
    public RolloutJob openByHand(long outageId, Actor actor, java.util.List<PreCheckForce> forces) {
        PlannedOutage outage = PlannedOutage.findById(outageId, LockModeType.PESSIMISTIC_WRITE);
        if (outage == null) {
            throw ChangeRefused.notFound("no planned outage " + outageId);
        }
        Instant now = clock.instant();
        inventory.requireHeadServed("starting planned outage " + outageId);
        if (outage.status != OutageStatus.APPROVED) {
            throw ChangeRefused.conflict("window-not-approved", "Only an approved window can start",
                    "planned outage " + outageId + " is " + outage.status);
        }
        if (!outage.isOpenAt(now)) {
            throw ChangeRefused.conflict("outside-window", "Outside the window",
                    "planned outage " + outageId + " is open from " + Timestamps.format(outage.windowStart) + " to "
                            + Timestamps.format(outage.windowEnd) + "; it is now " + Timestamps.format(now));
        }
        long scheduled = ChangeNotification.count("outageId = ?1 and state = ?2", outageId, NotificationState.SCHEDULED);
        var routers = outages.startWindow(outage);
        if (routers.isEmpty()) {
            // refused before anything moves (the transaction rolls back): an approved slot is not spent on nothing
            throw ChangeRefused.conflict("nothing-scheduled", "Nothing scheduled into the window", scheduled == 0
                            ? "no change notification is scheduled into planned outage " + outageId + "; schedule one into it before starting it"
                            : scheduled + " change notifications are scheduled into planned outage " + outageId
                                    + ", but none changes a router the window covers: there is nothing to push")
                    .with("scheduled_notifications", scheduled);
        }
        Map<String, PreCheckForce> forced = new LinkedHashMap<>();
        for (int i = 0; i < forces.size(); i++) {
            PreCheckForce force = forces.get(i);
            String hostname = force.router();
            if (routers.stream().noneMatch(r -> r.hostname().equals(hostname))) {
                throw ChangeRefused.unprocessable("force-not-in-window", "Forced router not in the window", "force_pre_check[" + i + "].router: "
                        + hostname + " is not a router this window pushes (" + String.join(", ", routers.stream()
                        .map(PlannedOutageService.WindowRouter::hostname).toList()) + ")").with("field", "force_pre_check[" + i + "].router");
            }
            if (forced.put(hostname, force) != null) {
                throw ChangeRefused.unprocessable("force-twice", "Router forced twice", "force_pre_check[" + i + "].router: " + hostname
                        + " is forced twice").with("field", "force_pre_check[" + i + "].router");
            }
        }
        RolloutJob job = open(outage, RolloutJob.StartKind.MANUAL, actor.name(), now, routers);
        for (RolloutJobRouter router : job.routers) {
            PreCheckForce force = forced.get(router.hostname);
            if (force != null) {
                router.preCheckForcedBy = actor.name();
                router.preCheckForcedReason = force.reason();
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("job_id", job.id);
                detail.put("router", router.hostname);
                detail.put("reason", force.reason());
                audit.record(actor.name(), "planned-outage.pre-check-forced", "planned-outage", outageId, detail);
            }
        }
        return job;
    }

    private RolloutJob open(PlannedOutage outage, RolloutJob.StartKind kind, String actor, Instant now) {
        return open(outage, kind, actor, now, outages.startWindow(outage));
    }

    private RolloutJob open(PlannedOutage outage, RolloutJob.StartKind kind, String actor, Instant now,
                            java.util.List<PlannedOutageService.WindowRouter> routers) {
        RolloutJob job = new RolloutJob();
        job.outageId = outage.id;
        job.state = RolloutJob.State.PENDING;
        job.startKind = kind;
        job.inventoryRevision = inventory.current().commit();
        job.startedBy = actor;
        job.createdAt = now;
        routers.forEach(r -> job.routers.add(router(job, r.hostname(), r.notificationId(), r.inventoryRevision())));
        job.persist();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("job_id", job.id);
        detail.put("start_kind", kind.name());
        detail.put("routers", job.routers.size());
        audit.record(actor, "planned-outage.started", "planned-outage", outage.id, detail);
        opened.fire(new WindowOpened(outage.id, job.id));
        return job;
    }

    private static RolloutJobRouter router(RolloutJob job, String hostname, Long notificationId, String revision) {
        RolloutJobRouter router = new RolloutJobRouter();
        router.job = job;
        router.hostname = hostname;
        router.notificationId = notificationId;
        router.inventoryRevision = revision;
        router.state = RolloutJobRouter.State.PENDING;
        return router;
    }
}
