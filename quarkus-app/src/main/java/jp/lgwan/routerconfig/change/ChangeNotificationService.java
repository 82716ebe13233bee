package jp.lgwan.routerconfig.change;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.lgwan.routerconfig.audit.AuditLog;
import jp.lgwan.routerconfig.device.CliRouterDriver;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.inventory.rules.VendorSupport;
import jp.lgwan.routerconfig.render.ChangeRisk;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.render.InventoryDiff;
import jp.lgwan.routerconfig.render.RenderProblem;
import jp.lgwan.routerconfig.render.RenderedConfig;
import jp.lgwan.routerconfig.render.SecretPlaceholder;

/** The life of a change notification (変更届出): filing, decision, scheduling into a window, closing. */
@ApplicationScoped
public class ChangeNotificationService {

    /** What an organization files. */
    public record Filing(String organizationCode, List<NotificationItem> items, LocalDate effectiveDate, String inventoryRevision,
                         String emergencyReason) {
    }

    private final LiveInventory inventory;
    private final BaselineStore baselines;
    private final AuditLog audit;
    private final ChangePolicy policy;
    private final Clock clock;

    public ChangeNotificationService(LiveInventory inventory, BaselineStore baselines, AuditLog audit, ChangePolicy policy, Clock clock) {
        this.inventory = inventory;
        this.baselines = baselines;
        this.audit = audit;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * The notice period a notification with {@code items} needs: the longest of its items' (each item kind declares
     * its own, {@link NotificationItem.Kind#notice()}): 20 days for a line speed change or a line switch, as the source
     * says; none for a personnel change unless configured; the general rule for the rest.
     */
    public NoticePeriod noticePeriod(List<NotificationItem> items) {
        int days = items.stream().mapToInt(i -> policy.noticeDays(i.kind().notice())).max().orElse(policy.noticeDays());
        return new NoticePeriod(days, policy.zone());
    }

    /**
     * Files a notification: checks the notice period, renders the organization's routers at the
     * revision named (HEAD by default) and stores each router's diff against its baseline.
     */
    @Transactional
    public ChangeNotification file(Filing filing, Actor actor) {
        Instant now = clock.instant();
        boolean emergency = filing.emergencyReason() != null;
        if (emergency && !actor.is(Actor.OPERATOR)) {
            throw ChangeRefused.forbidden("emergency-override-forbidden", "Emergency override needs the operator role",
                    actor.name() + " may not file inside the notice period; an operator may, with a reason");
        }
        if (!actor.scope().covers(inventory.current().inventory(), filing.organizationCode())) {
            throw ChangeRefused.unprocessable("organization-out-of-scope", "Not your organization",
                    actor.name() + " files for " + actor.scope() + " only, not for organization " + filing.organizationCode())
                    .with("field", "organization_code");
        }
        NoticePeriod notice = noticePeriod(filing.items());
        if (!emergency && !notice.allows(now, filing.effectiveDate())) {
            LocalDate earliest = notice.earliestEffectiveDate(now);
            throw ChangeRefused.unprocessable("notice-period", "Filed too late",
                            "effective_date " + filing.effectiveDate() + " is less than " + notice.days() + " days after submission on "
                                    + notice.submissionDay(now) + " (" + policy.zone() + "); the earliest allowed date is " + earliest)
                    .with("field", "effective_date").with("earliest_effective_date", earliest.toString());
        }
        InventoryRevision revision = inventory.at(filing.inventoryRevision());
        Organization organization = revision.inventory().organization(filing.organizationCode())
                .orElseThrow(() -> ChangeRefused.unprocessable("unknown-organization", "Unknown organization",
                        "no organization " + filing.organizationCode() + " in the inventory at " + revision.commit())
                        .with("field", "organization_code"));
        refuseUnsupportedEquipment(revision, organization, filing.effectiveDate(), "effective date");

        ChangeNotification notification = new ChangeNotification();
        notification.organizationCode = organization.code();
        notification.items = new ArrayList<>(filing.items());
        notification.submittedAt = now;
        notification.effectiveDate = filing.effectiveDate();
        notification.inventoryRevision = revision.commit();
        notification.state = NotificationState.RECEIVED;
        notification.filedBy = actor.name();
        notification.emergencyReason = filing.emergencyReason();
        notification.itemBaseRevision = itemBase(organization, revision);
        ChangeRisk highest = ChangeRisk.NONE;
        for (ConnectionRouter router : organization.routers()) {
            RouterChangeRecord record = compare(revision, router);
            record.notification = notification;
            notification.routerChanges.add(record);
            highest = highest.max(record.risk);
        }
        notification.highestRisk = highest;
        notification.needsOutage = highest == ChangeRisk.NEEDS_OUTAGE;
        notification.persist();

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("organization_code", notification.organizationCode);
        detail.put("effective_date", notification.effectiveDate.toString());
        detail.put("inventory_revision", notification.inventoryRevision);
        detail.put("highest_risk", highest.name());
        audit.record(actor.name(), "change-notification.filed", "change-notification", notification.id, detail);
        if (emergency) {
            audit.record(actor.name(), "change-notification.emergency-override", "change-notification", notification.id,
                    Map.of("reason", filing.emergencyReason(), "earliest_effective_date", notice.earliestEffectiveDate(now).toString(),
                            "effective_date", filing.effectiveDate().toString()));
        }
        return notification;
    }

    private RouterChangeRecord compare(InventoryRevision revision, ConnectionRouter router) {
        RenderedConfig candidate = revision.config(router.hostname()).orElseThrow(() -> {
            String why = revision.problems().stream().filter(p -> p.router().equals(router.hostname())).map(RenderProblem::format)
                    .findFirst().orElse("no template for " + router.vendorProfile());
            return ChangeRefused.unprocessable("render-failed", "Router config cannot be rendered",
                    router.hostname() + " does not render at " + revision.commit() + ": " + why);
        });
        RenderedConfig base = baselines.baselineOf(router.hostname(), candidate.profile()).orElse(null);
        InventoryDiff.RouterChange change = InventoryDiff.routerChange(router.hostname(), base, candidate, revision.dialect(candidate.profile()));
        RouterChangeRecord record = new RouterChangeRecord();
        record.hostname = router.hostname();
        record.profile = candidate.profile();
        record.risk = change.risk();
        RouterBaseline baseline = RouterBaseline.findById(router.hostname());
        record.baseRevision = baseline == null ? null : baseline.revision;
        record.added = change.diff().added();
        record.removed = change.diff().removed();
        record.diff = change.maskedDiff();
        record.candidateConfig = candidate.text();
        record.plan = plan(revision.dialect(candidate.profile()), base, candidate);
        return record;
    }

    /** What a push would type to take the router from its baseline to the candidate; nothing for a profile no driver pushes. */
    private static List<String> plan(Dialect dialect, RenderedConfig base, RenderedConfig candidate) {
        if (dialect.cli() == null || base != null && base.text().equals(candidate.text())) {
            return new ArrayList<>();
        }
        return new ArrayList<>(CliRouterDriver.commitLines(dialect, base == null ? "" : base.text(), candidate.text()).stream()
                .map(SecretPlaceholder::mask).toList());
    }

    @Transactional
    public ChangeNotification accept(long id, Actor actor, String reason) {
        return accept(id, actor, reason, null);
    }

    /**
     * Accepts a notification once its line switches have their records ({@link LineSwitchRules}) and its items say what
     * its revision does ({@link ItemsMatchRevision}); where they disagree, only with {@code overrideReason}, which is
     * kept on the notification with what disagreed, and audited.
     */
    @Transactional
    public ChangeNotification accept(long id, Actor actor, String reason, String overrideReason) {
        ChangeNotification notification = find(id);
        if (!notification.state.canMoveTo(NotificationState.ACCEPTED)) {
            notification.moveTo(NotificationState.ACCEPTED); // refuses, naming the moves allowed
        }
        ItemCheck check = itemCheck(notification);
        List<String> missing = LineSwitchRules.missing(check.switches(), notification.lineSwitchRecords);
        if (!missing.isEmpty()) {
            throw ChangeRefused.unprocessable("line-switch-records-missing", "A line switch needs its coordination or agreement first",
                    "change notification " + id + " cannot be accepted: " + String.join("; ", missing)).with("missing", missing);
        }
        if (!check.mismatches().isEmpty()) {
            if (overrideReason == null) {
                throw ChangeRefused.unprocessable("items-do-not-match-revision", "The notification's items do not say what its revision does",
                        "change notification " + id + " (items compared with " + check.base() + " -> " + notification.inventoryRevision + "): "
                                + String.join("; ", check.mismatches()) + "; correct the notification, or accept it with override_reason")
                        .with("mismatches", check.mismatches()).with("base_revision", check.base());
            }
            notification.itemOverrideReason = overrideReason;
            notification.itemMismatches = new ArrayList<>(check.mismatches());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("override_reason", overrideReason);
            detail.put("mismatches", check.mismatches());
            detail.put("base_revision", check.base());
            audit.record(actor.name(), "change-notification.items-mismatch-overridden", "change-notification", id, detail);
        }
        ChangeNotification accepted = decide(id, actor, NotificationState.ACCEPTED, reason);
        accepted.acceptedAt = accepted.decidedAt;
        return accepted;
    }

    /** The records the notification's line switches still need before it can be accepted (the console's form offers them). */
    public List<LineSwitchRules.Needed> lineSwitchRecordsMissing(ChangeNotification notification) {
        return LineSwitchRules.unrecorded(itemCheck(notification).switches(), notification.lineSwitchRecords);
    }

    /** What an item check found: the revision compared with, the mismatches, the records the line switches need. */
    record ItemCheck(String base, List<String> mismatches, List<LineSwitchRules.Needed> switches) {
    }

    ItemCheck itemCheck(ChangeNotification notification) {
        Organization after = inventory.at(notification.inventoryRevision).inventory().organization(notification.organizationCode).orElse(null);
        if (after == null) {
            return new ItemCheck(notification.itemBaseRevision, List.of("organization " + notification.organizationCode
                    + " is not in the inventory at " + notification.inventoryRevision), List.of());
        }
        String baseName = notification.itemBaseRevision != null ? notification.itemBaseRevision : notification.inventoryRevision;
        InventoryRevision base;
        try {
            base = inventory.at(baseName);
        } catch (ChangeRefused refused) {
            return new ItemCheck(baseName, List.of("the revision the items are compared with, " + baseName + ", cannot be loaded: "
                    + refused.getMessage()), List.of());
        }
        Organization before = base.inventory().organization(notification.organizationCode).orElse(null);
        return new ItemCheck(base.commit(), ItemsMatchRevision.mismatches(notification.items, before, after),
                LineSwitchRules.needed(base.inventory(), before, after));
    }

    /**
     * Records a line switch's coordination or agreement on a notification that is not yet decided. Refused for a
     * line the notification does not switch in a way that needs it.
     */
    @Transactional
    public LineSwitchRecord recordLineSwitch(long id, LineSwitchRecord.Kind kind, String accessLine, String parties, LocalDate agreedOn,
                                             String documentReference, Actor actor) {
        ChangeNotification notification = find(id);
        if (notification.state != NotificationState.RECEIVED) {
            throw ChangeRefused.conflict("notification-decided", "Records are kept before the decision",
                    "change notification " + id + " is " + notification.state + "; line-switch records are recorded while it is RECEIVED");
        }
        List<LineSwitchRules.Needed> needed = itemCheck(notification).switches();
        if (needed.stream().noneMatch(n -> n.kind() == kind && n.accessLine().equals(accessLine))) {
            throw ChangeRefused.unprocessable("line-switch-record-not-needed", "Nothing to record for this line",
                    "change notification " + id + " needs no " + kind + " for access line " + accessLine + "; it needs: "
                            + (needed.isEmpty() ? "nothing" : String.join("; ", needed.stream().map(n -> n.kind() + " for " + n.accessLine()).toList())))
                    .with("field", "access_line");
        }
        LineSwitchRecord record = new LineSwitchRecord();
        record.notification = notification;
        record.kind = kind;
        record.accessLine = accessLine;
        record.parties = parties;
        record.agreedOn = agreedOn;
        record.documentReference = documentReference;
        record.recordedBy = actor.name();
        record.recordedAt = clock.instant();
        notification.lineSwitchRecords.add(record);
        record.persist();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("kind", kind.name());
        detail.put("access_line", accessLine);
        detail.put("parties", parties);
        detail.put("agreed_on", agreedOn.toString());
        detail.put("document_reference", documentReference);
        audit.record(actor.name(), "change-notification.line-switch-recorded", "change-notification", id, detail);
        return record;
    }

    /**
     * The revision the items of a new notification for {@code organization} are compared with: the revision of the
     * organization's latest accepted notification (what it last said its inventory becomes), else its routers'
     * baseline (what they run), else the one served now.
     */
    private String itemBase(Organization organization, InventoryRevision revision) {
        // a rolled-back, failed or withdrawn change did not happen: the organization's retry is compared with what was before it
        // (one closed after it is not told apart: acceptedAt stays set)
        Optional<ChangeNotification> accepted = ChangeNotification.<ChangeNotification>find(
                "organizationCode = ?1 and acceptedAt is not null and state not in ?2 order by acceptedAt desc, id desc", organization.code(),
                List.of(NotificationState.ROLLED_BACK, NotificationState.FAILED, NotificationState.WITHDRAWN)).firstResultOptional();
        if (accepted.isPresent()) {
            return accepted.get().inventoryRevision;
        }
        Optional<String> baseline = organization.routers().stream().map(r -> RouterBaseline.<RouterBaseline>findById(r.hostname()))
                .filter(Objects::nonNull).filter(b -> b.revision != null).max(Comparator.comparing(b -> b.recordedAt))
                .map(b -> b.revision);
        return baseline.orElse(inventory.current().commit());
    }

    /**
     * Refuses a push to equipment past (or without a known) end of support on {@code day}: the source forbids using
     * it (「サポート期間が終了しているOS等は…使用しないでください」). Checked as of the effective date at filing and as of the
     * window's day at scheduling, not as of today.
     */
    private void refuseUnsupportedEquipment(InventoryRevision revision, Organization organization, LocalDate day, String which) {
        unsupportedEquipment(revision, organization, day, which).ifPresent(refusal -> {
            throw refusal;
        });
    }

    private static Optional<ChangeRefused> unsupportedEquipment(InventoryRevision revision, Organization organization, LocalDate day, String which) {
        List<String> problems = organization.routers().stream()
                .flatMap(r -> VendorSupport.refusals(revision.inventory(), r, day).stream()).toList();
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ChangeRefused.unprocessable("equipment-end-of-support", "Equipment out of support on the " + which,
                "on the " + which + " " + day + ": " + String.join("; ", problems)).with("problems", problems).with("day", day.toString()));
    }

    @Transactional
    public ChangeNotification reject(long id, Actor actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ChangeRefused.unprocessable("reason-required", "A rejection needs a reason",
                    "say why the notification is rejected: the organization reads it").with("field", "reason");
        }
        return decide(id, actor, NotificationState.REJECTED, reason);
    }

