package jp.lgwan.routerconfig.change;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A planned-outage window (計画停止): a span of time, approved by an operator, in which the routers
 * in scope may stop communicating — for a push, or because the building's power is cut.
 */
@Entity
@Table(name = "planned_outage")
public class PlannedOutage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "planned_outage_router", joinColumns = @JoinColumn(name = "outage_id"))
    @Column(name = "hostname")
    @org.hibernate.annotations.SortNatural
    public SortedSet<String> routers = new TreeSet<>();

    @Column(name = "window_start", nullable = false)
    public Instant windowStart;

    @Column(name = "window_end", nullable = false)
    public Instant windowEnd;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OutageReason reason;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OutageStatus status;

    /** The connected organization that requested it (its own routers only), or null when the operating body did. */
    @Column(name = "organization_code")
    public String organizationCode;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "close_reason")
    public String closeReason;

    @Version
    public int version;

    public boolean covers(String hostname) {
        return routers.contains(hostname);
    }

    public boolean isOpenAt(Instant instant) {
        return !instant.isBefore(windowStart) && instant.isBefore(windowEnd);
    }

    public boolean overlaps(Instant start, Instant end) {
        return windowStart.isBefore(end) && start.isBefore(windowEnd);
    }

    /** Moves to {@code target}, or refuses with the moves this status allows. */
    public void moveTo(OutageStatus target) {
        if (!status.canMoveTo(target)) {
            throw ChangeRefused.conflict("illegal-transition", "Illegal transition",
                    "planned outage " + id + " is " + status + "; it cannot become " + target
                            + (status.next().isEmpty() ? " (no further move)" : " (allowed: " + status.next() + ")"));
        }
        status = target;
    }
}
