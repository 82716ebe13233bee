package jp.lgwan.routerconfig.inventory;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole declarative inventory: organizations with their routers and access lines, and the
 * reference data they point at, with indexes for look-up by the keys the rules and the service use.
 * Built once per load; immutable.
 */
public final class Inventory {

    private final List<Organization> organizations;
    private final PrefectureNetwork network;
    private final VendorProfiles vendorProfiles;
    private final Operations operations;
    private final Map<String, Organization> organizationsByCode = new HashMap<>();
    private final Map<String, ConnectionRouter> routersByHostname = new HashMap<>();
    private final Map<ConnectionRouter, Organization> ownerOfRouter = new IdentityHashMap<>();
    private final Map<String, VendorProfile> profilesById = new HashMap<>();
    private final Map<String, AccessPoint> accessPointsById = new HashMap<>();
    private final Map<String, PrefectureNode> nodesById = new HashMap<>();

    public Inventory(List<Organization> organizations, PrefectureNetwork network, VendorProfiles vendorProfiles, Operations operations) {
        this.organizations = List.copyOf(organizations);
        this.operations = operations;
        this.network = network == null ? new PrefectureNetwork(null, null) : network;
        this.vendorProfiles = vendorProfiles == null ? new VendorProfiles(null) : vendorProfiles;
        // first one wins: duplicates are reported by the uniqueness rules, not hidden here
        for (Organization org : this.organizations) {
            if (org.code() != null) {
                organizationsByCode.putIfAbsent(org.code(), org);
            }
            for (ConnectionRouter router : org.routers()) {
                if (router.hostname() != null) {
                    routersByHostname.putIfAbsent(router.hostname(), router);
                }
                ownerOfRouter.putIfAbsent(router, org);
            }
        }
        this.vendorProfiles.vendorProfiles().forEach(p -> profilesById.putIfAbsent(p.id(), p));
        this.network.accessPoints().forEach(a -> accessPointsById.putIfAbsent(a.id(), a));
        this.network.prefectureNodes().forEach(n -> nodesById.putIfAbsent(n.id(), n));
    }

    public List<Organization> organizations() {
        return organizations;
    }

    public PrefectureNetwork network() {
        return network;
    }

    public VendorProfiles vendorProfiles() {
        return vendorProfiles;
    }

    /** The operating body's services; null only when its file could not be read (then the inventory is invalid). */
    public Operations operations() {
        return operations;
    }

    public Optional<Organization> organization(String code) {
        return Optional.ofNullable(organizationsByCode.get(code));
    }

    public Optional<ConnectionRouter> router(String hostname) {
        return Optional.ofNullable(routersByHostname.get(hostname));
    }

    public Organization ownerOf(ConnectionRouter router) {
        return ownerOfRouter.get(router);
    }

    /** The access line (LGWANアクセス回線) that lands on {@code router}; every router of a valid inventory has one. */
    public Optional<AccessLine> accessLineOf(ConnectionRouter router) {
        return ownerOf(router).accessLines().stream().filter(l -> router.hostname().equals(l.router())).findFirst();
    }

    /** The interface of {@code router} its access line lands on: the WAN the templates, the pushes and the checks mean. */
    public Optional<RouterInterface> wanOf(ConnectionRouter router) {
        return accessLineOf(router).map(line -> router.interfaceNamed(line.routerInterface()));
    }

    public Optional<VendorProfile> vendorProfile(String id) {
        return Optional.ofNullable(profilesById.get(id));
    }

    /** What the router's platform's SNMP agent offers: its vendor profile's ({@link SnmpCapabilities#STANDARD} for an unknown profile). */
    public SnmpCapabilities snmpCapabilities(ConnectionRouter router) {
        return vendorProfile(router.vendorProfile()).map(VendorProfile::snmp).orElse(SnmpCapabilities.STANDARD);
    }

    /**
     * The SNMPv3 authentication protocol the router's agent is configured with and polled with: its
     * credentials' {@code snmp_auth} where given, else its vendor profile's first.
     */
    public SnmpAuthProtocol snmpAuth(ConnectionRouter router) {
        SnmpAuthProtocol own = router.credentials() == null ? null : router.credentials().snmpAuth();
        return own != null ? own : snmpCapabilities(router).defaultAuth();
    }

    public Optional<AccessPoint> accessPoint(String id) {
        return Optional.ofNullable(accessPointsById.get(id));
    }

    public Optional<PrefectureNode> prefectureNode(String id) {
        return Optional.ofNullable(nodesById.get(id));
    }

    public int routerCount() {
        return organizations.stream().mapToInt(o -> o.routers().size()).sum();
    }
}