    private ChangeNotification decide(long id, Actor actor, NotificationState target, String reason) {
        ChangeNotification notification = find(id);
        notification.moveTo(target);
        notification.decidedBy = actor.name();
        notification.decidedAt = clock.instant();
        notification.decisionReason = reason;
        Map<String, Object> detail = new LinkedHashMap<>();
        if (reason != null) {
            detail.put("reason", reason);
        }
        audit.record(actor.name(), "change-notification." + target.name().toLowerCase(), "change-notification", id, detail);
        return notification;
    }

    /**
     * Puts an accepted notification into a window. Every router it changes must be in the window;
     * a change that needs an outage needs an approved window; a legal power inspection window takes
     * no pushes; and the window may not open before the effective date unless the notification was
     * an emergency.
     */
    @Transactional
    public ChangeNotification schedule(long id, long outageId, Actor actor) {
        ChangeNotification notification = find(id);
        PlannedOutage outage = PlannedOutage.findById(outageId, LockModeType.PESSIMISTIC_WRITE);
        if (outage == null) {
            throw ChangeRefused.unprocessable("unknown-outage", "Unknown planned outage", "no planned outage " + outageId)
                    .with("field", "outage_id");
        }
        if (!notification.state.canMoveTo(NotificationState.SCHEDULED)) {
            notification.moveTo(NotificationState.SCHEDULED); // refuses, naming the moves allowed
        }
        whyCannotTake(notification, outage).ifPresent(refusal -> {
            throw refusal;
        });
        notification.moveTo(NotificationState.SCHEDULED);
        notification.outageId = outageId;
        audit.record(actor.name(), "change-notification.scheduled", "change-notification", id, Map.of("outage_id", outageId));
        return notification;
    }

