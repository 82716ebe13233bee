package jp.lgwan.routerconfig.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A stored API password: PBKDF2-HMAC-SHA256 with a random salt, written
 * {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and hash in base64). The JDK computes it (no
 * library), the iteration count travels with each hash so it can be raised without breaking older
 * ones, and a password is compared in constant time.
 *
 * <p>600,000 iterations is OWASP's figure for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet,
 * 2023). On this project's shared 2-core machine one verification took 0.4-1.0 s of CPU (Java 17,
 * warm, under load): the service checks a password once and keeps the result for a while
 * ({@code PasswordLogin}), and a wrong password is throttled before it costs that.
 */
public final class PasswordHash {

    public static final String SCHEME = "pbkdf2-sha256";
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    public static PasswordHash of(char[] password, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /**
     * Reads a stored hash.
     *
     * @throws IllegalArgumentException saying what is wrong with it (never echoing it)
     */
    public static PasswordHash parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split(":", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a password hash of the form " + SCHEME + ":ITERATIONS:SALT:HASH (hash-password makes one)");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || salt.length == 0 || hash.length != HASH_BITS / 8) {
                throw new IllegalArgumentException("a password hash needs at least 1 iteration, a salt and a 32-byte hash");
            }
            return new PasswordHash(iterations, salt, hash);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iterations of a password hash must be a number");
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("a password hash") ? e
                    : new IllegalArgumentException("the salt and hash of a password hash must be base64");
        }
    }

    /** Whether {@code password} is the one hashed: the full derivation runs and the comparison takes the same time whatever differs. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    public int iterations() {
        return iterations;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** The stored form. */
    @Override
    public String toString() {
        return SCHEME + ":" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":" + Base64.getEncoder().encodeToString(hash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash that && iterations == that.iterations && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }
}
