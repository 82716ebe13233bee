package jp.lgwan.routerconfig.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import jp.lgwan.routerconfig.inventory.rules.CliSafe;
import jp.lgwan.routerconfig.inventory.rules.DnsName;
import jp.lgwan.routerconfig.inventory.rules.LocalGovernmentCodeCheckDigit;
import jp.lgwan.routerconfig.inventory.rules.PlainText;

/**
 * A connected organization (接続団体): a local government, an association of local governments,
 * an approved organization or an LGWAN-ASP hosting provider.
 *
 * @param code     the 6-digit local-government code (地方公共団体コード) with its check digit, or for
 *                 organizations that have none (ASP hosting providers, approved organizations)
 *                 {@code ASP-nnnnn} / {@code APR-nnnnn}
 * @param name     the official name as written in Japanese; shown to people, never sent to a device
 * @param nameEn   the name in ASCII, used where the name reaches a device (login banner)
 * @param domain   the LG.JP domain, e.g. {@code city.sapporo.lg.jp}
 */
public record Organization(
        @NotBlank @Pattern(regexp = "[0-9]{6}|(ASP|APR)-[0-9]{5}",
                message = "must be a 6-digit local-government code, or ASP-nnnnn / APR-nnnnn for organizations without one")
        @LocalGovernmentCodeCheckDigit String code,
        @NotNull OrganizationKind kind,
        @NotBlank @PlainText(max = 100) String name,
        @NotBlank @CliSafe(max = 64) String nameEn,
        @DnsName String domain,
        @NotNull Prefecture prefecture,
        @NotNull @Valid Contacts contacts,
        List<@Valid ConnectionRouter> routers,
        List<@Valid AccessLine> accessLines) {

    public Organization {
        routers = routers == null ? List.of() : List.copyOf(routers);
        accessLines = accessLines == null ? List.of() : List.copyOf(accessLines);
    }

    /** The domain without its {@code .lg.jp} suffix, from which router hostnames derive; null if not an LG.JP domain. */
    public String domainStem() {
        return domain != null && domain.endsWith(".lg.jp") ? domain.substring(0, domain.length() - ".lg.jp".length()) : null;
    }
}
