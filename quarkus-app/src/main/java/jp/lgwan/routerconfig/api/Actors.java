package jp.lgwan.routerconfig.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import java.util.Optional;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.Scope;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller as the domain sees it: name, roles and {@link Scope}. A password login carries the
 * scope of its user ({@code lgwan.auth.users.NAME.scope}); an OIDC token carries it in the claim
 * {@value Scope#CLAIM} (a token without it is the operating body's, as tokens were before scopes).
 * A caller whose roles do not go with its scope (an organization's token with the engineer role, an
 * organization role without an organization) is refused: it would see more, or less, than it should.
 */
@RequestScoped
public class Actors {

    /** The attribute of a password login's identity that holds its {@link Scope}. */
    static final String SCOPE_ATTRIBUTE = "lgwan.scope";

    private final SecurityIdentity identity;

    public Actors(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Actor current() {
        Scope scope = scope();
        if (!scope.fits(identity.getRoles())) {
            throw ChangeRefused.forbidden("scope-does-not-fit-roles", "Roles and scope do not go together",
                    "the roles " + identity.getRoles() + " do not go with the scope " + scope + ": an organization's identity has the role"
                            + " organization and an organization scope, a prefecture's the role prefecture and a prefecture scope");
        }
        return new Actor(identity.getPrincipal().getName(), identity.getRoles(), scope);
    }

    private Scope scope() {
        Scope attribute = identity.getAttribute(SCOPE_ATTRIBUTE);
        if (attribute != null) {
            return attribute;
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Optional<Object> claim = token.claim(Scope.CLAIM);
            if (claim.isPresent()) {
                Object value = claim.get();
                String text = value instanceof JsonString json ? json.getString() : String.valueOf(value);
                try {
                    return Scope.parse(text);
                } catch (IllegalArgumentException e) {
                    throw ChangeRefused.forbidden("invalid-scope-claim", "The token's scope claim is not a scope",
                            "claim " + Scope.CLAIM + ": " + e.getMessage());
                }
            }
        }
        return Scope.OPERATING_BODY;
    }
}
