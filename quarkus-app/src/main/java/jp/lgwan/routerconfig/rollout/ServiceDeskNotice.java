package jp.lgwan.routerconfig.rollout;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A notice for the service desk: waiting for (or delivered to) its webhook, and acknowledged in the operating center or not yet. */
@Entity
@Table(name = "service_desk_notice")
public class ServiceDeskNotice extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** window-halted, window-failed, router-failed, router-rolled-back, return-check-failed */
    @Column(nullable = false)
    public String kind;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> body;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "last_error")
    public String lastError;

    /** Acknowledged in the operating center: someone has taken it up. */
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "acknowledge_note")
    public String acknowledgeNote;

    /** The routers a notice's body names (each failed, rolled-back or skipped router), in order, once each. */
    public static List<String> routersNamed(Map<String, Object> body) {
        Set<String> hostnames = new LinkedHashSet<>();
        for (String list : List.of("routers", "failed_routers", "skipped_routers")) {
            if (body.get(list) instanceof List<?> entries) {
                for (Object entry : entries) {
                    if (entry instanceof String hostname) {
                        hostnames.add(hostname);
                    } else if (entry instanceof Map<?, ?> router && router.get("hostname") instanceof String hostname) {
                        hostnames.add(hostname);
                    }
                }
            }
        }
        return List.copyOf(hostnames);
    }
}
