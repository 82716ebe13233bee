package jp.lgwan.routerconfig.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;
import org.junit.jupiter.api.Test;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.smi.OctetString;

/** Keys localized once per passphrase must be the very keys SNMP4J derives for every user it adds. */
class SnmpKeysTest {

    private final SnmpKeys keys = new SnmpKeys();

    @Test
    void rfc3414SampleKeyForSha1() {
        // RFC 3414 A.3.2: "maplesyrup" localized to engine 00 00 00 00 00 00 00 00 00 00 00 02
        byte[] engine = HexFormat.of().parseHex("000000000000000000000002");
        assertEquals("6695febc9288e36282235fc7151f128497b38f3f", HexFormat.of().formatHex(keys.auth(SnmpAuthProtocol.SHA1, "maplesyrup", engine)));
    }

    @Test
    void sameKeysAsSnmp4jForEveryProtocolTheProbeUses() {
        for (int i = 0; i < 3; i++) {
            byte[] engine = MPv3.createLocalEngineID(new OctetString("engine-" + i));
            for (SnmpAuthProtocol auth : SnmpAuthProtocol.values()) {
                var authId = auth == SnmpAuthProtocol.SHA1 ? AuthSHA.ID : AuthHMAC192SHA256.ID;
                assertArrayEquals(SnmpStack.protocols().passwordToKey(authId, new OctetString("auth-pass-" + i), engine),
                        keys.auth(auth, "auth-pass-" + i, engine), auth + " auth key");
                assertArrayEquals(SnmpStack.protocols().passwordToKey(PrivAES128.ID, authId, new OctetString("priv-pass-" + i), engine),
                        keys.privAes128(auth, "priv-pass-" + i, engine), auth + " AES-128 key");
            }
        }
    }

    @Test
    void otherEngineOtherKey() {
        byte[] a = MPv3.createLocalEngineID(new OctetString("a"));
        byte[] b = MPv3.createLocalEngineID(new OctetString("b"));
        assertFalse(Arrays.equals(keys.auth(SnmpAuthProtocol.SHA256, "same", a), keys.auth(SnmpAuthProtocol.SHA256, "same", b)));
        assertThrows(IllegalArgumentException.class, () -> keys.auth(SnmpAuthProtocol.SHA256, "", a));
    }
}
