package jp.lgwan.routerconfig.change;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A revision the service began to serve, valid then: at a start, or a reload by {@code servedBy}. */
@Entity
@Table(name = "served_revision")
public class ServedRevision extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String commit;

    @Column(name = "served_at", nullable = false)
    public Instant servedAt;

    @Column(name = "served_by", nullable = false)
    public String servedBy;
}
