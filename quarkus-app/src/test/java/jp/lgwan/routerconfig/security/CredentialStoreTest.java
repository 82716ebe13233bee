package jp.lgwan.routerconfig.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
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
        Secret secret = new CredentialStore(secrets, Map.of()).resolve("snmp/verification-poller");
        assertEquals("auth-value", secret.field("auth"));
        assertEquals("priv-value", secret.field("priv"));
        assertEquals("Secret[snmp/verification-poller]", secret.toString());
    }

    @Test
    void theEnvironmentComesFirst() throws Exception {
        write("ssh/operating-body", "from-file", "rw-------");
        CredentialStore store = new CredentialStore(secrets, Map.of("LGWAN_SECRET_SSH_OPERATING_BODY", "from-environment"));
        assertEquals("from-environment", store.resolve("ssh/operating-body").text());
    }

    @Test
    void aFileOthersCanReadIsRefused() throws Exception {
        write("ssh/operating-body", "hunter2", "rw-r--r--");
        CredentialException refused = assertThrows(CredentialException.class, () -> new CredentialStore(secrets, Map.of()).resolve("ssh/operating-body"));
        assertEquals("secret file " + secrets.resolve("ssh/operating-body") + " has mode rw-r--r--: other users may read or change it, so it is not"
                + " used; chmod 600 " + secrets.resolve("ssh/operating-body"), refused.getMessage());
        assertFalse(refused.getMessage().contains("hunter2"));
    }

    @Test
    void aMissingSecretSaysWhereItWasLookedFor() {
        CredentialException missing = assertThrows(CredentialException.class, () -> new CredentialStore(secrets, Map.of()).resolve("snmp/nobody"));
        assertEquals("no secret snmp/nobody: neither the environment variable LGWAN_SECRET_SNMP_NOBODY nor the file " + secrets.resolve("snmp/nobody"),
                missing.getMessage());
    }

    @Test
    void referencesCannotLeaveTheDirectory() {
        CredentialStore store = new CredentialStore(secrets, Map.of());
        assertThrows(CredentialException.class, () -> store.resolve("../etc/passwd"));
        assertThrows(CredentialException.class, () -> store.resolve("/etc/shadow"));
        assertTrue(assertThrows(CredentialException.class, () -> store.resolve("a/../../x")).getMessage().contains("not a secret reference"));
    }

    @Test
    void aMissingFieldIsNamedWithoutTheValue() throws Exception {
        write("snmp/verification-poller", "auth=only-auth\n", "rw-------");
        Secret secret = new CredentialStore(secrets, Map.of()).resolve("snmp/verification-poller");
        CredentialException missing = assertThrows(CredentialException.class, () -> secret.field("priv"));
        assertEquals("secret snmp/verification-poller has no field 'priv'", missing.getMessage());
    }
}
