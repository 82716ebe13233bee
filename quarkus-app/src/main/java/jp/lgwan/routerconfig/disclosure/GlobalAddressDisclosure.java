package jp.lgwan.routerconfig.disclosure;

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
 * A router's global address told to an LGWAN-ASP provider (LGWAN-ASPサービス提供者) that needs it: the
 * one disclosure of this secret (秘密情報) the operating body's rules allow. Append-only: the entity is
 * immutable here and a database trigger refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity
@Immutable
@Table(name = "global_address_disclosure")
public class GlobalAddressDisclosure extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The provider told: an organization of kind asp-hosting-provider in the inventory (ASP-nnnnn). */
    @Column(name = "provider_code", nullable = false)
    public String providerCode;

    @Column(nullable = false)
    public String hostname;

    /** Who at the provider asked, and in which document, as the request names them. */
    @Column(nullable = false)
    public String requester;

    /** Why the provider needs the address. */
    @Column(nullable = false)
    public String reason;

    /** The operator who recorded the disclosure and was shown the address to pass on. */
    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
