package jp.lgwan.routerconfig.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import jp.lgwan.routerconfig.inventory.SecretKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

    @TempDir
    Path secrets;

    private void write(String reference, String value, String permissions) throws Exception {
        Path file = secrets.resolve(reference);
        Files.createDirectories(file.getParent());
        Files.writeString(file, value);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    @Test
    void resolvesFromAnOwnerOnlyFile() throws Exception {
        write("snmp/verification-poller", "auth=auth-value\npriv=priv-value\n", "rw-------");
        Secret secret = new CredentialStore(secrets, Map.of()).resolve(SecretKind.SNMP, "snmp/verification-poller");
        assertEquals("auth-value", secret.field("auth"));
        assertEquals("priv-value", secret.field("priv"));
        assertEquals("Secret[snmp/verification-poller]", secret.toString());
    }

    @Test
    void theEnvironmentComesFirst() throws Exception {
        write("ssh/operating-body", "from-file", "rw-------");
        CredentialStore store = new CredentialStore(secrets, Map.of("LGWAN_SECRET_SSH_OPERATING_BODY", "from-environment"));
        assertEquals("from-environment", store.resolve(SecretKind.SSH, "ssh/operating-body").text());
    }

    @Test
    void aFileOthersCanReadIsRefused() throws Exception {
        write("ssh/operating-body", "hunter2", "rw-r--r--");
        CredentialException refused = assertThrows(CredentialException.class, () -> new CredentialStore(secrets, Map.of()).resolve(SecretKind.SSH, "ssh/operating-body"));
        assertEquals("secret file " + secrets.resolve("ssh/operating-body") + " has mode rw-r--r--: other users may read or change it, so it is not"
                + " used; chmod 600 " + secrets.resolve("ssh/operating-body"), refused.getMessage());
        assertFalse(refused.getMessage().contains("hunter2"));
    }

    @Test
    void aMissingSecretSaysWhereItWasLookedFor() {
        CredentialException missing = assertThrows(CredentialException.class, () -> new CredentialStore(secrets, Map.of()).resolve(SecretKind.SNMP, "snmp/nobody"));
        assertEquals("no secret snmp/nobody: neither the environment variable LGWAN_SECRET_SNMP_NOBODY nor the file " + secrets.resolve("snmp/nobody"),
                missing.getMessage());
    }

    @Test
    void referencesCannotLeaveTheDirectory() {
        CredentialStore store = new CredentialStore(secrets, Map.of());
        assertThrows(CredentialException.class, () -> store.resolve(SecretKind.SSH, "ssh/../../etc/passwd"));
        assertThrows(CredentialException.class, () -> store.resolve(SecretKind.SSH, "/etc/shadow"));
        assertTrue(assertThrows(CredentialException.class, () -> store.resolve(SecretKind.SSH, "ssh/../../x")).getMessage().contains("not a secret reference"));
    }

    @Test
    void aMissingFieldIsNamedWithoutTheValue() throws Exception {
        write("snmp/verification-poller", "auth=only-auth\n", "rw-------");
        Secret secret = new CredentialStore(secrets, Map.of()).resolve(SecretKind.SNMP, "snmp/verification-poller");
        CredentialException missing = assertThrows(CredentialException.class, () -> secret.field("priv"));
        assertEquals("secret snmp/verification-poller has no field 'priv'", missing.getMessage());
    }

    /** Defect 3 of issue 13: {@code global_address_ref: ssh/operating-body} showed operators the private key. */
    @Test
    void aReferenceIsResolvedOnlyAsTheKindAskedFor() throws Exception {
        write("ssh/operating-body", TestKeys.openSshPrivateKey(), "rw-------");
        write("snmp/verification-poller", "auth=auth-value\npriv=priv-value\n", "rw-------");
        CredentialStore store = new CredentialStore(secrets, Map.of("LGWAN_SECRET_SNMP_ENV", "auth=from-environment"));
        CredentialException asAddress = assertThrows(CredentialException.class, () -> store.resolve(SecretKind.GLOBAL_ADDRESS, "ssh/operating-body"));
        assertEquals("refused: ssh/operating-body is an SSH login, not a router's global address; name a secret under global-address/",
                asAddress.getMessage());
        assertThrows(CredentialException.class, () -> store.resolve(SecretKind.GLOBAL_ADDRESS, "snmp/verification-poller"));
        assertThrows(CredentialException.class, () -> store.resolve(SecretKind.GLOBAL_ADDRESS, "snmp/env"), "the environment is typed too");
        assertThrows(CredentialException.class, () -> store.resolve(SecretKind.SSH, "snmp/verification-poller"));
        assertThrows(CredentialException.class, () -> store.resolve(SecretKind.SNMP, "ssh/operating-body"));
        assertEquals("refused: secrets/x is in no namespace of the credential store, not SNMP keys; name a secret under snmp/",
                assertThrows(CredentialException.class, () -> store.resolve(SecretKind.SNMP, "secrets/x")).getMessage());
        assertThrows(CredentialException.class, () -> store.resolve(SecretKind.SNMP, "snmp/"));
        assertEquals("from-environment", store.resolve(SecretKind.SNMP, "snmp/env").field("auth"));
    }

    /** Even under its own namespace, a global address is given out only when it is one: a key filed there by mistake is not. */
    @Test
    void aGlobalAddressIsGivenOutOnlyWhenItIsAnAddress() throws Exception {
        write("global-address/ipv4", "203.0.113.10\n", "rw-------");
        write("global-address/ipv6", "2001:db8::10\n", "rw-------");
        write("global-address/key", TestKeys.openSshPrivateKey(), "rw-------");
        write("global-address/hostname", "ssh.example.invalid\n", "rw-------");
        write("global-address/octet", "203.0.113.256\n", "rw-------");
        CredentialStore store = new CredentialStore(secrets, Map.of());
        assertEquals("203.0.113.10", store.resolve(SecretKind.GLOBAL_ADDRESS, "global-address/ipv4").text());
        assertEquals("2001:db8::10", store.resolve(SecretKind.GLOBAL_ADDRESS, "global-address/ipv6").text());
        for (String misfiled : new String[] {"key", "hostname", "octet"}) {
            CredentialException refused = assertThrows(CredentialException.class,
                    () -> store.resolve(SecretKind.GLOBAL_ADDRESS, "global-address/" + misfiled));
            assertEquals("secret global-address/" + misfiled + " does not hold a router's global address; refused", refused.getMessage());
        }
    }
}