    /**
     * Why {@code outage} cannot take {@code notification}, or empty when it can: the window's side of
     * {@link #schedule} (a power inspection takes no pushes; open for scheduling; covers every router
     * the change touches; approved when the change needs an outage; not before the effective date
     * unless an emergency). The console offers only the windows this lets through.
     */
    public Optional<ChangeRefused> whyCannotTake(ChangeNotification notification, PlannedOutage outage) {
        if (outage.reason == OutageReason.LEGAL_POWER_INSPECTION) {
            return Optional.of(ChangeRefused.conflict("window-blocks-pushes", "A legal power inspection window takes no pushes",
                    "planned outage " + outage.id + " is a legal power inspection (法定点検): nothing is pushed in it"));
        }
        if (outage.status != OutageStatus.REQUESTED && outage.status != OutageStatus.APPROVED) {
            return Optional.of(ChangeRefused.conflict("window-not-open-for-scheduling", "Window cannot take changes",
                    "planned outage " + outage.id + " is " + outage.status));
        }
        List<String> outside = notification.routerChanges.stream().filter(c -> c.risk != ChangeRisk.NONE)
                .map(c -> c.hostname).filter(h -> !outage.covers(h)).toList();
        if (!outside.isEmpty()) {
            return Optional.of(ChangeRefused.unprocessable("window-does-not-cover", "Window does not cover the routers",
                    "planned outage " + outage.id + " does not include " + String.join(", ", outside)).with("routers", outside));
        }
        if (notification.needsOutage && outage.status != OutageStatus.APPROVED) {
            List<String> needing = notification.routerChanges.stream().filter(RouterChangeRecord::needsOutage).map(c -> c.hostname).toList();
            return Optional.of(ChangeRefused.unprocessable("outage-not-approved", "Change needs an approved outage window",
                    "the change to " + String.join(", ", needing) + " needs an outage; planned outage " + outage.id + " is "
                            + outage.status + ", not APPROVED").with("routers", needing));
        }
        LocalDate windowDay = outage.windowStart.atZone(policy.zone()).toLocalDate();
        if (notification.emergencyReason == null && windowDay.isBefore(notification.effectiveDate)) {
            return Optional.of(ChangeRefused.unprocessable("window-before-effective-date", "Window opens before the effective date",
                    "planned outage " + outage.id + " opens on " + windowDay + ", before the effective date " + notification.effectiveDate));
        }
        InventoryRevision revision = inventory.at(notification.inventoryRevision);
        return revision.inventory().organization(notification.organizationCode)
                .flatMap(organization -> unsupportedEquipment(revision, organization, windowDay, "window's day"));
    }

