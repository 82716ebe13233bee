package jp.lgwan.routerconfig.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;

/**
 * SNMPv3 user keys localized to an engine (RFC 3414 A.2, RFC 7860 for SHA-2). Turning a passphrase
 * into a key hashes a whole mebibyte; localizing that key to one engine is a single small hash. SNMP4J
 * does both for every user it adds, so a poller of thousands of routers sharing one passphrase spent
 * most of its CPU there: here the first part is done once per passphrase, the second per engine.
 * Keys stay in this object as long as the localized ones stay in the USM that uses them.
 */
public final class SnmpKeys {

    private static final int MEBIBYTE = 1 << 20;
    private static final int CACHED = 64;

    private final Map<String, byte[]> master = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHED;
        }
    };

    /** The authentication key of {@code passphrase} for the engine {@code engineId}: the digest's full length. */
    public byte[] auth(SnmpAuthProtocol auth, String passphrase, byte[] engineId) {
        return localized(auth, passphrase, engineId);
    }

    /** The AES-128 privacy key of {@code passphrase} for {@code engineId}: derived with the authentication digest, cut to 16 bytes. */
    public byte[] privAes128(SnmpAuthProtocol auth, String passphrase, byte[] engineId) {
        return Arrays.copyOf(localized(auth, passphrase, engineId), 16);
    }

    private byte[] localized(SnmpAuthProtocol auth, String passphrase, byte[] engineId) {
        MessageDigest digest = digest(auth);
        byte[] key = masterKey(auth, passphrase);
        digest.update(key);
        digest.update(engineId);
        digest.update(key);
        return digest.digest();
    }

    private byte[] masterKey(SnmpAuthProtocol auth, String passphrase) {
        // under the lock: the first polls of a window all want the same key at once, and it is made once
        synchronized (master) {
            return master.computeIfAbsent(auth.name() + '\0' + passphrase, id -> stretch(auth, passphrase));
        }
    }

    /** RFC 3414 A.2.1: the passphrase repeated over a mebibyte, hashed. */
    private static byte[] stretch(SnmpAuthProtocol auth, String passphrase) {
        byte[] password = passphrase.getBytes(StandardCharsets.UTF_8);
        if (password.length == 0) {
            throw new IllegalArgumentException("an SNMPv3 passphrase may not be empty");
        }
        MessageDigest digest = digest(auth);
        byte[] block = new byte[64];
        int index = 0;
        for (int count = 0; count < MEBIBYTE; count += block.length) {
            for (int i = 0; i < block.length; i++) {
                block[i] = password[index++ % password.length];
            }
            digest.update(block);
        }
        return digest.digest();
    }

    private static MessageDigest digest(SnmpAuthProtocol auth) {
        try {
            return MessageDigest.getInstance(auth == SnmpAuthProtocol.SHA1 ? "SHA-1" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
