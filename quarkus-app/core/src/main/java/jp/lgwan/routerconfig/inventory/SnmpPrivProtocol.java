package jp.lgwan.routerconfig.inventory;

/** An SNMPv3 USM privacy protocol (暗号アルゴリズム). The poller speaks AES-128 only. */
public enum SnmpPrivProtocol {
    /** usmAesCfb128Protocol (RFC 3826): Yamaha {@code aes128-cfb}, NEC {@code aes}, net-snmp {@code AES}. */
    AES128
}
