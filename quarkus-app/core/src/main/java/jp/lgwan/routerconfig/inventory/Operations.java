package jp.lgwan.routerconfig.inventory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * Reference data: what the operating body (LGWAN運営主体) runs for every connection router — the
 * NTP and syslog servers, the SNMPv3 user of the verification poller, the networks its operators
 * and poller come from (the only sources allowed to SSH and SNMP), and the LGWAN backbone prefixes
 * every router routes over its access line.
 */
public record Operations(
        @NotEmpty List<Ipv4Address> ntpServers,
        @NotEmpty List<Ipv4Address> syslogServers,
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,31}", message = "must be lower-case letters, digits and hyphens, at most 32") String snmpUser,
        @NotEmpty List<Ipv4Prefix> managementSources,
        @NotEmpty List<Ipv4Prefix> backboneRoutes) {

    public Operations {
        ntpServers = ntpServers == null ? List.of() : List.copyOf(ntpServers);
        syslogServers = syslogServers == null ? List.of() : List.copyOf(syslogServers);
        managementSources = managementSources == null ? List.of() : List.copyOf(managementSources);
        backboneRoutes = backboneRoutes == null ? List.of() : List.copyOf(backboneRoutes);
    }
}
