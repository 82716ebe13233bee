package jp.lgwan.routerconfig.rollout;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** A running config read from a router before a push; versioned by id, never changed. */
@Entity
@Immutable
@Table(name = "router_backup")
public class RouterBackup extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String hostname;

    @Column(name = "job_id")
    public Long jobId;

    @Column(name = "taken_at", nullable = false)
    public Instant takenAt;

    /** As the router showed it, each secret value the inventory knows turned back into its {{secret:…}} placeholder. */
    @Column(nullable = false)
    public String config;
}
