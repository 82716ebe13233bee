package jp.lgwan.routerconfig.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.audit.AuditEvent;
import jp.lgwan.routerconfig.change.ChangeNotification;
import jp.lgwan.routerconfig.change.ChangePolicy;
import jp.lgwan.routerconfig.change.LineSwitchRecord;
import jp.lgwan.routerconfig.change.NotificationItem;
import jp.lgwan.routerconfig.change.PlannedOutage;
import jp.lgwan.routerconfig.change.RouterChangeRecord;
import jp.lgwan.routerconfig.inventory.AccessLine;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.rollout.JobOutcome;
import jp.lgwan.routerconfig.rollout.RolloutJob;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter;
import jp.lgwan.routerconfig.rollout.RouterDrift;
import jp.lgwan.routerconfig.rollout.ServiceDeskNotice;

/** What the API answers: records built from entities and inventory records, times in Japan's offset. */
@ApplicationScoped
public class Views {

    private final ZoneId zone;

    public Views(ChangePolicy policy) {
        this.zone = policy.zone();
    }

    OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RouterView(String organizationCode, @JsonUnwrapped ConnectionRouter router, String globalAddress) {
    }

    public record AccessLineView(String organizationCode, @JsonUnwrapped AccessLine line) {
    }

    /**
     * One router of a notification: the diff, and the commands a push would type for it (its preview).
     *
     * @param drift set when the router's last backup collection found it DRIFTED from its baseline: the diff and plan
     *              start from the baseline, the push from what the router runs (GET /api/drift/{hostname})
     */
    public record RouterChangeView(String hostname, String profile, String risk, boolean needsOutage, String baseRevision, int added,
                                   int removed, String diff, List<String> plan, String drift) {
    }

    public record NotificationView(long id, String organizationCode, String state, List<NotificationItem> items, OffsetDateTime submittedAt,
                                   LocalDate effectiveDate, String inventoryRevision, String highestRisk, boolean needsOutage, String filedBy,
                                   String emergencyReason, String decidedBy, OffsetDateTime decidedAt, String decisionReason, Long outageId,
                                   List<RouterChangeView> routers, String withdrawnBy, OffsetDateTime withdrawnAt, String withdrawReason,
                                   String itemBaseRevision, String itemOverrideReason, List<String> itemMismatches,
                                   List<LineSwitchRecordView> lineSwitchRecords) {
    }

    /** A line switch's coordination or agreement: who agreed, when, in which document, and who recorded it. */
    public record LineSwitchRecordView(long id, String kind, String accessLine, String parties, LocalDate agreedOn, String documentReference,
                                       String recordedBy, OffsetDateTime recordedAt) {
    }

    /** @param organizationCode the connected organization that requested it; null when the operating body did */
    public record OutageView(long id, String status, String reason, String description, List<String> routers, OffsetDateTime windowStart,
                             OffsetDateTime windowEnd, String requestedBy, OffsetDateTime requestedAt, String approvedBy,
                             OffsetDateTime approvedAt, String closedBy, OffsetDateTime closedAt, String closeReason, String organizationCode) {
    }

    public record JobRouterView(String hostname, String state, int wave, Long notificationId, String inventoryRevision, String guard,
                                Long backupId, OffsetDateTime startedAt, OffsetDateTime finishedAt, List<RolloutJobRouter.FailedCheck> failedChecks,
                                List<RolloutJobRouter.Step> steps, PreCheckForcedView preCheckForced) {
    }

    /** Who forced a router's push past a pre-existing fault its pre-check may find, and why. */
    public record PreCheckForcedView(String by, String reason) {
    }

    /** @param outcome the state in one sentence, with the count of routers per state (JobOutcome) */
    public record JobView(long id, long outageId, String state, String startKind, String inventoryRevision, String startedBy,
                          OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt, String haltedReason,
                          Map<String, Long> routersByState, String outcome, List<JobRouterView> routers) {
    }

    /**
     * One version of a router's running config.
     *
     * @param source      PRE_PUSH (read by a push before it changed the router) or COLLECTED (a backup collection)
     * @param lastSeenAt  the last time a read found the router still running it
     */
    public record BackupView(long id, String hostname, Long jobId, String source, OffsetDateTime takenAt, OffsetDateTime lastSeenAt, long lines,
                             String contentSha256) {
    }

    public record AuditView(long id, OffsetDateTime occurredAt, String actor, String action, String subjectType, String subjectId,
                            Map<String, Object> detail) {
    }

    /**
     * A notice for the service desk: what happened (its kind and body, as posted to the webhook), its
     * delivery, and whether the operating center acknowledged it.
     *
     * @param routers the routers it names, from its body
     */
    public record NoticeView(long id, String kind, OffsetDateTime createdAt, Long jobId, Long outageId, List<String> routers,
                             Map<String, Object> body, OffsetDateTime deliveredAt, int deliveryAttempts, String lastDeliveryError,
                             OffsetDateTime acknowledgedAt, String acknowledgedBy, String acknowledgeNote) {
    }

