package jp.lgwan.routerconfig.disclosure;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.audit.AuditLog;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.InventoryRevision;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.inventory.OrganizationKind;
import jp.lgwan.routerconfig.inventory.SecretKind;
import jp.lgwan.routerconfig.security.CredentialException;
import jp.lgwan.routerconfig.security.CredentialStore;

/**
 * Who may learn a router's global address (グローバルIPアドレス, 秘密情報), and the record of each time
 * somebody did. Every list shows it masked; one router's address is read with a reason and audited
 * (who, which router, why); telling it to an LGWAN-ASP provider is a {@link GlobalAddressDisclosure}
 * of its own. The operating body's operators read any router's address; an organization reads its own
 * routers' only (another's is not found, as for every other read out of its scope).
 */
@ApplicationScoped
public class GlobalAddresses {

    /** What a caller gets instead of an address: every list, and every read without a reason. */
    public static final String MASKED = "***";

    /** What a provider is told and why. */
    public record Disclosure(String providerCode, String hostname, String requester, String reason) {
    }

    private final LiveInventory inventory;
    private final CredentialStore credentials;
    private final AuditLog audit;
    private final Clock clock;

    public GlobalAddresses(LiveInventory inventory, CredentialStore credentials, AuditLog audit, Clock clock) {
        this.inventory = inventory;
        this.credentials = credentials;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * One router's address for {@code actor}, who says why ({@code through}: api or console); audited
     * as {@code router.global-address.read}. Refused without a reason (422), out of the actor's scope
     * (404), or for a role that may not read addresses (403: only operators and organizations may).
     */
    @Transactional
    public String read(String hostname, Actor actor, String reason, String through) {
        if (!actor.is(Actor.OPERATOR) && !actor.is(Actor.ORGANIZATION)) {
            throw ChangeRefused.forbidden("global-address-forbidden", "Global addresses are secret",
                    "a router's global address is read by the operating body's operators and by the router's own organization only");
        }
        ConnectionRouter router = routerInScope(hostname, actor);
        requireText(reason, "reason", "say why the address is needed: the read is audited with it");
        String address = resolve(router);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reason", reason.strip());
        detail.put("through", through);
        detail.put("scope", actor.scope().toString());
        audit.record(actor.name(), "router.global-address.read", "router", hostname, detail);
        return address;
    }

    /**
     * Records that {@code disclosure.hostname()}'s address is told to the provider, and answers the
     * address for the operator to pass on; audited as {@code router.global-address.disclosed}.
     */
    @Transactional
    public Disclosed disclose(Disclosure disclosure, Actor actor) {
        requireText(disclosure.providerCode(), "provider_code", "name the LGWAN-ASP provider told (ASP-nnnnn)");
        requireText(disclosure.hostname(), "router", "name the router whose address is told");
        InventoryRevision current = inventory.current();
        Organization provider = current.inventory().organization(disclosure.providerCode())
                .filter(o -> o.kind() == OrganizationKind.ASP_HOSTING_PROVIDER)
                .orElseThrow(() -> ChangeRefused.unprocessable("not-an-asp-provider", "Not an LGWAN-ASP provider",
                        "provider_code " + disclosure.providerCode() + " is no organization of kind asp-hosting-provider in the inventory at "
                                + current.commit() + ": a global address is told to an LGWAN-ASP provider and to no one else")
                        .with("field", "provider_code"));
        ConnectionRouter router = current.router(disclosure.hostname()).orElseThrow(() -> ChangeRefused.unprocessable("unknown-router",
                "Unknown router", "no router " + disclosure.hostname() + " in the inventory at " + current.commit()).with("field", "router"));
        requireText(disclosure.requester(), "requester", "name who at the provider asked (person and request document)");
        requireText(disclosure.reason(), "reason", "say why the provider needs the address");
        String address = resolve(router);
        GlobalAddressDisclosure record = new GlobalAddressDisclosure();
        record.providerCode = provider.code();
        record.hostname = router.hostname();
        record.requester = disclosure.requester().strip();
        record.reason = disclosure.reason().strip();
        record.recordedBy = actor.name();
        record.recordedAt = clock.instant();
        record.persist();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("provider_code", record.providerCode);
        detail.put("router", record.hostname);
        detail.put("requester", record.requester);
        detail.put("reason", record.reason);
        audit.record(actor.name(), "router.global-address.disclosed", "global-address-disclosure", record.id, detail);
        return new Disclosed(record, address);
    }

    /** A disclosure just recorded, with the address to pass on (shown on that answer only). */
    public record Disclosed(GlobalAddressDisclosure record, String address) {
    }

    /** The disclosures an actor may see: all for the operating body; for an organization those of its routers and those made to it. */
    @Transactional
    public List<GlobalAddressDisclosure> disclosures(Actor actor) {
        List<GlobalAddressDisclosure> all = GlobalAddressDisclosure.listAll(Sort.descending("id"));
        if (actor.scope().isOperatingBody()) {
            return all;
        }
        InventoryRevision current = inventory.current();
        return all.stream().filter(d -> actor.scope().covers(current.inventory(), d.providerCode)
                || actor.scope().coversRouter(current.inventory(), d.hostname)).toList();
    }

    private ConnectionRouter routerInScope(String hostname, Actor actor) {
        InventoryRevision current = inventory.current();
        return current.router(hostname).filter(r -> actor.scope().covers(current.inventory().ownerOf(r)))
                .orElseThrow(() -> ChangeRefused.notFound("no router " + hostname + " in the inventory at " + current.commit()));
    }

    private String resolve(ConnectionRouter router) {
        try {
            return credentials.resolve(SecretKind.GLOBAL_ADDRESS, router.globalAddressRef()).text().trim();
        } catch (CredentialException e) {
            throw ChangeRefused.unprocessable("secret-unavailable", "Global address unavailable", e.getMessage());
        }
    }

    private static void requireText(String text, String field, String why) {
        if (text == null || text.isBlank()) {
            throw ChangeRefused.unprocessable(field + "-required", "The " + field + " is required", field + " is missing: " + why)
                    .with("field", field);
        }
    }
}
