package jp.lgwan.routerconfig.change;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
import java.util.TreeMap;
import java.util.TreeSet;
import jp.lgwan.routerconfig.audit.AuditLog;
import jp.lgwan.routerconfig.render.ChangeRisk;

/** Planned-outage windows (計画停止): request, approval, cancellation, and the rules on their time. */
@ApplicationScoped
public class PlannedOutageService {

    /** What someone asks for. */
    public record Request(List<String> routers, Instant windowStart, Instant windowEnd, OutageReason reason, String description) {
    }

    /** Serializes the overlap check of concurrent requests (and of several service instances). */
    private static final long OVERLAP_LOCK = 0x4c4757414e01L;

    private final LiveInventory inventory;
    private final AuditLog audit;
    private final ChangePolicy policy;
    private final Clock clock;
    private final Event<OutageApproved> approved;
    private final Event<OutageCancelled> cancelled;
    private final EntityManager entityManager;

    public PlannedOutageService(LiveInventory inventory, AuditLog audit, ChangePolicy policy, Clock clock, Event<OutageApproved> approved,
                                Event<OutageCancelled> cancelled, EntityManager entityManager) {
        this.inventory = inventory;
        this.audit = audit;
        this.policy = policy;
        this.clock = clock;
        this.approved = approved;
        this.cancelled = cancelled;
        this.entityManager = entityManager;
    }

    @Transactional
    public PlannedOutage request(Request request, Actor actor) {
        TreeSet<String> routers = new TreeSet<>(request.routers());
        List<String> unknown = routers.stream().filter(h -> inventory.current().router(h).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw ChangeRefused.unprocessable("unknown-router", "Unknown router",
                    "not in the inventory at " + inventory.current().commit() + ": " + String.join(", ", unknown))
                    .with("field", "routers").with("routers", unknown);
        }
        List<String> outOfScope = routers.stream().filter(h -> !actor.scope().coversRouter(inventory.current().inventory(), h)).toList();
        if (!outOfScope.isEmpty()) {
            throw ChangeRefused.unprocessable("router-out-of-scope", "Not your organization's router",
                    actor.name() + " requests windows for the routers of " + actor.scope() + " only, not for " + String.join(", ", outOfScope))
                    .with("field", "routers").with("routers", outOfScope);
        }
        if (!request.windowEnd().isAfter(request.windowStart())) {
            throw ChangeRefused.unprocessable("window-inverted", "Window ends before it starts",
                    "window_end " + Timestamps.format(request.windowEnd()) + " is not after window_start "
                            + Timestamps.format(request.windowStart())).with("field", "window_end");
        }
        Duration length = Duration.between(request.windowStart(), request.windowEnd());
        if (length.compareTo(policy.bootAllowance()) < 0) {
            throw ChangeRefused.unprocessable("window-too-short", "Window shorter than the boot allowance",
                    "the window is " + describe(length) + " long; it must be at least the boot allowance of "
                            + describe(policy.bootAllowance())).with("field", "window_end")
                    .with("minimum_seconds", policy.bootAllowance().toSeconds());
        }
        Instant now = clock.instant();
        if (!request.windowEnd().isAfter(now)) {
            throw ChangeRefused.unprocessable("window-in-past", "Window already over",
                    "window_end " + Timestamps.format(request.windowEnd()) + " has passed").with("field", "window_end");
        }
        entityManager.createNativeQuery("select pg_advisory_xact_lock(" + OVERLAP_LOCK + ")").getSingleResult();
        List<PlannedOutage> overlapping = PlannedOutage.<PlannedOutage>list(
                        "select distinct o from PlannedOutage o join o.routers r where r in ?1 and o.status in ?2 and o.windowStart < ?3 and ?4 < o.windowEnd",
                        routers, List.of(OutageStatus.REQUESTED, OutageStatus.APPROVED, OutageStatus.IN_PROGRESS),
                        request.windowEnd(), request.windowStart());
        if (!overlapping.isEmpty()) {
            List<Map<String, Object>> clashes = new ArrayList<>();
            for (PlannedOutage other : overlapping) {
                Map<String, Object> clash = new LinkedHashMap<>();
                clash.put("outage_id", other.id);
                clash.put("routers", other.routers.stream().filter(routers::contains).toList());
                clash.put("window_start", Timestamps.format(other.windowStart));
                clash.put("window_end", Timestamps.format(other.windowEnd));
                clashes.add(clash);
            }
            throw ChangeRefused.conflict("window-overlap", "Overlapping planned outage",
                    "planned outage " + overlapping.get(0).id + " already holds " + clashes.get(0).get("routers") + " from "
                            + overlapping.get(0).windowStart + " to " + overlapping.get(0).windowEnd).with("conflicts", clashes);
        }
        PlannedOutage outage = new PlannedOutage();
        outage.routers.addAll(routers);
        outage.windowStart = request.windowStart();
        outage.windowEnd = request.windowEnd();
        outage.reason = request.reason();
        outage.description = request.description();
        outage.status = OutageStatus.REQUESTED;
        outage.requestedBy = actor.name();
        outage.organizationCode = actor.scope().kind() == Scope.Kind.ORGANIZATION ? actor.scope().organizationCode() : null;
        outage.requestedAt = now;
        outage.persist();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("routers", List.copyOf(routers));
        detail.put("window_start", Timestamps.format(outage.windowStart));
        detail.put("window_end", Timestamps.format(outage.windowEnd));
        detail.put("reason", outage.reason.name());
        audit.record(actor.name(), "planned-outage.requested", "planned-outage", outage.id, detail);
        return outage;
    }

