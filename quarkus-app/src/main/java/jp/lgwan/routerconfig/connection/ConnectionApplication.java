package jp.lgwan.routerconfig.connection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.inventory.Contacts;
import jp.lgwan.routerconfig.inventory.OrganizationKind;
import jp.lgwan.routerconfig.inventory.Prefecture;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A connection application (LGWAN接続申請) of an association (一部事務組合等): who wants to connect,
 * through which prefecture, and where it stands. An accepted one yields its organization's inventory
 * file as a draft ({@link InventoryDraft}).
 */
@Entity
@Table(name = "connection_application")
public class ConnectionApplication extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "organization_code", nullable = false)
    public String organizationCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrganizationKind kind;

    @Column(nullable = false)
    public String name;

    @Column(name = "name_en", nullable = false)
    public String nameEn;

    @Column(nullable = false)
    public String domain;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Prefecture prefecture;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Contacts contacts;

    @Column(name = "desired_start_date", nullable = false)
    public LocalDate desiredStartDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ApplicationState state;

    @Column(name = "collected_by", nullable = false)
    public String collectedBy;

    @Column(name = "collected_at", nullable = false)
    public Instant collectedAt;

    @Column(name = "forwarded_by")
    public String forwardedBy;

    @Column(name = "forwarded_at")
    public Instant forwardedAt;

    /** ACCEPTED or RETURNED, kept once the prefecture has answered (state ANSWERED). */
    @Enumerated(EnumType.STRING)
    public ApplicationState decision;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "answered_by")
    public String answeredBy;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Version
    public int version;

    /** Moves to {@code target}, or refuses with the moves this state allows. */
    void moveTo(ApplicationState target) {
        if (!state.canMoveTo(target)) {
            throw ChangeRefused.conflict("illegal-transition", "Illegal transition",
                    "connection application " + id + " is " + state + "; it cannot become " + target
                            + (state.next().isEmpty() ? " (no further move)" : " (allowed: " + state.next() + ")"));
        }
        state = target;
    }
}
