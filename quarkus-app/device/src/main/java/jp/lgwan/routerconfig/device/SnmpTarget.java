package jp.lgwan.routerconfig.device;

import java.time.Duration;

/**
 * Where and how to poll one router over SNMP. Keys are resolved from the credential store by the
 * caller and never logged; {@link #toString()} leaves them out.
 *
 * @param version   v3 (authPriv) unless the inventory says v2c
 * @param auth      the SNMPv3 authentication protocol
 * @param community the v2c community (v2c only)
 */
public record SnmpTarget(String host, int port, Version version, String user, Auth auth, String authKey, String privKey,
                         String community, Duration timeout, int retries) {

    public enum Version { V3, V2C }

    /** SNMPv3 authentication: HMAC-SHA-256 (usmHMAC192SHA256AuthProtocol) or HMAC-SHA-1; privacy is always AES-128. */
    public enum Auth { SHA256, SHA1 }

    public static SnmpTarget v3(String host, int port, String user, Auth auth, String authKey, String privKey) {
        return new SnmpTarget(host, port, Version.V3, user, auth, authKey, privKey, null, Duration.ofSeconds(2), 1);
    }

    public static SnmpTarget v2c(String host, int port, String community) {
        return new SnmpTarget(host, port, Version.V2C, null, null, null, null, community, Duration.ofSeconds(2), 1);
    }

    public SnmpTarget withTimeout(Duration timeout, int retries) {
        return new SnmpTarget(host, port, version, user, auth, authKey, privKey, community, timeout, retries);
    }

    @Override
    public String toString() {
        return "SnmpTarget[" + host + ":" + port + " " + version + (user == null ? "" : " user " + user + " " + auth) + "]";
    }
}
