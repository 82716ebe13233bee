package jp.lgwan.routerconfig.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A vendor profile: the models of one CLI dialect we support, the interface modes each model can
 * run, the end-of-support date of each OS release (using equipment past it breaks the connection
 * specification's security requirements), and what the platform's SNMP agent offers.
 *
 * @param snmp the SNMPv3 protocols and MIB objects the platform's agent has; {@link SnmpCapabilities#STANDARD} when not given
 */
public record VendorProfile(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and hyphens") String id,
        @NotBlank String vendor,
        @NotEmpty List<@Valid VendorModel> models,
        @NotEmpty List<@Valid OsRelease> osReleases,
        @Valid SnmpCapabilities snmp) {

    public VendorProfile {
        models = models == null ? List.of() : List.copyOf(models);
        osReleases = osReleases == null ? List.of() : List.copyOf(osReleases);
        snmp = snmp == null ? SnmpCapabilities.STANDARD : snmp;
    }

    public Optional<VendorModel> model(String name) {
        return models.stream().filter(m -> m.name() != null && m.name().equals(name)).findFirst();
    }

    /**
     * The release an OS version belongs to: the longest release that is the version itself or
     * begins it, followed by something other than a digit ({@code 17.9} covers {@code 17.9.4},
     * {@code 23.4} covers Junos {@code 23.4R2-S4.11}; {@code 17.1} does not cover {@code 17.12}).
     */
    public Optional<OsRelease> release(String osVersion) {
        return osReleases.stream()
                .filter(r -> r.version() != null && osVersion.startsWith(r.version())
                        && (osVersion.length() == r.version().length() || !Character.isDigit(osVersion.charAt(r.version().length()))))
                .max(Comparator.comparingInt(r -> r.version().length()));
    }

    /**
     * A model, the interface modes its ports support, and the names its WAN and LAN ports usually
     * carry (used by the fleet generator and as defaults; an organization's file names its own), and
     * the day the vendor's support of the hardware ends: a model past it may no more be used than an
     * OS past its own (rule {@code model-end-of-support}).
     */
    public record VendorModel(
            @NotBlank String name,
            @NotEmpty List<InterfaceMode> interfaceModes,
            @NotBlank String wanPort,
            @NotBlank String lanPort,
            EndOfSupport endOfSupport) {
        public VendorModel {
            interfaceModes = interfaceModes == null ? List.of() : List.copyOf(interfaceModes);
        }

        /** The highest fixed speed the model's ports run, which also bounds what auto-negotiation reaches. */
        public int maxSpeedMbps() {
            return interfaceModes.stream().filter(m -> !m.auto()).mapToInt(InterfaceMode::speedMbps).max().orElse(0);
        }
    }

    /** An OS release line and the day its vendor support ends ({@code unknown} where none is published). */
    public record OsRelease(@NotBlank String version, EndOfSupport endOfSupport) {
    }
}