    /** Approves a requested window and schedules its opening; the trigger commits with the approval. */
    @Transactional
    public PlannedOutage approve(long id, Actor actor) {
        PlannedOutage outage = find(id);
        if (!outage.windowEnd.isAfter(clock.instant())) {
            throw ChangeRefused.conflict("window-in-past", "Window already over", "planned outage " + id + " ended at "
                    + Timestamps.format(outage.windowEnd));
        }
        outage.moveTo(OutageStatus.APPROVED);
        outage.approvedBy = actor.name();
        outage.approvedAt = clock.instant();
        approved.fire(new OutageApproved(outage));
        audit.record(actor.name(), "planned-outage.approved", "planned-outage", id, Map.of("window_start", Timestamps.format(outage.windowStart)));
        return outage;
    }

    /** Cancels a window that has not started; the notifications scheduled into it go back to ACCEPTED. */
    @Transactional
    public PlannedOutage cancel(long id, Actor actor, String reason) {
        return close(find(id), OutageStatus.CANCELLED, actor, reason);
    }

    /**
     * Withdraws (取下げ) a request not yet approved: the organization that requested it, or the operating
     * body's engineers and operators. Out of an organization's scope it is not found; another's request
     * on its routers (the operating body's) is not its to withdraw.
     */
    @Transactional
    public PlannedOutage withdraw(long id, Actor actor, String reason) {
        PlannedOutage outage = find(id);
        if (!actor.scope().isOperatingBody()) {
            if (!visibleTo(outage, actor.scope())) {
                throw ChangeRefused.notFound("no planned outage " + id);
            }
            if (!actor.scope().covers(inventory.current().inventory(), outage.organizationCode == null ? "" : outage.organizationCode)) {
                throw ChangeRefused.forbidden("not-your-request", "Not your organization's request",
                        "planned outage " + id + " was requested by " + (outage.organizationCode == null ? "the operating body"
                                : "organization " + outage.organizationCode) + "; ask the operating body to cancel it");
            }
        }
        return close(outage, OutageStatus.WITHDRAWN, actor, reason);
    }

    /** Whether {@code scope} sees the window: one of its routers is in it. */
    public boolean visibleTo(PlannedOutage outage, Scope scope) {
        return scope.isOperatingBody() || outage.routers.stream().anyMatch(h -> scope.coversRouter(inventory.current().inventory(), h));
    }

