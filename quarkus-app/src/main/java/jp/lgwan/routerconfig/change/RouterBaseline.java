package jp.lgwan.routerconfig.change;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What a router is taken to run, the side a change is compared with. The first inventory the
 * service ever loads seeds it (source ASSUMED: the fleet is taken to run what git said then);
 * a rollout replaces it with what it backed up (RUNNING) or pushed and verified (PUSHED).
 */
@Entity
@Table(name = "router_baseline")
public class RouterBaseline extends PanacheEntityBase {

    public enum Source { ASSUMED, RUNNING, PUSHED }

    @Id
    public String hostname;

    /** The inventory revision the config was rendered from; null for a config read from the device. */
    public String revision;

    @Column(nullable = false)
    public String config;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Source source;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
