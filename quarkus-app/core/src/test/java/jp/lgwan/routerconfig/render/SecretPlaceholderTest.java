package jp.lgwan.routerconfig.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretPlaceholderTest {

    private static final String RENDERED = "snmp-server user lgwan-poller G v3 auth sha {{secret:snmp/verification-poller:auth}}"
            + " priv aes 128 {{secret:snmp/verification-poller:priv}}\nhostname r1\n";
    private static final Map<String, String> STORE = Map.of("snmp/verification-poller:auth", "s3cret-auth",
            "snmp/verification-poller:priv", "s3cret-auth-priv");

    @Test
    void fillsEveryPlaceholderForTheDevice() throws Exception {
        SecretPlaceholder.Resolved resolved = SecretPlaceholder.resolve(RENDERED, (ref, field) -> STORE.get(ref + ":" + field));
        assertEquals("snmp-server user lgwan-poller G v3 auth sha s3cret-auth priv aes 128 s3cret-auth-priv\nhostname r1\n", resolved.text());
        assertFalse(resolved.toString().contains("s3cret"), "toString never shows a value");
    }

    @Test
    void whatComesBackFromTheDeviceIsStoredWithPlaceholdersAndShownMasked() throws Exception {
        SecretPlaceholder.Resolved resolved = SecretPlaceholder.resolve(RENDERED, (ref, field) -> STORE.get(ref + ":" + field));
        String fromDevice = "% Invalid input at 'priv aes 128 s3cret-auth-priv'";
        // the longer value first: "s3cret-auth-priv" must not become "{{…auth}}-priv"
        assertEquals("% Invalid input at 'priv aes 128 {{secret:snmp/verification-poller:priv}}'", resolved.unresolve(fromDevice));
        assertEquals("% Invalid input at 'priv aes 128 {{secret}}'", resolved.mask(fromDevice));
        assertEquals(RENDERED, resolved.unresolve(resolved.text()), "a backup restores to the rendered text");
    }

    @Test
    void aSecretThatCannotBeResolvedStopsThePush() {
        Exception e = assertThrows(IllegalStateException.class, () -> SecretPlaceholder.resolve(RENDERED, (ref, field) -> {
            throw new IllegalStateException("no secret " + ref);
        }));
        assertEquals("no secret snmp/verification-poller", e.getMessage());
    }
}
