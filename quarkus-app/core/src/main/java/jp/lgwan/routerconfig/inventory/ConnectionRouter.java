package jp.lgwan.routerconfig.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import jp.lgwan.routerconfig.inventory.rules.CliSafe;
import jp.lgwan.routerconfig.inventory.rules.DnsName;
import jp.lgwan.routerconfig.inventory.rules.SecretReference;

/**
 * The connection router (LGWAN接続ルータ) at an organization, operated remotely by the operating body.
 *
 * @param hostname         {@code lgrt.<domain minus lg.jp>.lgwan.jp} or {@code lgsu.…}
 * @param vendorProfile    id of a profile in {@code reference/vendor-profiles.yaml}
 * @param globalAddressRef the <em>name</em> of the secret that holds the router's global IP address
 *                         (秘密情報); the address itself never enters the inventory
 * @param sshHostKey       the pinned SSH host-key fingerprint, {@code SHA256:<base64>}
 * @param redundancyPeer   hostname of the other router of a redundancy pair, if any
 * @param sshPort          the router's SSH port where it is not the service's default ({@code lgwan.device.ssh-port}, 22)
 * @param snmpPort         the router's SNMP port where it is not the service's default ({@code lgwan.device.snmp-port}, 161)
 */
public record ConnectionRouter(
        @NotBlank @DnsName String hostname,
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be a vendor profile id such as cisco-iosxe") String vendorProfile,
        @NotBlank @CliSafe(max = 40) String model,
        @NotBlank @CliSafe(max = 40) String osVersion,
        @NotNull Ipv4Address managementAddress,
        @NotBlank @SecretReference String globalAddressRef,
        @NotBlank @Pattern(regexp = "SHA256:[A-Za-z0-9+/]{43}",
                message = "must be an OpenSSH SHA256 fingerprint: SHA256: followed by 43 base64 characters") String sshHostKey,
        @NotNull @Valid Credentials credentials,
        @NotEmpty List<@Valid RouterInterface> interfaces,
        @DnsName String redundancyPeer,
        @Min(1) @Max(65535) Integer sshPort,
        @Min(1) @Max(65535) Integer snmpPort) {

    public ConnectionRouter {
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }

    /** A router on the service's default SSH and SNMP ports. */
    public ConnectionRouter(String hostname, String vendorProfile, String model, String osVersion, Ipv4Address managementAddress,
                            String globalAddressRef, String sshHostKey, Credentials credentials, List<RouterInterface> interfaces,
                            String redundancyPeer) {
        this(hostname, vendorProfile, model, osVersion, managementAddress, globalAddressRef, sshHostKey, credentials, interfaces,
                redundancyPeer, null, null);
    }

    /** The SSH port to log in on: the router's own, else {@code defaultPort}. */
    public int sshPortOr(int defaultPort) {
        return sshPort == null ? defaultPort : sshPort;
    }

    /** The SNMP port to poll: the router's own, else {@code defaultPort}. */
    public int snmpPortOr(int defaultPort) {
        return snmpPort == null ? defaultPort : snmpPort;
    }

    public List<RouterInterface> interfacesWithRole(InterfaceRole role) {
        return interfaces.stream().filter(i -> i.role() == role).toList();
    }

    public RouterInterface interfaceNamed(String name) {
        return interfaces.stream().filter(i -> i.name() != null && i.name().equals(name)).findFirst().orElse(null);
    }
}
