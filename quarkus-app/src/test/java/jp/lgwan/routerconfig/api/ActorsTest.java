package jp.lgwan.routerconfig.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.Map;
import java.util.Set;
import jp.lgwan.routerconfig.change.Actor;
import jp.lgwan.routerconfig.change.ChangeRefused;
import jp.lgwan.routerconfig.change.Scope;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * Where a caller's scope comes from: a password login's attribute, or an OIDC token's claim
 * {@value Scope#CLAIM} (no IdP here: the token is the claims alone, as quarkus-oidc hands them over).
 */
class ActorsTest {

    /** A verified token's claims. */
    private record Token(String name, Map<String, Object> claims) implements JsonWebToken {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claim) {
            return (T) claims.get(claim);
        }
    }

    /** A claim as a JWT parser hands one over: a JSON string. */
    private static jakarta.json.JsonString json(String text) {
        return new jakarta.json.JsonString() {
            @Override
            public String getString() {
                return text;
            }

            @Override
            public CharSequence getChars() {
                return text;
            }

            @Override
            public ValueType getValueType() {
                return ValueType.STRING;
            }
        };
    }

    private static SecurityIdentity token(String role, Map<String, Object> claims) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new Token("tanaka", claims)).addRole(role).build();
    }

    @Test
    void aTokenCarriesItsScopeInItsClaim() {
        Actor sapporo = new Actors(token(Actor.ORGANIZATION, Map.of(Scope.CLAIM, "organization:011002"))).current();
        assertEquals(Scope.organization("011002"), sapporo.scope());
        assertEquals("tanaka", sapporo.name());
        // a JSON string, as a JWT parser hands a claim over
        Actor hokkaido = new Actors(token(Actor.PREFECTURE, Map.of(Scope.CLAIM, json("prefecture:01")))).current();
        assertEquals("prefecture:01", hokkaido.scope().toString());
    }

    @Test
    void aTokenWithoutTheClaimIsTheOperatingBodysAsBefore() {
        assertEquals(Scope.OPERATING_BODY, new Actors(token(Actor.ENGINEER, Map.of())).current().scope());
    }

    @Test
    void rolesThatDoNotGoWithTheScopeAreRefused() {
        for (SecurityIdentity identity : new SecurityIdentity[] {token(Actor.ENGINEER, Map.of(Scope.CLAIM, "organization:011002")),
                token(Actor.ORGANIZATION, Map.of()), token(Actor.PREFECTURE, Map.of(Scope.CLAIM, "organization:011002"))}) {
            ChangeRefused refused = assertThrows(ChangeRefused.class, () -> new Actors(identity).current());
            assertEquals(403, refused.status());
            assertEquals("scope-does-not-fit-roles", refused.type());
        }
        ChangeRefused invalid = assertThrows(ChangeRefused.class,
                () -> new Actors(token(Actor.ORGANIZATION, Map.of(Scope.CLAIM, "city:sapporo"))).current());
        assertEquals(403, invalid.status());
        assertEquals("invalid-scope-claim", invalid.type());
    }

    @Test
    void aPasswordLoginCarriesItsUsersScope() {
        SecurityIdentity login = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("org-niseko")).addRole(Actor.ORGANIZATION)
                .addAttribute(Actors.SCOPE_ATTRIBUTE, Scope.organization("013951")).build();
        assertEquals(Scope.organization("013951"), new Actors(login).current().scope());
    }
}
