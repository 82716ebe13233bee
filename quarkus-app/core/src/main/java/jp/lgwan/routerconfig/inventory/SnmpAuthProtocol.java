package jp.lgwan.routerconfig.inventory;

/**
 * An SNMPv3 USM authentication protocol (認証アルゴリズム) a router's agent and the verification
 * poller agree on. The template renders the router's side of it, the poller and the lab agent use
 * the same one.
 */
public enum SnmpAuthProtocol {
    /** usmHMACSHAAuthProtocol, HMAC-SHA1-96 (RFC 3414): Yamaha's and NEC's {@code sha}, net-snmp's {@code SHA}. */
    SHA1,
    /** usmHMAC192SHA256AuthProtocol, HMAC-192-SHA-256 (RFC 7860): IOS-XE {@code sha-2 256}, Junos {@code authentication-sha256}, net-snmp {@code SHA-256}. */
    SHA256
}
