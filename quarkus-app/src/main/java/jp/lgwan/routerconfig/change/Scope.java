package jp.lgwan.routerconfig.change;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.inventory.Prefecture;

/**
 * Whose affairs an identity may see: one connected organization (接続団体: its LGWAN responsible
 * person and operators), one prefecture (都道府県: the collecting window, 取りまとめ窓口, of its
 * organizations), or the operating body (運営主体: engineers, operators, CI, viewers), which sees all.
 * Written as {@code organization:011002}, {@code prefecture:01} or {@code operating-body}, in the
 * users' properties ({@code lgwan.auth.users.NAME.scope}) and in the OIDC claim {@value #CLAIM}.
 *
 * <p>The one rule of what a scope covers lives here: an organization covers itself, a prefecture
 * the organizations whose inventory file names it, the operating body everything.
 */
public record Scope(Kind kind, String organizationCode, Prefecture prefecture) {

    /** The OIDC claim that carries an identity's scope (a token without it is the operating body's, as before scopes). */
    public static final String CLAIM = "lgwan_scope";

    public enum Kind { OPERATING_BODY, PREFECTURE, ORGANIZATION }

    public static final Scope OPERATING_BODY = new Scope(Kind.OPERATING_BODY, null, null);

    private static final Pattern ORGANIZATION_CODE = Pattern.compile("[0-9]{6}|(ASP|APR)-[0-9]{5}");
    private static final Pattern PREFECTURE_CODE = Pattern.compile("[0-9]{2}");

    public static Scope organization(String code) {
        return new Scope(Kind.ORGANIZATION, code, null);
    }

    public static Scope prefecture(Prefecture prefecture) {
        return new Scope(Kind.PREFECTURE, null, prefecture);
    }

    /**
     * Reads {@code operating-body}, {@code organization:CODE} (a 6-digit local-government code, or
     * ASP-/APR-nnnnn) or {@code prefecture:NN} (JIS X 0401, 01 to 47).
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static Scope parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.equals("operating-body")) {
            return OPERATING_BODY;
        }
        if (value.startsWith("organization:") && ORGANIZATION_CODE.matcher(value.substring(13)).matches()) {
            return organization(value.substring(13));
        }
        if (value.startsWith("prefecture:") && PREFECTURE_CODE.matcher(value.substring(11)).matches()) {
            Prefecture prefecture = Prefecture.ofCode(Integer.parseInt(value.substring(11)));
            if (prefecture != null) {
                return prefecture(prefecture);
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a scope; one of operating-body, organization:CODE (6-digit"
                + " local-government code or ASP-/APR-nnnnn), prefecture:NN (01 to 47)");
    }

    /** The role an identity of this scope must hold: organization, prefecture, or (empty) one of the operating body's. */
    public Optional<String> requiredRole() {
        return switch (kind) {
            case ORGANIZATION -> Optional.of(Actor.ORGANIZATION);
            case PREFECTURE -> Optional.of(Actor.PREFECTURE);
            case OPERATING_BODY -> Optional.empty();
        };
    }

    /** Whether {@code roles} fit this scope: an organization's or prefecture's role goes with that scope and no other. */
    public boolean fits(Set<String> roles) {
        boolean outsideRole = roles.contains(Actor.ORGANIZATION) || roles.contains(Actor.PREFECTURE);
        return requiredRole().map(role -> roles.size() == 1 && roles.contains(role)).orElse(!outsideRole);
    }

    public boolean isOperatingBody() {
        return kind == Kind.OPERATING_BODY;
    }

    /** Whether this scope sees (and, with the role for it, acts on) {@code organization}'s affairs. */
    public boolean covers(Organization organization) {
        return switch (kind) {
            case OPERATING_BODY -> true;
            case ORGANIZATION -> organization.code().equals(organizationCode);
            case PREFECTURE -> organization.prefecture() == prefecture;
        };
    }

    /**
     * Whether this scope covers the organization of that code: an organization scope its own code (in
     * the inventory or not any more), a prefecture the organizations {@code inventory} places in it.
     */
    public boolean covers(Inventory inventory, String organizationCode) {
        return switch (kind) {
            case OPERATING_BODY -> true;
            case ORGANIZATION -> this.organizationCode.equals(organizationCode);
            case PREFECTURE -> inventory.organization(organizationCode).map(this::covers).orElse(false);
        };
    }

    /** The codes of the organizations this scope covers, for a query; not for the operating body, which covers all. */
    public Set<String> organizationCodes(Inventory inventory) {
        return switch (kind) {
            case OPERATING_BODY -> throw new IllegalStateException("the operating body covers every organization");
            case ORGANIZATION -> Set.of(organizationCode);
            case PREFECTURE -> inventory.organizations().stream().filter(this::covers).map(Organization::code)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        };
    }

    /** Whether this scope covers a prefecture's affairs (its connection applications): the operating body's and that prefecture's. */
    public boolean coversPrefecture(Prefecture prefecture) {
        return kind == Kind.OPERATING_BODY || kind == Kind.PREFECTURE && this.prefecture == prefecture;
    }

    /** The hostnames of the routers of the organizations this scope covers, for a query; not for the operating body, which covers all. */
    public Set<String> routerHostnames(Inventory inventory) {
        return organizationCodes(inventory).stream().flatMap(code -> inventory.organization(code).stream())
                .flatMap(o -> o.routers().stream()).map(jp.lgwan.routerconfig.inventory.ConnectionRouter::hostname)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether this scope covers the router of that name in {@code inventory} (through its organization). */
    public boolean coversRouter(Inventory inventory, String hostname) {
        if (isOperatingBody()) {
            return true;
        }
        return inventory.router(hostname).map(router -> covers(inventory.ownerOf(router))).orElse(false);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case OPERATING_BODY -> "operating-body";
            case ORGANIZATION -> "organization:" + organizationCode;
            case PREFECTURE -> String.format("prefecture:%02d", prefecture.code());
        };
    }
}
