package jp.lgwan.routerconfig.inventory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jp.lgwan.routerconfig.inventory.rules.CliSafe;

/** One interface of a connection router, in the vendor's own naming (GigabitEthernet0/0/0, ge-0/0/0, lan2, GigaEthernet0.0, eth0). */
public record RouterInterface(
        @NotBlank @CliSafe(max = 40) @Pattern(regexp = "[A-Za-z][A-Za-z0-9/.:-]*",
                message = "must be an interface name such as GigabitEthernet0/0/0, ge-0/0/0, lan2 or eth0") String name,
        @NotNull InterfaceRole role,
        Ipv4Prefix address,
        @CliSafe(max = 64) String description,
        @NotNull InterfaceMode mode) {
}
