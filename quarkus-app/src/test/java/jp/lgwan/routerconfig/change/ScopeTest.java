package jp.lgwan.routerconfig.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import jp.lgwan.routerconfig.inventory.Prefecture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a scope is written (users' properties, the OIDC claim) and which roles go with it. */
class ScopeTest {

    @ParameterizedTest
    @CsvSource({"operating-body, OPERATING_BODY, , ", "organization:011002, ORGANIZATION, 011002, ", "organization:ASP-00001, ORGANIZATION, ASP-00001, ",
            "prefecture:01, PREFECTURE, , HOKKAIDO", "prefecture:47, PREFECTURE, , OKINAWA", "' prefecture:38 ', PREFECTURE, , EHIME"})
    void aScopeIsReadAndWrittenTheSameWay(String text, Scope.Kind kind, String organization, Prefecture prefecture) {
        Scope scope = Scope.parse(text);
        assertEquals(new Scope(kind, organization, prefecture), scope);
        assertEquals(text.strip(), scope.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "operating_body", "organization:", "organization:11002", "organization:0110021", "organization:asp-00001",
            "prefecture:1", "prefecture:00", "prefecture:48", "prefecture:hokkaido", "Organization:011002"})
    void anythingElseIsRefusedSayingWhatAScopeIs(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Scope.parse(text));
        assertEquals("'" + text + "' is not a scope; one of operating-body, organization:CODE (6-digit local-government code or"
                + " ASP-/APR-nnnnn), prefecture:NN (01 to 47)", refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "operating-body, engineer, true", "operating-body, viewer, true", "operating-body, organization, false", "operating-body, prefecture, false",
            "organization:011002, organization, true", "organization:011002, engineer, false", "organization:011002, prefecture, false",
            "prefecture:01, prefecture, true", "prefecture:01, operator, false", "prefecture:01, organization, false"})
    void rolesGoWithTheirScope(String scope, String role, boolean fits) {
        assertEquals(fits, Scope.parse(scope).fits(Set.of(role)));
    }

    @org.junit.jupiter.api.Test
    void anOrganizationScopeWithASecondRoleDoesNotFit() {
        assertFalse(Scope.parse("organization:011002").fits(Set.of(Actor.ORGANIZATION, Actor.OPERATOR)));
        assertTrue(Scope.OPERATING_BODY.fits(Set.of(Actor.ENGINEER, Actor.OPERATOR)));
    }
}
