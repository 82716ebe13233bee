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

/**
 * A running config read from a router: before a push (PRE_PUSH), or by a backup collection (COLLECTED, only when it
 * differs from the router's last version in more than the lines the router writes by itself); versioned by id, its text never changed.
 */
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

    public enum Source { PRE_PUSH, COLLECTED }

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Source source = Source.PRE_PUSH;

    /** SHA-256 (hex) of {@link #config} as stored ({@link #sha256}). */
    @Column(name = "content_sha256")
    public String contentSha256;

    /** The last collection that found the router still running this version (set by SQL: the entity is immutable). */
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    /** As the router showed it, each secret value the inventory knows turned back into its {{secret:…}} placeholder. */
    @Column(nullable = false)
    public String config;

    /** The hex SHA-256 of a config's text as stored (UTF-8), the value of {@link #contentSha256}. */
    public static String sha256(String config) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(config.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
