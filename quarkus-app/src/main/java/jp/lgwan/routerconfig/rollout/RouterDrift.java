package jp.lgwan.routerconfig.rollout;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A router's drift (構成ずれ) as its last backup collection found it: the owned lines of its running config
 * against the config it is taken to run (its baseline, {@code change.RouterBaseline}). Written by
 * {@link BackupCollector} only.
 */
@Entity
@Table(name = "router_drift")
public class RouterDrift extends PanacheEntityBase {

    public enum Status {
        /** Its owned lines are what its baseline says. */
        IN_SYNC,
        /** Its owned lines differ from its baseline: changed by hand, or a change that never reached it. */
        DRIFTED,
        /** Its running config could not be read (the reason says why); the last version read stays its backup. */
        UNREACHABLE,
        /** Read and backed up, but not compared (the reason says why: its baseline does not render, owns lines it should not). */
        NOT_COMPARED
    }

    @Id
    public String hostname;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "checked_at", nullable = false)
    public Instant checkedAt;

    @Column(name = "collected_at")
    public Instant collectedAt;

    @Column(name = "backup_id")
    public Long backupId;

    /** The inventory revision the baseline was rendered at (null: read from the router, or no baseline: the served revision). */
    @Column(name = "baseline_revision")
    public String baselineRevision;

    /** Where the baseline came from ({@code RouterBaseline.Source}), or NONE: the router had none and was compared with the served revision. */
    @Column(name = "baseline_source")
    public String baselineSource;

    @Column(nullable = false)
    public int added;

    @Column(nullable = false)
    public int removed;

    /** Unified diff of the owned lines, running config ({@code -}) to baseline ({@code +}), secrets as placeholders. */
    @Column(nullable = false)
    public String diff = "";

    public String reason;
}