    private PlannedOutage close(PlannedOutage outage, OutageStatus end, Actor actor, String reason) {
        long id = outage.id;
        outage.moveTo(end);
        outage.closedBy = actor.name();
        outage.closedAt = clock.instant();
        outage.closeReason = reason;
        cancelled.fire(new OutageCancelled(id));
        List<ChangeNotification> scheduled = ChangeNotification.list("outageId = ?1 and state = ?2", id, NotificationState.SCHEDULED);
        for (ChangeNotification notification : scheduled) {
            notification.moveTo(NotificationState.ACCEPTED);
            notification.outageId = null;
            audit.record(actor.name(), "change-notification.unscheduled", "change-notification", notification.id, Map.of("outage_id", id));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        if (reason != null) {
            detail.put("reason", reason);
        }
        detail.put("notifications_unscheduled", scheduled.size());
        audit.record(actor.name(), "planned-outage." + end.name().toLowerCase(), "planned-outage", id, detail);
        return outage;
    }

    /** One router a window that opens is to change: from which notification, at which inventory revision (both null for a return check). */
    public record WindowRouter(String hostname, Long notificationId, String inventoryRevision) {
    }

    /** How one router of a notification ended in its window: its change verified (confirmed, or already compliant), rolled back, or failed. */
    public enum RouterOutcome { VERIFIED, ROLLED_BACK, FAILED }

    /**
     * A window opens: it is IN_PROGRESS, and so is every notification scheduled into it. Answers the
     * routers it is to change: for a legal power inspection every router of the window (checked when
     * the power is back), otherwise each router a scheduled notification changes and the window
     * covers, with the latest such notification.
     */
    @Transactional
    public List<WindowRouter> startWindow(PlannedOutage outage) {
        outage.moveTo(OutageStatus.IN_PROGRESS);
        if (outage.reason == OutageReason.LEGAL_POWER_INSPECTION) {
            // nothing is pushed: every router of the window is checked when the power is back
            return outage.routers.stream().map(hostname -> new WindowRouter(hostname, null, null)).toList();
        }
        // two notifications may touch one router: the later one's revision is what the router gets
        List<ChangeNotification> scheduled = ChangeNotification.list("outageId = ?1 and state = ?2 order by id", outage.id,
                NotificationState.SCHEDULED);
        Map<String, WindowRouter> byHostname = new TreeMap<>();
        for (ChangeNotification notification : scheduled) {
            notification.moveTo(NotificationState.IN_PROGRESS);
            for (RouterChangeRecord change : notification.routerChanges) {
                if (change.risk != ChangeRisk.NONE && outage.covers(change.hostname)) {
                    byHostname.put(change.hostname, new WindowRouter(change.hostname, notification.id, notification.inventoryRevision));
                }
            }
        }
        return List.copyOf(byHostname.values());
    }

    /** A window fired too late to leave the boot allowance before it closes: MISSED, with an audit event. */
    @Transactional
    public void missWindow(PlannedOutage outage, Instant firedAt) {
        outage.moveTo(OutageStatus.MISSED);
        outage.closedAt = firedAt;
        outage.closedBy = AuditLog.SERVICE;
        outage.closeReason = "not started while at least the boot allowance (" + policy.bootAllowance().toMinutes()
                + " min) was left in the window";
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("window_start", Timestamps.format(outage.windowStart));
        detail.put("window_end", Timestamps.format(outage.windowEnd));
        detail.put("fired_at", Timestamps.format(firedAt));
        detail.put("time_left_seconds", Math.max(0, Duration.between(firedAt, outage.windowEnd).toSeconds()));
        audit.record(AuditLog.SERVICE, "planned-outage.missed", "planned-outage", outage.id, detail);
    }

    /**
     * A window's job is done: the window is COMPLETED (if still in progress), and each notification
     * it carried ends by its routers: all verified COMPLETED, one rolled back ROLLED_BACK, otherwise
     * FAILED.
     */
    @Transactional
    public void finishWindow(long outageId, long jobId, Instant now, Map<Long, List<RouterOutcome>> routersByNotification) {
        PlannedOutage outage = entityManager.find(PlannedOutage.class, outageId, LockModeType.PESSIMISTIC_WRITE);
        if (outage.status == OutageStatus.IN_PROGRESS) {
            outage.moveTo(OutageStatus.COMPLETED);
            outage.closedAt = now;
            outage.closedBy = AuditLog.SERVICE;
        }
        for (Map.Entry<Long, List<RouterOutcome>> entry : new TreeMap<>(routersByNotification).entrySet()) {
            ChangeNotification notification = ChangeNotification.findById(entry.getKey());
            if (notification.state != NotificationState.IN_PROGRESS) {
                continue;
            }
            List<RouterOutcome> routers = entry.getValue();
            NotificationState end = routers.stream().allMatch(r -> r == RouterOutcome.VERIFIED) ? NotificationState.COMPLETED
                    : routers.contains(RouterOutcome.ROLLED_BACK) ? NotificationState.ROLLED_BACK : NotificationState.FAILED;
            notification.moveTo(end);
            audit.record(AuditLog.SERVICE, "change-notification." + end.name().toLowerCase(), "change-notification", notification.id,
                    Map.of("job_id", jobId));
        }
    }

    /**
     * Whether a push to {@code hostname} may run at {@code instant}: only inside an approved window
     * that has started, and never while a legal power inspection window covers the router.
     */
    public boolean mayPush(String hostname, Instant instant) {
        List<PlannedOutage> open = PlannedOutage.list(
                "select o from PlannedOutage o join o.routers r where r = ?1 and o.windowStart <= ?2 and ?2 < o.windowEnd and o.status in ?3",
                hostname, instant, List.of(OutageStatus.APPROVED, OutageStatus.IN_PROGRESS));
        return !open.isEmpty() && open.stream().noneMatch(o -> o.reason == OutageReason.LEGAL_POWER_INSPECTION);
    }

    private PlannedOutage find(long id) {
        PlannedOutage outage = PlannedOutage.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (outage == null) {
            throw ChangeRefused.notFound("no planned outage " + id);
        }
        return outage;
    }

    private static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 ? (seconds / 60) + " min" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }
}
