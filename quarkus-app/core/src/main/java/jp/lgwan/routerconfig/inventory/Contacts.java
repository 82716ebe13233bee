package jp.lgwan.routerconfig.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import jp.lgwan.routerconfig.inventory.rules.DnsName;

/**
 * The people on the connected side: the LGWAN responsible person (LGWAN責任者) and the operators
 * (運用担当者 正・副). Changes to them are filed as a change notification.
 *
 * @param otherEmailDomains the exception list of rule {@code contact-email-domain}: mail domains other than the
 *                          organization's own (and its subdomains) at which its contacts are reached where reality
 *                          differs, e.g. an association whose staff keep the mail of the member city they come from
 */
public record Contacts(
        @NotNull @Valid Contact responsible,
        @NotNull @Valid Contact primaryOperator,
        @Valid Contact secondaryOperator,
        List<@DnsName String> otherEmailDomains) {

    public Contacts {
        otherEmailDomains = otherEmailDomains == null ? List.of() : List.copyOf(otherEmailDomains);
    }

    public Contacts(Contact responsible, Contact primaryOperator, Contact secondaryOperator) {
        this(responsible, primaryOperator, secondaryOperator, List.of());
    }
}
