package jp.lgwan.routerconfig.inventory;

import jakarta.validation.constraints.NotNull;
import jp.lgwan.routerconfig.inventory.rules.CliSafe;

/** The line termination device (回線終端装置) between the line and the router, with the mode its port runs. */
public record TerminationDevice(
        @NotNull TerminationDeviceKind kind,
        @CliSafe(max = 40) String model,
        @NotNull InterfaceMode mode) {
}
