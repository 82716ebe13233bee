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
import java.util.ArrayList;
import java.util.List;
import jp.lgwan.routerconfig.render.ChangeRisk;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    /**
     * The commands a push would type (変更投入手順の予定), secrets as {@code {{secret}}}: from the router's baseline to
     * {@link #candidateConfig}, within what the dialect owns. A preview: the push types what the router's running config
     * then needs, and records it in its steps before typing it.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> plan = new ArrayList<>();

    public boolean needsOutage() {
        return risk == ChangeRisk.NEEDS_OUTAGE;
    }
}
