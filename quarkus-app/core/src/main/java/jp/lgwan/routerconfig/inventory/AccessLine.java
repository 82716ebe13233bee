package jp.lgwan.routerconfig.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jp.lgwan.routerconfig.inventory.rules.CliSafe;

/**
 * An access line (LGWANアクセス回線) from a connection router to the network.
 *
 * @param product         the carrier service (品目), e.g. "FLET'S光 ネクスト"-like products written in ASCII
 * @param bandwidthMbps   the contracted bandwidth (契約帯域)
 * @param reaches         id of the prefecture-WAN access point (for {@code prefecture-wan}) or the
 *                        prefecture node (for {@code carrier-line}) the line reaches
 * @param router          hostname of the router the line lands on
 * @param routerInterface name of the interface on that router
 * @param gateway         the next hop at the far end of the line; may be left out when the WAN
 *                        interface is a /30 or /31, whose other address it then is
 */
public record AccessLine(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and hyphens") String id,
        @NotNull AccessLineKind kind,
        @NotBlank @CliSafe(max = 64) String product,
        @NotBlank @CliSafe(max = 64) String carrier,
        @NotNull @Positive @Max(100000) Integer bandwidthMbps,
        @NotBlank String reaches,
        @NotBlank String router,
        @NotBlank String routerInterface,
        @NotNull @Valid TerminationDevice terminationDevice,
        Ipv4Address gateway) {
}
