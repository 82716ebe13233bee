package jp.lgwan.routerconfig.console;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.lgwan.routerconfig.audit.AuditEvent;
import jp.lgwan.routerconfig.change.ChangeNotification;
import jp.lgwan.routerconfig.change.ChangeNotificationService;
import jp.lgwan.routerconfig.change.ChangePolicy;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.InventoryRevision;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.change.NotificationState;
import jp.lgwan.routerconfig.change.OutageStatus;
import jp.lgwan.routerconfig.change.PlannedOutage;
import jp.lgwan.routerconfig.change.RouterChangeRecord;
import jp.lgwan.routerconfig.device.Verification;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.render.RenderedConfig;
import jp.lgwan.routerconfig.rollout.JobOutcome;
import jp.lgwan.routerconfig.rollout.RolloutJob;
import jp.lgwan.routerconfig.rollout.RolloutJobRouter;
import jp.lgwan.routerconfig.rollout.RouterBackup;
import jp.lgwan.routerconfig.rollout.ServiceDeskNotice;

/**
 * What each page of the console shows, read in one transaction per page: records made for the
 * templates (every time already in Japan time and formatted, every list already in its order), so
 * that the templates only lay them out.
 */
@ApplicationScoped
public class ConsoleViews {

    /** The board's calendar: today and the next 30 days. */
    static final int CALENDAR_DAYS = 31;
    /** Routers whose last push ended like this within this many days need attention. */
    static final Duration ATTENTION_FOR = Duration.ofDays(30);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final LiveInventory inventory;
    private final jp.lgwan.routerconfig.change.BaselineStore baselines;
    private final jp.lgwan.routerconfig.rollout.RolloutPolicy rollout;
    private final ChangeNotificationService notifications;
    private final Clock clock;
    private final ZoneId zone;

    public ConsoleViews(LiveInventory inventory, ChangeNotificationService notifications, Clock clock, ChangePolicy policy,
                        jp.lgwan.routerconfig.change.BaselineStore baselines, jp.lgwan.routerconfig.rollout.RolloutPolicy rollout) {
        this.inventory = inventory;
        this.baselines = baselines;
        this.rollout = rollout;
        this.notifications = notifications;
        this.clock = clock;
        this.zone = policy.zone();
    }

