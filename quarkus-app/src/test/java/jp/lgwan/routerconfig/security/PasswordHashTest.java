package jp.lgwan.routerconfig.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void aHashMatchesItsPasswordOnlyAndReadsBackFromItsStoredForm() {
        PasswordHash hash = PasswordHash.of("correct horse battery".toCharArray(), 1_000);
        assertTrue(hash.matches("correct horse battery".toCharArray()));
        assertFalse(hash.matches("correct horse batterY".toCharArray()));
        assertFalse(hash.matches(new char[0]));
        String stored = hash.toString();
        assertTrue(stored.matches("pbkdf2-sha256:1000:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]{44}"), stored);
        assertEquals(hash, PasswordHash.parse(stored));
        assertTrue(PasswordHash.parse(stored).matches("correct horse battery".toCharArray()));
        assertNotEquals(stored, PasswordHash.of("correct horse battery".toCharArray(), 1_000).toString(), "salted");
    }

    /** RFC 7914, section 11: the first 32 bytes of PBKDF2-HMAC-SHA256(P = "passwd", S = "salt", c = 1). */
    @Test
    void theDerivationIsStandardPbkdf2HmacSha256() {
        byte[] rfc7914 = java.util.HexFormat.of().parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
        PasswordHash hash = PasswordHash.parse("pbkdf2-sha256:1:c2FsdA==:" + java.util.Base64.getEncoder().encodeToString(rfc7914));
        assertTrue(hash.matches("passwd".toCharArray()));
        assertFalse(hash.matches("Passwd".toCharArray()));
    }

    @Test
    void aBrokenStoredHashSaysWhatIsWrongWithoutEchoingIt() {
        assertEquals("not a password hash of the form pbkdf2-sha256:ITERATIONS:SALT:HASH (hash-password makes one)",
                assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("operator")).getMessage());
        assertEquals("the iterations of a password hash must be a number",
                assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256:many:c2FsdHNhbHQ=:aGFzaA==")).getMessage());
        assertEquals("the salt and hash of a password hash must be base64",
                assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256:1000:!!:??")).getMessage());
    }
}
