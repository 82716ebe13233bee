package jp.lgwan.routerconfig.change;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jp.lgwan.routerconfig.inventory.rules.PlainText;

/** One thing a change notification says changes, in the words of the form the organization files. */
public record NotificationItem(@NotNull Kind kind, @NotBlank @PlainText(max = 500) String description) {

    /** The items of the 変更届出 form (DOMAIN.md). */
    public enum Kind {
        RESPONSIBLE_PERSON, OPERATORS, ACCESS_LINE_TYPE, ACCESS_LINE_PRODUCT, ACCESS_LINE_SPEED, ROUTER_SETTINGS, OTHER
    }
}
