package jp.lgwan.routerconfig.inventory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jp.lgwan.routerconfig.inventory.rules.CliSafe;

/** A prefecture node (都道府県ノード): where carrier lines reach the network. */
public record PrefectureNode(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and hyphens") String id,
        @NotNull Prefecture prefecture,
        @NotBlank @CliSafe(max = 64) String name,
        @NotNull Ipv4Address address) {
}
