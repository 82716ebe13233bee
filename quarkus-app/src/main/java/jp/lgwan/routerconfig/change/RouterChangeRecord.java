package jp.lgwan.routerconfig.change;

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
import jp.lgwan.routerconfig.render.ChangeRisk;

/** One router's part of a change notification: the config rendered at its revision, the diff and the risk. */
@Entity
@Table(name = "notification_router_change")
public class RouterChangeRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "notification_id")
    public ChangeNotification notification;

    @Column(nullable = false)
    public String hostname;

    @Column(nullable = false)
    public String profile;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ChangeRisk risk;

    /** The revision of the baseline it was compared with; null when the router had none (new). */
    @Column(name = "base_revision")
    public String baseRevision;

    @Column(nullable = false)
    public int added;

    @Column(nullable = false)
    public int removed;

    /** Unified diff with secrets as placeholders. */
    @Column(nullable = false)
    public String diff;

    @Column(name = "candidate_config", nullable = false)
    public String candidateConfig;

    public boolean needsOutage() {
        return risk == ChangeRisk.NEEDS_OUTAGE;
    }
}