    String minute(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant.atZone(zone));
    }

    String today() {
        return LocalDate.now(clock.withZone(zone)).toString();
    }

    // ---- the board ---------------------------------------------------------------------------------

    /** A window on a day's timeline: where it starts and how long it lasts, in percent of the day. */
    public record WindowBar(long id, String status, String reason, String from, String to, int routers, double left, double width) {
    }

    public record Day(String date, String weekday, boolean today, List<WindowBar> windows) {
    }

    public record NotificationRow(long id, String organization, String effectiveDate, String risk, String state, String submittedAt,
                                  boolean emergency) {
    }

    public record WindowRow(long id, String status, String reason, String from, String to, int routers) {
    }

    public record RunningRow(long jobId, long outageId, String state, long done, long total, int percent, String outcome) {
    }

    public record AttentionRow(String hostname, String state, long jobId, long outageId, String at, String why) {
    }

    public record NoticeRow(long id, String kind, String createdAt, List<String> routers, Long outageId) {
    }

    public record Board(List<Day> days, boolean anyWindow, List<NotificationRow> waitingAcceptance, List<WindowRow> waitingApproval,
                        List<RunningRow> running, List<AttentionRow> attention, List<NoticeRow> notices) {
    }

    @Transactional
    public Board board(Locale locale) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Instant from = today.atStartOfDay(zone).toInstant();
        Instant to = today.plusDays(CALENDAR_DAYS).atStartOfDay(zone).toInstant();
        List<PlannedOutage> windows = PlannedOutage.list("windowEnd > ?1 and windowStart < ?2 and status not in ?3 order by windowStart, id",
                from, to, List.of(OutageStatus.CANCELLED, OutageStatus.WITHDRAWN));
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < CALENDAR_DAYS; i++) {
            LocalDate date = today.plusDays(i);
            ZonedDateTime dayStart = date.atStartOfDay(zone);
            ZonedDateTime dayEnd = date.plusDays(1).atStartOfDay(zone);
            List<WindowBar> bars = new ArrayList<>();
            for (PlannedOutage o : windows) {
                if (o.windowStart.isBefore(dayEnd.toInstant()) && o.windowEnd.isAfter(dayStart.toInstant())) {
                    Instant barStart = o.windowStart.isBefore(dayStart.toInstant()) ? dayStart.toInstant() : o.windowStart;
                    Instant barEnd = o.windowEnd.isAfter(dayEnd.toInstant()) ? dayEnd.toInstant() : o.windowEnd;
                    double dayMinutes = Duration.between(dayStart, dayEnd).toMinutes();
                    double left = Duration.between(dayStart.toInstant(), barStart).toMinutes() * 100 / dayMinutes;
                    double width = Math.max(1.5, Duration.between(barStart, barEnd).toMinutes() * 100 / dayMinutes);
                    bars.add(new WindowBar(o.id, o.status.name(), o.reason.name(), CLOCK.format(o.windowStart.atZone(zone)),
                            CLOCK.format(o.windowEnd.atZone(zone)), o.routers.size(), Math.round(left * 10) / 10.0,
                            Math.round(Math.min(width, 100 - left) * 10) / 10.0));
                }
            }
            days.add(new Day(date.toString(), date.getDayOfWeek().getDisplayName(TextStyle.SHORT, locale), i == 0, bars));
        }
        List<NotificationRow> waiting = ChangeNotification.<ChangeNotification>list("state", Sort.ascending("effectiveDate", "id"),
                NotificationState.RECEIVED).stream().map(this::notificationRow).toList();
        List<WindowRow> approval = PlannedOutage.<PlannedOutage>list("status = ?1 and windowEnd > ?2 order by windowStart, id",
                OutageStatus.REQUESTED, clock.instant()).stream()
                .map(o -> new WindowRow(o.id, o.status.name(), o.reason.name(), minute(o.windowStart), minute(o.windowEnd), o.routers.size()))
                .toList();
        // a job that failed as a whole runs nothing more, whatever its routers' records say
        List<RunningRow> running = RolloutJob.<RolloutJob>list("finishedAt is null and state <> ?1 order by id", RolloutJob.State.FAILED)
                .stream().map(j -> {
            JobOutcome outcome = JobOutcome.of(j);
            long total = j.routers.size();
            long done = j.routers.stream().filter(r -> r.state.terminal()).count();
            return new RunningRow(j.id, j.outageId, j.state.name(), done, total, total == 0 ? 0 : (int) (done * 100 / total), outcome.summary());
        }).toList();
        List<NoticeRow> notices = ServiceDeskNotice.<ServiceDeskNotice>list("acknowledgedAt is null", Sort.descending("id")).stream()
                .map(this::noticeRow).toList();
        return new Board(days, !windows.isEmpty(), waiting, approval, running, attention(), notices);
    }

    /**
     * Each router's last push that ended failed, rolled back or refused for a pre-existing fault (a router that did not
     * come back after a power cut is FAILED).
     */
    private List<AttentionRow> attention() {
        List<RolloutJobRouter> ended = RolloutJobRouter.list("finishedAt > ?1 order by finishedAt desc", clock.instant().minus(ATTENTION_FOR));
        Set<String> seen = new LinkedHashSet<>();
        List<AttentionRow> rows = new ArrayList<>();
        for (RolloutJobRouter r : ended) {
            if (r.state == RolloutJobRouter.State.SKIPPED || !seen.add(r.hostname)) {
                continue; // skipped: nothing was done to it; older ends of a router with a newer one do not count
            }
            // a pre-existing fault too: nothing was pushed, but the line is down or erroring and someone must mend it
            if (r.state == RolloutJobRouter.State.FAILED || r.state == RolloutJobRouter.State.ROLLED_BACK
                    || r.state == RolloutJobRouter.State.PRE_EXISTING_FAULT) {
                String why = r.failedChecks.isEmpty() ? lastOutcome(r)
                        : String.join(", ", r.failedChecks.stream().map(RolloutJobRouter.FailedCheck::name).toList());
                rows.add(new AttentionRow(r.hostname, r.state.name(), r.job.id, r.job.outageId, minute(r.finishedAt), why));
            }
        }
        return rows;
    }

    private static String lastOutcome(RolloutJobRouter r) {
        return r.steps.isEmpty() ? "" : r.steps.get(r.steps.size() - 1).name() + ": " + r.steps.get(r.steps.size() - 1).outcome();
    }

    private NotificationRow notificationRow(ChangeNotification n) {
        return new NotificationRow(n.id, organizationName(n.organizationCode), n.effectiveDate.toString(),
                n.highestRisk == null ? "" : n.highestRisk.name(), n.state.name(), minute(n.submittedAt), n.emergencyReason != null);
    }

    private NoticeRow noticeRow(ServiceDeskNotice n) {
        Object outage = n.body.get("outage_id");
        return new NoticeRow(n.id, n.kind, minute(n.createdAt), ServiceDeskNotice.routersNamed(n.body),
                outage instanceof Number number ? number.longValue() : null);
    }

    String organizationName(String code) {
        return inventory.current().inventory().organization(code).map(o -> code + " " + o.name()).orElse(code);
    }

    // ---- a change notification ---------------------------------------------------------------------

    /** One line of a unified diff, with what it is: {@code add}, {@code del}, {@code hunk}, {@code file} or {@code ctx}. */
    public record DiffLine(String kind, String text) {
    }

    /**
     * @param plan      the commands a push would type (CliRouterDriver.pushPlan), against the router's baseline
     * @param driftRead when the router's last backup collection found it drifted from that baseline (empty: not drifted)
     */
    public record RouterChangeRow(String hostname, String profile, String risk, boolean needsOutage, int added, int removed,
                                  List<String> sections, List<DiffLine> diff, List<String> plan, String driftRead) {
    }

    public record NotificationPage(long id, String organization, String state, List<String> items, String effectiveDate,
                                   String submittedAt, long noticeDays, boolean noticeOk, String emergencyReason, String filedBy,
                                   String decidedBy, String decisionReason, String inventoryRevision, String highestRisk,
                                   boolean needsOutage, Long outageId, List<RouterChangeRow> routers, boolean mayDecide,
                                   boolean mayBeScheduled, List<WindowRow> windows, String itemOverrideReason, List<String> itemMismatches,
                                   List<String> lineSwitchRecords, boolean mayRecordLineSwitches, List<LineSwitchNeed> lineSwitchesNeeded) {
    }

    /** A record a line switch of the notification still needs: its kind (LineSwitchRecord.Kind), the access line, and why. */
    public record LineSwitchNeed(String kind, String accessLine, String why) {
    }

    @Transactional
    public NotificationPage notification(long id, int noticeDaysRequired) {
        ChangeNotification n = ChangeNotification.findById(id);
        if (n == null) {
            throw ChangeRefused.notFound("no change notification " + id);
        }
        long days = ChronoUnit.DAYS.between(n.submittedAt.atZone(zone).toLocalDate(), n.effectiveDate);
        // each item kind has its own notice period, the longest applies (none for personnel changes); noticeDaysRequired
        // is the general rule's, for a notification without items
        int required = n.items.isEmpty() ? noticeDaysRequired : notifications.noticePeriod(n.items).days();
        List<RouterChangeRow> routers = n.routerChanges.stream().map(this::routerChange).toList();
        List<WindowRow> windows = List.of();
        boolean schedulable = n.state.canMoveTo(NotificationState.SCHEDULED);
        if (schedulable) {
            windows = PlannedOutage.<PlannedOutage>list("status in ?1 and windowEnd > ?2 order by windowStart, id",
                            List.of(OutageStatus.REQUESTED, OutageStatus.APPROVED), clock.instant()).stream()
                    .filter(o -> notifications.whyCannotTake(n, o).isEmpty())
                    .map(o -> new WindowRow(o.id, o.status.name(), o.reason.name(), minute(o.windowStart), minute(o.windowEnd), o.routers.size()))
                    .toList();
        }
        return new NotificationPage(n.id, organizationName(n.organizationCode), n.state.name(),
                n.items.stream().map(i -> i.kind().name() + ": " + i.description()).toList(), n.effectiveDate.toString(), minute(n.submittedAt),
                required, days >= required, n.emergencyReason, n.filedBy, n.decidedBy, n.decisionReason, n.inventoryRevision,
                n.highestRisk == null ? "" : n.highestRisk.name(), n.needsOutage, n.outageId, routers,
                n.state.canMoveTo(NotificationState.ACCEPTED), schedulable, windows, n.itemOverrideReason,
                n.itemMismatches == null ? List.of() : n.itemMismatches,
                n.lineSwitchRecords.stream().map(r -> r.kind.name() + " " + r.accessLine + ": " + r.parties + ", " + r.agreedOn + ", "
                        + r.documentReference + " (" + r.recordedBy + ")").toList(),
                // records are kept while it waits for its decision (ChangeNotificationService.recordLineSwitch)
                n.state == NotificationState.RECEIVED, n.state == NotificationState.RECEIVED ? notifications.lineSwitchRecordsMissing(n).stream()
                        .map(need -> new LineSwitchNeed(need.kind().name(), need.accessLine(), need.why())).toList() : List.of());
    }

    RouterChangeRow routerChange(RouterChangeRecord c) {
        List<String> plan = List.of();
        if (c.risk != jp.lgwan.routerconfig.render.ChangeRisk.NONE && c.candidateConfig != null) {
            String running = baselines.baselineOf(c.hostname, c.profile).map(RenderedConfig::text).orElse("");
            plan = jp.lgwan.routerconfig.device.CliRouterDriver.pushPlan(inventory.current().dialect(c.profile), running, c.candidateConfig,
                    rollout.revertIn());
        }
        jp.lgwan.routerconfig.rollout.RouterDrift drift = jp.lgwan.routerconfig.rollout.RouterDrift.findById(c.hostname);
        String driftRead = drift != null && drift.status == jp.lgwan.routerconfig.rollout.RouterDrift.Status.DRIFTED ? minute(drift.collectedAt) : "";
        return new RouterChangeRow(c.hostname, c.profile, c.risk.name(), c.needsOutage(), c.added, c.removed, sections(c.diff), diffLines(c.diff),
                plan, driftRead);
    }

    static List<DiffLine> diffLines(String diff) {
        if (diff == null || diff.isEmpty()) {
            return List.of();
        }
        return diff.lines().map(line -> new DiffLine(line.startsWith("+++") || line.startsWith("---") ? "file"
                : line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx", line)).toList();
    }

    /**
     * The config sections a diff touches: for each changed line, the unindented line it belongs to
     * (the block header above it, such as {@code interface lan2}), or the line itself when it is
     * unindented.
     */
    static List<String> sections(String diff) {
        Set<String> sections = new LinkedHashSet<>();
        if (diff == null) {
            return List.of();
        }
        String header = null;
        for (String line : diff.lines().toList()) {
            if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("@@") || line.isEmpty()) {
                continue;
            }
            String text = line.substring(1);
            boolean indented = text.startsWith(" ") || text.startsWith("\t");
            if (!indented && !text.isBlank()) {
                header = text.strip();
            }
            if (line.charAt(0) == '+' || line.charAt(0) == '-') {
                sections.add(indented && header != null ? header : text.strip());
            }
        }
        return List.copyOf(sections);
    }

    // ---- a window ----------------------------------------------------------------------------------

    public record CheckRow(String name, boolean passed, String expected, String actual) {
    }

    public record StepRow(String name, String outcome, String at, List<CheckRow> checks, String detail, boolean bad) {
    }

    public record JobRouterRow(String hostname, String state, int wave, Long notificationId, String guard, boolean terminal,
                               List<CheckRow> failedChecks, List<StepRow> steps) {
    }

    public record JobPart(long id, String state, boolean finished, String outcome, String startedBy, String startedAt, String finishedAt,
                          List<JobRouterRow> routers) {
    }

    public record WindowPage(long id, String status, String reason, String description, String from, String to, List<String> routers,
                             String requestedBy, String approvedBy, String closeReason, List<NotificationRow> notifications, JobPart job,
                             boolean mayApprove, boolean mayCancel, boolean mayStart, boolean mayHalt) {
    }

    @Transactional
    public WindowPage window(long id) {
        PlannedOutage o = PlannedOutage.findById(id);
        if (o == null) {
            throw ChangeRefused.notFound("no planned outage " + id);
        }
        List<NotificationRow> scheduled = ChangeNotification.<ChangeNotification>list("outageId", Sort.ascending("id"), id).stream()
                .map(this::notificationRow).toList();
        RolloutJob job = RolloutJob.<RolloutJob>find("outageId", Sort.descending("id"), id).firstResult();
        JobPart part = job == null ? null : jobPart(job);
        Instant now = clock.instant();
        return new WindowPage(o.id, o.status.name(), o.reason.name(), o.description, minute(o.windowStart), minute(o.windowEnd),
                List.copyOf(o.routers), o.requestedBy, o.approvedBy, o.closeReason, scheduled, part,
                o.status == OutageStatus.REQUESTED,
                o.status == OutageStatus.REQUESTED || o.status == OutageStatus.APPROVED,
                o.status == OutageStatus.APPROVED && o.isOpenAt(now) && job == null,
                job != null && job.finishedAt == null && job.state != RolloutJob.State.HALTED);
    }

    private JobPart jobPart(RolloutJob job) {
        List<JobRouterRow> routers = job.routers.stream()
                .sorted(java.util.Comparator.comparingInt((RolloutJobRouter r) -> r.wave).thenComparing(r -> r.hostname))
                .map(r -> new JobRouterRow(r.hostname, r.state.name(), r.wave, r.notificationId, r.guard == null ? null : r.guard.name(),
                        r.state.terminal(), r.failedChecks.stream().map(c -> new CheckRow(c.name(), false, String.valueOf(c.expected()),
                                String.valueOf(c.actual()))).toList(), r.steps.stream().map(this::stepRow).toList()))
                .toList();
        return new JobPart(job.id, job.state.name(), job.finishedAt != null, JobOutcome.of(job).summary(), job.startedBy,
                minute(job.startedAt), minute(job.finishedAt), routers);
    }

    private StepRow stepRow(RolloutJobRouter.Step step) {
        Map<String, Object> evidence = step.evidence() == null ? Map.of() : step.evidence();
        List<CheckRow> checks = checks(step.checks());
        Map<String, Object> rest = new LinkedHashMap<>(evidence);
        rest.remove("checks");
        rest.remove("diff");
        String detail = rest.isEmpty() ? "" : rest.toString();
        boolean bad = step.outcome() != null && (step.outcome().startsWith("failed") || step.name().equals("rollback"));
        return new StepRow(step.name(), step.outcome(), step.at() == null ? "" : SECOND.format(step.at().atZone(zone)), checks, detail, bad);
    }

    private static List<CheckRow> checks(List<Verification.Check> checks) {
        return checks.stream().map(c -> new CheckRow(c.name(), c.passed(), String.valueOf(c.expected()), String.valueOf(c.actual()))).toList();
    }

    // ---- a router ----------------------------------------------------------------------------------

    public record Fact(String name, String value) {
    }

    public record BackupRow(long id, String takenAt, Long jobId, long lines, List<DiffLine> diffToPrevious) {
    }

    public record PushRow(long jobId, long outageId, String state, String finishedAt, String lastStep) {
    }

    public record RouterPage(String hostname, String organization, List<Fact> facts, String globalAddress, boolean masked,
                             String intendedConfig, List<BackupRow> backups, List<PushRow> pushes, String verifiedAt, List<CheckRow> verification) {
    }

    @Transactional
    public RouterPage router(String hostname, String globalAddress, boolean masked) {
        InventoryRevision current = inventory.current();
        ConnectionRouter router = current.router(hostname)
                .orElseThrow(() -> ChangeRefused.notFound("no router " + hostname + " in the inventory at " + current.commit()));
        Organization owner = current.inventory().ownerOf(router);
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("vendor_profile", router.vendorProfile()));
        facts.add(new Fact("model", router.model() + " / " + router.osVersion()));
        facts.add(new Fact("management_address", router.managementAddress().toString()));
        facts.add(new Fact("ssh_host_key", router.sshHostKey()));
        if (router.redundancyPeer() != null) {
            facts.add(new Fact("redundancy_peer", router.redundancyPeer()));
        }
        router.interfaces().forEach(i -> facts.add(new Fact("interface " + i.name(), i.role() + " " + (i.address() == null ? "" : i.address() + " ")
                + i.mode() + (i.description() == null ? "" : " \"" + i.description() + "\""))));
        String intended = current.config(hostname).map(RenderedConfig::text).orElse("");
        List<RouterBackup> backups = RouterBackup.list("hostname", Sort.descending("takenAt", "id"), hostname);
        List<BackupRow> backupRows = new ArrayList<>();
        for (int i = 0; i < backups.size() && i < 20; i++) {
            RouterBackup b = backups.get(i);
            List<DiffLine> diff = i + 1 < backups.size() ? diffLines(unified(backups.get(i + 1).config, b.config)) : List.of();
            backupRows.add(new BackupRow(b.id, minute(b.takenAt), b.jobId, b.config.lines().count(), diff));
        }
        List<RolloutJobRouter> pushes = RolloutJobRouter.list("hostname = ?1 order by id desc", hostname);
        List<PushRow> pushRows = pushes.stream().limit(50).map(r -> new PushRow(r.job.id, r.job.outageId, r.state.name(), minute(r.finishedAt),
                lastOutcome(r))).toList();
        String verifiedAt = "";
        List<CheckRow> verification = List.of();
        for (RolloutJobRouter r : pushes) {
            RolloutJobRouter.Step check = null;
            for (RolloutJobRouter.Step step : r.steps) {
                if ((step.name().equals("post-check") || step.name().equals("return-check")) && step.recordedChecks()) {
                    check = step;
                }
            }
            if (check != null) {
                verifiedAt = minute(check.at());
                verification = checks(check.checks());
                break;
            }
        }
        return new RouterPage(hostname, owner.code() + " " + owner.name(), facts, globalAddress, masked, intended, backupRows, pushRows,
                verifiedAt, verification);
    }

    private static String unified(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        var patch = com.github.difflib.DiffUtils.diff(a, b);
        return String.join("\n", com.github.difflib.UnifiedDiffUtils.generateUnifiedDiff("previous", "this", a, patch, 2));
    }

    // ---- the audit log -----------------------------------------------------------------------------

    /** One router that is not in sync, as its last backup collection found it. */
    public record DriftRow(String hostname, String status, String read, String checked, String baseline, int added, int removed, String diff,
                           String reason) {
    }

    /** The routers that drifted or could not be checked (drifted first), and how many routers are in each status. */
    public record DriftPage(List<DriftRow> rows, Map<String, Long> byStatus, String lastRead) {
    }

    @Transactional
    public DriftPage drift() {
        var served = inventory.current();
        // routers the served inventory no longer has keep their last row, but are no one's concern here
        List<jp.lgwan.routerconfig.rollout.RouterDrift> all = jp.lgwan.routerconfig.rollout.RouterDrift.<jp.lgwan.routerconfig.rollout.RouterDrift>listAll()
                .stream().filter(d -> served.router(d.hostname).isPresent()).toList();
        Map<String, Long> byStatus = new java.util.LinkedHashMap<>();
        for (jp.lgwan.routerconfig.rollout.RouterDrift.Status status : jp.lgwan.routerconfig.rollout.RouterDrift.Status.values()) {
            byStatus.put(status.name(), all.stream().filter(d -> d.status == status).count());
        }
        List<DriftRow> rows = all.stream().filter(d -> d.status != jp.lgwan.routerconfig.rollout.RouterDrift.Status.IN_SYNC)
                .sorted(java.util.Comparator.comparing((jp.lgwan.routerconfig.rollout.RouterDrift d) -> d.status).thenComparing(d -> d.hostname))
                .map(d -> new DriftRow(d.hostname, d.status.name(), minute(d.collectedAt), minute(d.checkedAt),
                        d.baselineSource == null ? "" : d.baselineSource + (d.baselineRevision == null ? ""
                                : " " + d.baselineRevision.substring(0, Math.min(12, d.baselineRevision.length()))),
                        d.added, d.removed, d.diff, d.reason == null ? "" : d.reason))
                .toList();
        java.time.Instant last = all.stream().map(d -> d.collectedAt).filter(java.util.Objects::nonNull).max(java.time.Instant::compareTo).orElse(null);
        return new DriftPage(rows, byStatus, minute(last));
    }

    public record AuditRow(long id, String at, String actor, String action, String subject, String subjectLink, String detail) {
    }

    public record AuditFilter(String actor, String action, String subject, String from, String to) {
    }

    public record AuditPage(AuditFilter filter, List<AuditRow> rows, boolean more) {
    }

    static final int AUDIT_ROWS = 200;

    /**
     * The audit log, newest first, filtered by who, what (an action or its start: {@code router.}),
     * subject (a router's host name, an organization's code, or {@code type:id}) and period (days,
     * Japan time).
     */
    @Transactional
    public AuditPage audit(AuditFilter filter) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (!blank(filter.actor())) {
            where.add("actor = :actor");
            parameters.put("actor", filter.actor().strip());
        }
        if (!blank(filter.action())) {
            where.add("action like :action");
            parameters.put("action", filter.action().strip().replace("%", "") + "%");
        }
        if (!blank(filter.subject())) {
            String subject = filter.subject().strip();
            int colon = subject.indexOf(':');
            if (colon > 0) {
                where.add("subjectType = :type and subjectId = :id");
                parameters.put("type", subject.substring(0, colon));
                parameters.put("id", subject.substring(colon + 1));
            } else {
                // a router or an organization: the events about it, and those whose detail names it
                where.add("(subjectId = :subject or cast(detail as string) like :named)");
                parameters.put("subject", subject);
                parameters.put("named", "%\"" + subject.replace("%", "") + "\"%");
            }
        }
        if (!blank(filter.from())) {
            where.add("occurredAt >= :from");
            parameters.put("from", day(filter.from(), "from").atStartOfDay(zone).toInstant());
        }
        if (!blank(filter.to())) {
            where.add("occurredAt < :to");
            parameters.put("to", day(filter.to(), "to").plusDays(1).atStartOfDay(zone).toInstant());
        }
        List<AuditEvent> events = AuditEvent.<AuditEvent>find(String.join(" and ", where), Sort.descending("id"), parameters)
                .page(0, AUDIT_ROWS + 1).list();
        List<AuditRow> rows = events.stream().limit(AUDIT_ROWS).map(e -> new AuditRow(e.id, minute(e.occurredAt), e.actor, e.action,
                e.subjectType + (e.subjectId == null ? "" : ":" + e.subjectId), link(e.subjectType, e.subjectId),
                e.detail == null || e.detail.isEmpty() ? "" : e.detail.toString())).toList();
        return new AuditPage(filter, rows, events.size() > AUDIT_ROWS);
    }

    private static LocalDate day(String text, String field) {
        try {
            return LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ChangeRefused.unprocessable("invalid-filter", "Invalid date", field + " must be a date such as 2026-04-01, got " + text)
                    .with("field", field);
        }
    }

    private static String link(String type, String id) {
        if (type == null || id == null) {
            return null;
        }
        return switch (type) {
            case "change-notification" -> "/notifications/" + id;
            case "planned-outage" -> "/windows/" + id;
            case "router" -> "/routers/" + id;
            default -> null;
        };
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
