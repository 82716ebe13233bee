package jp.lgwan.routerconfig.device;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one SNMP poll saw on a router: SNMPv2-MIB system group, IF-MIB ifTable/ifXTable and
 * EtherLike-MIB duplex, per interface.
 *
 * @param upTimeTicks sysUpTime in hundredths of a second since the agent (re)started
 */
public record RouterSnapshot(Instant at, String sysDescr, String sysName, long upTimeTicks, List<InterfaceStatus> interfaces) {

    public enum Duplex { FULL, HALF, UNKNOWN }

    /**
     * @param speedMbps ifHighSpeed, or ifSpeed / 10^6 where the agent has no ifXTable
     */
    public record InterfaceStatus(int index, String name, String alias, boolean adminUp, boolean operUp, long speedMbps, Duplex duplex,
                                  long inErrors, long outErrors) {
    }

    public Optional<InterfaceStatus> interfaceNamed(String name) {
        return interfaces.stream().filter(i -> name.equals(i.name())).findFirst();
    }
}
