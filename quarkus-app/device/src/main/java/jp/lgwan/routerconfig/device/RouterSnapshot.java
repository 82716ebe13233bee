package jp.lgwan.routerconfig.device;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one SNMP poll saw on a router: SNMPv2-MIB's system group, IF-MIB ifTable (and ifXTable),
 * EtherLike-MIB duplex, and the uptimes that tell a restart, each as far as the platform exposes it.
 *
 * @param at           when the agent answered the system group (the uptimes count to this moment)
 * @param engineId     the agent's SNMPv3 engine id (hex), null for v2c
 * @param sysUpTime    sysUpTime: hundredths of a second since the <em>agent</em> (re)started
 * @param hostUptime   HOST-RESOURCES-MIB hrSystemUptime, hundredths of a second since the host booted; null where not read
 * @param engineBoots  how often the agent's SNMP engine started: snmpEngineBoots, or the SNMPv3 header's
 *                     msgAuthoritativeEngineBoots; null where neither was read (v2c)
 */
public record RouterSnapshot(Instant at, String sysDescr, String sysName, String engineId, Reading sysUpTime, Reading hostUptime,
                             Reading engineBoots, List<InterfaceStatus> interfaces) {

    public enum Duplex { FULL, HALF, UNKNOWN }

    /** A number read from the router and where it was read (an SNMP object with its OID, or a message header field). */
    public record Reading(long value, String source) {
    }

    /**
     * One row of ifTable (and ifXTable where read).
     *
     * @param name       ifName, or ifDescr where the agent has no ifXTable ({@code nameSource} says which)
     * @param alias      ifAlias; null where the platform does not expose it
     * @param speedMbps  ifHighSpeed, or ifSpeed / 10^6 ({@code speedSource} says which)
     * @param duplex     dot3StatsDuplexStatus; null where the platform does not expose it
     */
    public record InterfaceStatus(int index, String name, String nameSource, String alias, boolean adminUp, boolean operUp, long speedMbps,
                                  String speedSource, Duplex duplex, long inErrors, long outErrors) {
    }

    /** sysUpTime in hundredths of a second: the agent's own uptime. */
    public long upTimeTicks() {
        return sysUpTime.value();
    }

    /**
     * The interface the CLI calls {@code name}: ifName/ifDescr equal to it, or else equal ignoring case
     * (an agent may print {@code LAN2} for the CLI's {@code lan2}).
     */
    public Optional<InterfaceStatus> interfaceNamed(String name) {
        return interfaces.stream().filter(i -> name.equals(i.name())).findFirst()
                .or(() -> interfaces.stream().filter(i -> name.equalsIgnoreCase(i.name())).findFirst());
    }
}
