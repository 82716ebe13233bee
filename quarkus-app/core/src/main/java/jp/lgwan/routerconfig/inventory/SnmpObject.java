package jp.lgwan.routerconfig.inventory;

/**
 * MIB objects the post-check (疎通試験) reads beyond MIB-II (RFC 1213): a vendor profile lists the ones
 * its platform really exposes. MIB-II's system group and ifTable (sysUpTime, ifDescr, ifSpeed,
 * ifAdminStatus, ifOperStatus, ifInErrors, ifOutErrors) every agent has; what a platform lacks is
 * read over its CLI where the dialect says how ({@code interface_status} in its dialect.yaml), or not
 * at all.
 */
public enum SnmpObject {
    /** IF-MIB ifXTable: the interface's name as the CLI writes it. */
    IF_NAME("IF-MIB", "ifName", "1.3.6.1.2.1.31.1.1.1.1"),
    /** IF-MIB ifXTable: speed in Mbit/s (beyond ifSpeed's 4.29 Gbit/s ceiling). */
    IF_HIGH_SPEED("IF-MIB", "ifHighSpeed", "1.3.6.1.2.1.31.1.1.1.15"),
    /** IF-MIB ifXTable: the interface description as configured. */
    IF_ALIAS("IF-MIB", "ifAlias", "1.3.6.1.2.1.31.1.1.1.18"),
    /** EtherLike-MIB dot3StatsTable: the duplex the link runs. */
    DOT3_STATS_DUPLEX_STATUS("EtherLike-MIB", "dot3StatsDuplexStatus", "1.3.6.1.2.1.10.7.2.1.19"),
    /** HOST-RESOURCES-MIB: how long the host has been up (not the agent), where the agent runs on a host. */
    HR_SYSTEM_UPTIME("HOST-RESOURCES-MIB", "hrSystemUptime", "1.3.6.1.2.1.25.1.1.0"),
    /** SNMP-FRAMEWORK-MIB: how often the SNMP engine (re)started; every SNMPv3 message also carries it. */
    SNMP_ENGINE_BOOTS("SNMP-FRAMEWORK-MIB", "snmpEngineBoots", "1.3.6.1.6.3.10.2.1.2.0");

    private final String mib;
    private final String descriptor;
    private final String oid;

    SnmpObject(String mib, String descriptor, String oid) {
        this.mib = mib;
        this.descriptor = descriptor;
        this.oid = oid;
    }

    /** The MIB module that defines it. */
    public String mib() {
        return mib;
    }

    /** Its name in the MIB ({@code ifAlias}). */
    public String descriptor() {
        return descriptor;
    }

    /** Its OID: a table column, or a scalar's instance ({@code .0}). */
    public String oid() {
        return oid;
    }
}
