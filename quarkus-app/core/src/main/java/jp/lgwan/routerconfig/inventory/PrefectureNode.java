package jp.lgwan.routerconfig.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import jp.lgwan.routerconfig.inventory.rules.CliSafe;

/**
 * A prefecture node (都道府県ノード): where carrier lines reach the network.
 *
 * @param carrierServices the carrier services (carrier and product) connected to the node; a line moving to another
 *                        needs a recorded three-party agreement before its notification is accepted
 * @param alsoServes      prefectures other than its own whose organizations' carrier lines may reach it (rule
 *                        {@code carrier-line-own-prefecture}); empty for almost every node
 */
public record PrefectureNode(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and hyphens") String id,
        @NotNull Prefecture prefecture,
        @NotBlank @CliSafe(max = 64) String name,
        @NotNull Ipv4Address address,
        List<@Valid CarrierService> carrierServices,
        List<Prefecture> alsoServes) {

    public PrefectureNode {
        carrierServices = carrierServices == null ? List.of() : List.copyOf(carrierServices);
        alsoServes = alsoServes == null ? List.of() : List.copyOf(alsoServes);
    }

    /** Whether a carrier line with {@code line}'s carrier and product is already connected here. */
    public boolean carries(AccessLine line) {
        return carrierServices.stream().anyMatch(s -> s.carries(line));
    }

    /** Whether an organization of {@code prefecture} may reach this node with a carrier line. */
    public boolean serves(Prefecture prefecture) {
        return this.prefecture == prefecture || alsoServes.contains(prefecture);
    }
}
