package jp.lgwan.routerconfig.change;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.lgwan.routerconfig.render.ChangeRisk;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A change notification (変更届出): what an organization says will change, from which date, and
 * the inventory revision that describes the result. On arrival the service renders each of the
 * organization's routers at that revision and keeps the diff and risk per router.
 */
@Entity
@Table(name = "change_notification")
public class ChangeNotification extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_code", nullable = false)
    public String organizationCode;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<NotificationItem> items = new ArrayList<>();

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "effective_date", nullable = false)
    public LocalDate effectiveDate;

    @Column(name = "inventory_revision", nullable = false)
    public String inventoryRevision;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NotificationState state;

    @Enumerated(EnumType.STRING)
    @Column(name = "highest_risk", nullable = false)
    public ChangeRisk highestRisk;

    @Column(name = "needs_outage", nullable = false)
    public boolean needsOutage;

    @Column(name = "filed_by", nullable = false)
    public String filedBy;

    /** Set only when an operator filed it inside the notice period; the reason is audited. */
    @Column(name = "emergency_reason")
    public String emergencyReason;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "outage_id")
    public Long outageId;

    /** Who withdrew it (取下げ), when and why: its organization, or the operating body for it. */
    @Column(name = "withdrawn_by")
    public String withdrawnBy;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    @Column(name = "withdraw_reason")
    public String withdrawReason;

    @OneToMany(mappedBy = "notification", cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @OrderBy("hostname")
    public List<RouterChangeRecord> routerChanges = new ArrayList<>();

    /**
     * The revision its items are compared with: what the organization's inventory was before it (the revision of its
     * last accepted notification, else its routers' baseline, else the served one at filing). Null for notifications
     * filed before the item rules.
     */
    @Column(name = "item_base_revision")
    public String itemBaseRevision;

    /** When it was accepted (it keeps it through scheduling and closing): the latest accepted one is the base of the next. */
    @Column(name = "accepted_at")
    public Instant acceptedAt;

    /** Set when an operator accepted it although its items and its revision disagree: why (audited). */
    @Column(name = "item_override_reason")
    public String itemOverrideReason;

    /** What disagreed when it was accepted with {@link #itemOverrideReason}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "item_mismatches")
    public List<String> itemMismatches;

    /** The coordinations and agreements its line switches needed ({@link LineSwitchRules}). */
    @OneToMany(mappedBy = "notification", cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @OrderBy("id")
    public List<LineSwitchRecord> lineSwitchRecords = new ArrayList<>();

    @Version
    public int version;

    /** Moves to {@code target}, or refuses with the moves this state allows. */
    public void moveTo(NotificationState target) {
        if (!state.canMoveTo(target)) {
            throw ChangeRefused.conflict("illegal-transition", "Illegal transition",
                    "change notification " + id + " is " + state + "; it cannot become " + target
                            + (state.next().isEmpty() ? " (no further move)" : " (allowed: " + state.next() + ")"));
        }
        state = target;
    }
}
