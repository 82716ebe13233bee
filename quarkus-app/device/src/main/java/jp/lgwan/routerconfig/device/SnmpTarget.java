package jp.lgwan.routerconfig.device;

import java.time.Duration;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;

/**
 * Where and how to poll one router over SNMP. Keys are resolved from the credential store by the
 * caller and never logged; {@link #toString()} leaves them out. Privacy is always AES-128.
 *
 * @param version   v3 (authPriv) unless the inventory says v2c
 * @param auth      the SNMPv3 authentication protocol the router's agent is configured with (v3 only)
 * @param community the v2c community (v2c only)
 * @param timeout   how long one request waits for its answer
 * @param retries   how often a request is sent again after a timeout
 */
public record SnmpTarget(String host, int port, Version version, String user, SnmpAuthProtocol auth, String authKey, String privKey,
                         String community, Duration timeout, int retries) {

    public enum Version { V3, V2C }

    /** A request's wait and retries where nothing else is said ({@code lgwan.device.snmp-timeout}, {@code snmp-retries}). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_RETRIES = 1;

    public static SnmpTarget v3(String host, int port, String user, SnmpAuthProtocol auth, String authKey, String privKey) {
        return new SnmpTarget(host, port, Version.V3, user, auth, authKey, privKey, null, DEFAULT_TIMEOUT, DEFAULT_RETRIES);
    }

    public static SnmpTarget v2c(String host, int port, String community) {
        return new SnmpTarget(host, port, Version.V2C, null, null, null, null, community, DEFAULT_TIMEOUT, DEFAULT_RETRIES);
    }

    public SnmpTarget withTimeout(Duration timeout, int retries) {
        return new SnmpTarget(host, port, version, user, auth, authKey, privKey, community, timeout, retries);
    }

    /** The same credentials at another address (a lab agent's port). */
    public SnmpTarget at(String host, int port) {
        return new SnmpTarget(host, port, version, user, auth, authKey, privKey, community, timeout, retries);
    }

    @Override
    public String toString() {
        return "SnmpTarget[" + host + ":" + port + " " + version + (user == null ? "" : " user " + user + " " + auth) + "]";
    }
}
