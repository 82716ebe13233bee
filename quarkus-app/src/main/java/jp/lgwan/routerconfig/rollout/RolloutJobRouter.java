package jp.lgwan.routerconfig.rollout;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.device.RouterDriver;
import jp.lgwan.routerconfig.device.Verification;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One router's part of a window's work, with every step taken and its evidence. */
@Entity
@Table(name = "rollout_job_router")
public class RolloutJobRouter extends PanacheEntityBase {

    /**
     * Where a router's push stands. {@code HOST_PENDING}: what the driver pushes is confirmed (or
     * already compliant), but the change also holds host settings the driver does not apply (an FRR
     * router's {@code ! host:} lines: link mode, shaping, NTP …), handed to the service desk; the
     * router is never CONFIRMED or ALREADY_COMPLIANT while they are not applied. {@code PRE_EXISTING_FAULT}:
     * the pre-check (事前業務確認) found the WAN already down or its errors already rising, so nothing
     * was pushed (a push would be blamed for the fault); an operator may force the push with a reason
     * when starting the window.
     */
    public enum State {
        PENDING, PRE_CHECKED, BACKED_UP, PUSHING, PUSHED, VERIFIED, CONFIRMED, ALREADY_COMPLIANT, HOST_PENDING, ROLLED_BACK, FAILED, SKIPPED,
        RETURN_CHECKED, PRE_EXISTING_FAULT;

        /** Nothing more happens to the router in this job. */
        public boolean terminal() {
            return switch (this) {
                case CONFIRMED, ALREADY_COMPLIANT, HOST_PENDING, ROLLED_BACK, FAILED, SKIPPED, RETURN_CHECKED, PRE_EXISTING_FAULT -> true;
                default -> false;
            };
        }

        /** The terminal states as an SQL list ({@code 'CONFIRMED','ALREADY_COMPLIANT',…}), for the ledger's queries. */
        static String terminalSql() {
            return java.util.Arrays.stream(values()).filter(State::terminal).map(s -> "'" + s.name() + "'")
                    .collect(java.util.stream.Collectors.joining(","));
        }

        /** The change may have reached the router: a crash here is finished by resuming, never by pushing again. */
        public boolean mayBePushed() {
            return this == PUSHING || this == PUSHED || this == VERIFIED;
        }

        /** The router runs what it should, checked: the change confirmed, nothing to change, or back after a power cut. */
        public boolean verified() {
            return this == CONFIRMED || this == ALREADY_COMPLIANT || this == RETURN_CHECKED;
        }

        /** Counts towards the halt threshold. */
        public boolean failure() {
            return this == FAILED || this == ROLLED_BACK;
        }
    }

    /**
     * One step as the journal holds it: what was done, how it ended, when, and the evidence (diff, SNMP values, device output)
     * as stored JSON — written from a {@link StepEvidence} record, read back as the JSON object it became.
     */
    public record Step(String name, String outcome, Instant at, Map<String, Object> evidence) {

        /**
         * The checks a pre-check, post-check or return check recorded ({@link StepEvidence.PreCheck#checks()} and the others), read
         * back as the records they were written from; none for a step that recorded none.
         */
        public List<Verification.Check> checks() {
            return recordedChecks() ? Json.checks((List<?>) evidence.get("checks")) : List.of();
        }

        /** Whether this step recorded checks at all (an empty list counts: a check that had nothing to compare). */
        public boolean recordedChecks() {
            return evidence != null && evidence.get("checks") instanceof List<?>;
        }
    }

    /** A check that failed, as a router's end records it (and the service desk's notice names it): what was expected and what was found. */
    public record FailedCheck(String name, String expected, String actual) {

        static FailedCheck of(Verification.Check check) {
            return new FailedCheck(check.name(), check.expected(), check.actual());
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "job_id")
    public RolloutJob job;

    @Column(nullable = false)
    public String hostname;

    @Column(name = "notification_id")
    public Long notificationId;

    @Column(name = "inventory_revision")
    public String inventoryRevision;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Step> steps = new ArrayList<>();

    @Column(nullable = false)
    public int wave;

    public String owner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "not_before")
    public Instant notBefore;

    /** What guards a pushed change until it is confirmed: the router's own revert timer or the service's watchdog. */
    @Enumerated(EnumType.STRING)
    public RouterDriver.Guard guard;

    /** Who forced the push past a pre-existing fault the pre-check finds, and why; null where nobody did. */
    @Column(name = "pre_check_forced_by")
    public String preCheckForcedBy;

    @Column(name = "pre_check_forced_reason")
    public String preCheckForcedReason;

    @Column(name = "backup_id")
    public Long backupId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "failed_checks", nullable = false)
    public List<FailedCheck> failedChecks = new ArrayList<>();

    @Version
    public int version;
}
