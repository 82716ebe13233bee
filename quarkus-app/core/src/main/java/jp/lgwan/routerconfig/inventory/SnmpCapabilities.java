package jp.lgwan.routerconfig.inventory;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/**
 * What a platform's SNMP agent really offers (a vendor profile's {@code snmp}): the SNMPv3
 * authentication and privacy protocols it supports, the first of each being what its routers use
 * unless a router's credentials name another, and the MIB objects beyond MIB-II it exposes.
 */
public record SnmpCapabilities(
        @NotEmpty List<SnmpAuthProtocol> auth,
        @NotEmpty List<SnmpPrivProtocol> priv,
        List<SnmpObject> objects) {

    /**
     * A profile that does not say: a standard SNMPv3 agent with SHA-256 and AES-128, IF-MIB's
     * ifXTable, EtherLike-MIB and the engine's boot counter, on the device itself (no host uptime).
     */
    public static final SnmpCapabilities STANDARD = new SnmpCapabilities(List.of(SnmpAuthProtocol.SHA256), List.of(SnmpPrivProtocol.AES128),
            List.of(SnmpObject.IF_NAME, SnmpObject.IF_HIGH_SPEED, SnmpObject.IF_ALIAS, SnmpObject.DOT3_STATS_DUPLEX_STATUS,
                    SnmpObject.SNMP_ENGINE_BOOTS));

    public SnmpCapabilities {
        auth = auth == null ? List.of() : List.copyOf(auth);
        priv = priv == null ? List.of() : List.copyOf(priv);
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    public boolean exposes(SnmpObject object) {
        return objects.contains(object);
    }

    /** The authentication protocol routers of this platform use unless their credentials name another. */
    public SnmpAuthProtocol defaultAuth() {
        return auth.isEmpty() ? SnmpAuthProtocol.SHA256 : auth.get(0);
    }

    public SnmpPrivProtocol defaultPriv() {
        return priv.isEmpty() ? SnmpPrivProtocol.AES128 : priv.get(0);
    }
}
