package jp.lgwan.routerconfig.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The people on the connected side: the LGWAN responsible person (LGWAN責任者) and the operators
 * (運用担当者 正・副). Changes to them are filed as a change notification.
 */
public record Contacts(
        @NotNull @Valid Contact responsible,
        @NotNull @Valid Contact primaryOperator,
        @Valid Contact secondaryOperator) {
}
