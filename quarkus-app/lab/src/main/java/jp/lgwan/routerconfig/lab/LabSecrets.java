package jp.lgwan.routerconfig.lab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;
import jp.lgwan.routerconfig.render.SecretPlaceholder;

/**
 * The secrets of a lab, all lab-made (never real ones): the SNMPv3 poller's user and keys, filled
 * in where a config names the poller's reference, and a fixed value derived from the name for any
 * other secret. A lab process writes them down for the service that pushes to it; both sides fill
 * a config the same way, so what the service pushes matches what the lab booted.
 *
 * @param snmpRef the poller's secret reference in the inventory (e.g. {@code snmp/verification-poller})
 */
public record LabSecrets(String snmpUser, String snmpRef, String authKey, String privKey) {

    /**
     * New random SNMP keys for a lab that starts now: 31 characters, within what every emulated
     * platform takes (Yamaha RTX: 8 to 32 characters, RTX command reference chapter 21 §21.13).
     */
    public static LabSecrets generate(String snmpUser, String snmpRef) {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[11];
        random.nextBytes(bytes);
        String auth = "lab-auth-" + HexFormat.of().formatHex(bytes);
        random.nextBytes(bytes);
        String priv = "lab-priv-" + HexFormat.of().formatHex(bytes);
        return new LabSecrets(snmpUser, snmpRef, auth, priv);
    }

    /**
     * The password of every virtual router's CLI administrator level (Yamaha RTX {@code administrator}):
     * derived from the lab's SNMP keys, so a service in another process, which reads those, knows it too.
     */
    public String administratorPassword() {
        try {
            return "lab-admin-" + digest("administrator:" + authKey);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SNMPv3 target of a virtual router's agent at {@code host:port}, with these keys and the router's authentication protocol. */
    public SnmpTarget snmp(String host, int port, SnmpAuthProtocol auth) {
        return SnmpTarget.v3(host, port, snmpUser, auth, authKey, privKey);
    }

    /** The SNMP poller's keys for the poller's reference, a fixed lab value (derived from its name) for any other secret. */
    public SecretPlaceholder.Resolved resolve(String renderedConfig) throws DeviceException {
        try {
            return SecretPlaceholder.resolve(renderedConfig, (reference, field) -> {
                if (reference.equals(snmpRef) && field.equals("auth")) {
                    return authKey;
                }
                if (reference.equals(snmpRef) && field.equals("priv")) {
                    return privKey;
                }
                return "lab-" + digest(reference + ":" + field);
            });
        } catch (Exception e) {
            throw new DeviceException("lab secrets: " + e.getMessage());
        }
    }

    private static String digest(String text) throws NoSuchAlgorithmException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 8);
    }

    @Override
    public String toString() {
        return "LabSecrets[" + snmpUser + ", " + snmpRef + "]";
    }
}