    /**
     * Withdraws (取下げ) a notification not yet scheduled, for its organization or the operating body;
     * one out of the actor's scope is not found.
     */
    @Transactional
    public ChangeNotification withdraw(long id, Actor actor, String reason) {
        ChangeNotification notification = find(id);
        if (!actor.scope().covers(inventory.current().inventory(), notification.organizationCode)) {
            throw ChangeRefused.notFound("no change notification " + id);
        }
        notification.moveTo(NotificationState.WITHDRAWN);
        notification.withdrawnBy = actor.name();
        notification.withdrawnAt = clock.instant();
        notification.withdrawReason = reason;
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("organization_code", notification.organizationCode);
        if (reason != null) {
            detail.put("reason", reason);
        }
        audit.record(actor.name(), "change-notification.withdrawn", "change-notification", id, detail);
        return notification;
    }

    @Transactional
    public ChangeNotification close(long id, Actor actor) {
        ChangeNotification notification = find(id);
        notification.moveTo(NotificationState.CLOSED);
        audit.record(actor.name(), "change-notification.closed", "change-notification", id, Map.of());
        return notification;
    }

    public ChangeNotification find(long id) {
        ChangeNotification notification = ChangeNotification.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (notification == null) {
            throw ChangeRefused.notFound("no change notification " + id);
        }
        return notification;
    }
}