    NoticeView notice(ServiceDeskNotice n) {
        return new NoticeView(n.id, n.kind, time(n.createdAt), number(n.body.get("job_id")), number(n.body.get("outage_id")),
                ServiceDeskNotice.routersNamed(n.body), n.body, time(n.deliveredAt), n.attempts, n.lastError, time(n.acknowledgedAt),
                n.acknowledgedBy, n.acknowledgeNote);
    }

    private static Long number(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }

    NotificationView notification(ChangeNotification n, boolean withRouters) {
        List<RouterChangeView> routers = withRouters ? n.routerChanges.stream().map(this::routerChange).toList() : null;
        return new NotificationView(n.id, n.organizationCode, n.state.name(), n.items, time(n.submittedAt), n.effectiveDate, n.inventoryRevision,
                n.highestRisk.name(), n.needsOutage, n.filedBy, n.emergencyReason, n.decidedBy, time(n.decidedAt), n.decisionReason,
                n.outageId, routers, n.withdrawnBy, time(n.withdrawnAt), n.withdrawReason, n.itemBaseRevision, n.itemOverrideReason, n.itemMismatches,
                withRouters ? n.lineSwitchRecords.stream().map(this::lineSwitchRecord).toList() : null);
    }

    LineSwitchRecordView lineSwitchRecord(LineSwitchRecord r) {
        return new LineSwitchRecordView(r.id, r.kind.name(), r.accessLine, r.parties, r.agreedOn, r.documentReference, r.recordedBy,
                time(r.recordedAt));
    }

    RouterChangeView routerChange(RouterChangeRecord c) {
        return new RouterChangeView(c.hostname, c.profile, c.risk.name(), c.needsOutage(), c.baseRevision, c.added, c.removed, c.diff,
                List.copyOf(c.plan), driftOf(c.hostname));
    }

    /** What the preview says of a router that drifted from its baseline (its last collection), or null. */
    String driftOf(String hostname) {
        RouterDrift drift = RouterDrift.findById(hostname);
        if (drift == null || drift.status != RouterDrift.Status.DRIFTED) {
            return null;
        }
        return "DRIFTED from its baseline (+" + drift.added + " -" + drift.removed + " owned lines, read " + time(drift.collectedAt)
                + "): this diff and plan start from the baseline; the push types what the running config then needs (GET /api/drift/"
                + hostname + ")";
    }

    OutageView outage(PlannedOutage o) {
        return outage(o, hostname -> true);
    }

    /** The window as a caller of a scope sees it: only the routers {@code shown} lets through (its own). */
    OutageView outage(PlannedOutage o, java.util.function.Predicate<String> shown) {
        return new OutageView(o.id, o.status.name(), o.reason.name(), o.description, o.routers.stream().filter(shown).toList(),
                time(o.windowStart), time(o.windowEnd), o.requestedBy, time(o.requestedAt), o.approvedBy, time(o.approvedAt), o.closedBy,
                time(o.closedAt), o.closeReason, o.organizationCode);
    }

    JobView job(RolloutJob j, boolean withRouters) {
        return job(j, withRouters, hostname -> true);
    }

    /** The job as a caller of a scope sees it: only the routers {@code shown} lets through (its own), listed and counted. */
    JobView job(RolloutJob j, boolean withRouters, java.util.function.Predicate<String> shown) {
        List<jp.lgwan.routerconfig.rollout.RolloutJobRouter> visible = j.routers.stream().filter(r -> shown.test(r.hostname)).toList();
        JobOutcome outcome = JobOutcome.of(j.state, visible.stream().map(r -> r.state).toList(), j.haltedReason);
        List<JobRouterView> routers = withRouters ? visible.stream().map(r -> new JobRouterView(r.hostname, r.state.name(), r.wave,
                r.notificationId, r.inventoryRevision, r.guard == null ? null : r.guard.name(), r.backupId, time(r.startedAt), time(r.finishedAt), r.failedChecks, r.steps,
                r.preCheckForcedReason == null ? null : new PreCheckForcedView(r.preCheckForcedBy, r.preCheckForcedReason))).toList() : null;
        return new JobView(j.id, j.outageId, j.state.name(), j.startKind.name(), j.inventoryRevision, j.startedBy, time(j.createdAt),
                time(j.startedAt), time(j.finishedAt), j.haltedReason, outcome.routersByState(), outcome.summary(), routers);
    }

    BackupView backup(jp.lgwan.routerconfig.rollout.RouterBackup b) {
        return new BackupView(b.id, b.hostname, b.jobId, b.source.name(), time(b.takenAt), time(b.lastSeenAt), b.config.lines().count(),
                b.contentSha256);
    }

    AuditView audit(AuditEvent e) {
        return new AuditView(e.id, time(e.occurredAt), e.actor, e.action, e.subjectType, e.subjectId, e.detail);
    }
}
