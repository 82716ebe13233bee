package jp.lgwan.routerconfig.inventory.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.lgwan.routerconfig.inventory.AccessLine;
import jp.lgwan.routerconfig.inventory.AccessLineKind;
import jp.lgwan.routerconfig.inventory.AccessPoint;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Contact;
import jp.lgwan.routerconfig.inventory.Contacts;
import jp.lgwan.routerconfig.inventory.Credentials;
import jp.lgwan.routerconfig.inventory.Finding;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.InterfaceRole;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.inventory.OrganizationKind;
import jp.lgwan.routerconfig.inventory.Prefecture;
import jp.lgwan.routerconfig.inventory.PrefectureNode;
import jp.lgwan.routerconfig.inventory.RouterInterface;
import jp.lgwan.routerconfig.inventory.SecretKind;
import jp.lgwan.routerconfig.inventory.VendorProfile;
import jp.lgwan.routerconfig.inventory.load.RecordBinder;
import jp.lgwan.routerconfig.inventory.load.SourceLocations;

/**
 * The cross-object rules: everything that needs more than one field to decide. Each rule is a
 * method named after what it checks and reports under its own id (listed in {@link RuleCatalog}). Rules read only
 * what was read without error: a field that failed to parse was already reported and is skipped.
 */
public final class InventoryRules {

    private final Inventory inventory;
    private final SourceLocations locations;
    private final LocalDate asOf;
    private final List<Finding> findings = new ArrayList<>();

    private InventoryRules(Inventory inventory, SourceLocations locations, LocalDate asOf) {
        this.inventory = inventory;
        this.locations = locations;
        this.asOf = asOf;
    }

    /** Applies every cross-object rule; {@code asOf} is the day end-of-support dates are compared with. */
    public static List<Finding> check(Inventory inventory, SourceLocations locations, LocalDate asOf) {
        InventoryRules rules = new InventoryRules(inventory, locations, asOf);
        rules.uniqueKeys();
        rules.uniqueReference();
        inventory.vendorProfiles().vendorProfiles().forEach(rules::endOfSupportDeclared);
        // the rules of one organization read it and the reference data only: organizations are checked in parallel,
        // their findings kept in organization order (the order the loader's stable sort keeps for equal places)
        List<List<Finding>> byOrganization = inventory.organizations().parallelStream().map(org -> {
            InventoryRules own = new InventoryRules(inventory, locations, asOf);
            own.organization(org);
            return own.findings;
        }).toList();
        byOrganization.forEach(rules.findings::addAll);
        return rules.findings;
    }

    /** The rules that read one organization (and the reference data). */
    private void organization(Organization org) {
        codeMatchesKind(org);
        domainRequired(org);
        contactEmailDomain(org);
        for (ConnectionRouter router : org.routers()) {
            hostnameMatchesDomain(org, router);
            exactlyOneWan(router);
            vendorProfileSupportsRouter(router);
            snmpAuthSupported(router);
            equipmentWithinSupport(router);
            redundancyPair(org, router);
            secretReferenceKind(router);
        }
        accessLines(org);
    }

    private void codeMatchesKind(Organization org) {
        String code = org.code();
        if (code == null || org.kind() == null) {
            return;
        }
        boolean sixDigits = LocalGovernmentCode.isSixDigits(code);
        if (!org.kind().isLocalGovernment()) {
            String prefix = org.kind() == OrganizationKind.ASP_HOSTING_PROVIDER ? "ASP-" : "APR-";
            if (!code.startsWith(prefix)) {
                error(org, "code", "local-government-code-kind",
                        "a " + kindName(org.kind()) + " has no local-government code; give it an id of the form " + prefix + "nnnnn");
            }
            return;
        }
        if (!sixDigits) {
            error(org, "code", "local-government-code-kind", "a " + kindName(org.kind()) + " must carry its 6-digit local-government code");
            return;
        }
        int prefectureDigits = LocalGovernmentCode.prefectureDigits(code);
        int municipalityDigits = LocalGovernmentCode.municipalityDigits(code);
        if (Prefecture.ofCode(prefectureDigits) == null) {
            error(org, "code", "local-government-code-kind", "code starts with " + code.substring(0, 2) + ", which is no prefecture (01-47)");
            return;
        }
        if (org.kind() == OrganizationKind.PREFECTURE && municipalityDigits != 0) {
            error(org, "code", "local-government-code-kind", "a prefecture's code has 000 as municipality digits, e.g. "
                    + LocalGovernmentCode.of(prefectureDigits, 0));
        } else if (org.kind() != OrganizationKind.PREFECTURE && municipalityDigits == 0) {
            error(org, "code", "local-government-code-kind", "municipality digits 000 belong to the prefecture itself, not to a "
                    + kindName(org.kind()));
        } else if (org.kind() == OrganizationKind.SPECIAL_WARD && (prefectureDigits != 13 || municipalityDigits < 101 || municipalityDigits > 123)) {
            error(org, "code", "local-government-code-kind", "special wards are Tokyo's 23 wards, codes 131016 to 131237");
        }
        if (org.prefecture() != null && org.prefecture().code() != prefectureDigits) {
            error(org, "prefecture", "local-government-code-kind", "code " + code + " belongs to " + Prefecture.ofCode(prefectureDigits).name().toLowerCase()
                    + ", not " + org.prefecture().name().toLowerCase());
        }
        if (org.domain() != null && !org.domain().endsWith(".lg.jp")) {
            error(org, "domain", "local-government-code-kind", "a local government's domain is its LG.JP domain, ending in .lg.jp");
        }
    }

    private void uniqueKeys() {
        Map<String, Place> codes = new HashMap<>();
        Map<String, Place> hostnames = new HashMap<>();
        Map<String, Place> lines = new HashMap<>();
        Map<Integer, Place> fleetAddresses = new HashMap<>();
        for (Organization org : inventory.organizations()) {
            unique(codes, org.code(), org, "code", "unique-code", "organization code " + org.code());
            for (ConnectionRouter router : org.routers()) {
                unique(hostnames, router.hostname(), router, "hostname", "unique-hostname", "hostname " + router.hostname());
                if (router.managementAddress() != null) {
                    unique(fleetAddresses, router.managementAddress().value(), router, "managementAddress", "unique-address", "address " + router.managementAddress());
                }
                Map<Integer, Place> ownAddresses = new HashMap<>();
                if (router.managementAddress() != null) {
                    ownAddresses.put(router.managementAddress().value(), new Place(router, "managementAddress"));
                }
                for (RouterInterface itf : router.interfaces()) {
                    if (itf.address() == null) {
                        continue;
                    }
                    int address = itf.address().address().value();
                    boolean usedTwiceHere = unique(ownAddresses, address, itf, "address", "unique-address", "address " + itf.address().address());
                    // private LAN ranges repeat between organizations; what faces the network must not
                    if (!usedTwiceHere && itf.role() != InterfaceRole.LAN) {
                        unique(fleetAddresses, address, itf, "address", "unique-address", "address " + itf.address().address());
                    }
                }
            }
            for (AccessLine line : org.accessLines()) {
                unique(lines, line.id(), line, "id", "unique-access-line", "access line id " + line.id());
            }
        }
    }

    private void uniqueReference() {
        Map<String, Place> ids = new HashMap<>();
        for (AccessPoint ap : inventory.network().accessPoints()) {
            unique(ids, ap.id(), ap, "id", "unique-reference", "id " + ap.id());
        }
        for (PrefectureNode node : inventory.network().prefectureNodes()) {
            unique(ids, node.id(), node, "id", "unique-reference", "id " + node.id());
        }
        Map<String, Place> profiles = new HashMap<>();
        for (VendorProfile profile : inventory.vendorProfiles().vendorProfiles()) {
            unique(profiles, profile.id(), profile, "id", "unique-reference", "vendor profile id " + profile.id());
        }
    }

    /**
     * Where a key was first seen, its file and line looked up only when the key is seen again: a fleet of 10,000
     * routers has ~60,000 keys and (nearly) no duplicate, and looking each place up cost a third of these rules.
     */
    private record Place(Object record, String component) {
    }

    /** Reports a key seen before, naming where; answers whether it was. */
    private <K> boolean unique(Map<K, Place> seen, K key, Object record, String component, String rule, String what) {
        if (key == null) {
            return false;
        }
        Place first = seen.putIfAbsent(key, new Place(record, component));
        if (first != null) {
            SourceLocations.Location at = locations.of(first.record(), first.component());
            error(record, component, rule, what + " is already used at " + at.file() + ":" + at.line());
        }
        return first != null;
    }

    private void hostnameMatchesDomain(Organization org, ConnectionRouter router) {
        String hostname = router.hostname();
        if (hostname == null) {
            return;
        }
        String stem = org.domainStem();
        if (org.kind() != null && org.kind().isLocalGovernment() && stem != null) {
            String lgrt = "lgrt." + stem + ".lgwan.jp";
            String lgsu = "lgsu." + stem + ".lgwan.jp";
            if (!hostname.equals(lgrt) && !hostname.equals(lgsu)) {
                error(router, "hostname", "router-hostname-domain", "must be " + lgrt + " or " + lgsu + " (derived from the domain " + org.domain() + ")");
            }
        } else if (!(hostname.startsWith("lgrt.") || hostname.startsWith("lgsu.")) || !hostname.endsWith(".lgwan.jp")) {
            error(router, "hostname", "router-hostname-domain", "must be lgrt.<name>.lgwan.jp or lgsu.<name>.lgwan.jp");
        }
    }

    private void exactlyOneWan(ConnectionRouter router) {
        int wans = router.interfacesWithRole(InterfaceRole.WAN).size();
        if (wans != 1 && !router.interfaces().isEmpty()) {
            error(router, "interfaces", "router-one-wan", "has " + wans + " WAN interfaces; a connection router has exactly one");
        }
    }

    private void accessLines(Organization org) {
        Map<RouterInterface, AccessLine> boundTo = new IdentityHashMap<>();
        for (AccessLine line : org.accessLines()) {
            reaches(org, line);
            ConnectionRouter router = line.router() == null ? null : org.routers().stream()
                    .filter(r -> line.router().equals(r.hostname())).findFirst().orElse(null);
            if (line.router() != null && router == null) {
                error(line, "router", "access-line-interface", "no router " + line.router() + " in this organization");
                continue;
            }
            if (router == null || line.routerInterface() == null || locations.isUnreadable(router, "interfaces")) {
                continue;
            }
            RouterInterface itf = router.interfaceNamed(line.routerInterface());
            if (itf == null) {
                error(line, "routerInterface", "access-line-interface", "router " + router.hostname() + " has no interface " + line.routerInterface());
                continue;
            }
            if (itf.role() != null && itf.role() != InterfaceRole.WAN) {
                error(line, "routerInterface", "access-line-interface", "interface " + itf.name() + " is a " + itf.role().name().toLowerCase()
                        + " interface; an access line lands on the WAN interface");
                continue;
            }
            AccessLine other = boundTo.putIfAbsent(itf, line);
            if (other != null) {
                error(line, "routerInterface", "wan-one-access-line", "interface " + itf.name() + " of " + router.hostname()
                        + " already carries access line " + other.id());
            }
            modeMatchesDevice(router, itf, line);
            bandwidthWithinSpeed(router, itf, line);
            gatewayKnown(itf, line);
        }
        for (ConnectionRouter router : org.routers()) {
            for (RouterInterface wan : router.interfacesWithRole(InterfaceRole.WAN)) {
                if (!boundTo.containsKey(wan)) {
                    error(wan, "name", "wan-one-access-line", "WAN interface " + wan.name() + " of " + router.hostname() + " has no access line");
                }
            }
        }
    }

    private void reaches(Organization org, AccessLine line) {
        if (line.kind() == null || line.reaches() == null) {
            return;
        }
        Optional<AccessPoint> accessPoint = inventory.accessPoint(line.reaches());
        Optional<PrefectureNode> node = inventory.prefectureNode(line.reaches());
        if (line.kind() == AccessLineKind.PREFECTURE_WAN) {
            if (accessPoint.isEmpty()) {
                error(line, "reaches", "access-line-reaches", node.isPresent()
                        ? line.reaches() + " is a prefecture node; a prefecture-wan line reaches a prefecture-WAN access point"
                        : "no prefecture-WAN access point " + line.reaches() + " in reference/prefecture-network.yaml");
            } else if (org.prefecture() != null && accessPoint.get().prefecture() != org.prefecture()) {
                error(line, "reaches", "access-line-reaches", "access point " + line.reaches() + " is in " + accessPoint.get().prefecture().name().toLowerCase()
                        + "; a prefecture WAN line stays in its own prefecture (" + org.prefecture().name().toLowerCase() + ")");
            }
        } else if (node.isEmpty()) {
            error(line, "reaches", "access-line-reaches", accessPoint.isPresent()
                    ? line.reaches() + " is a prefecture-WAN access point; a carrier-line reaches a prefecture node"
                    : "no prefecture node " + line.reaches() + " in reference/prefecture-network.yaml");
        } else if (org.prefecture() != null && !node.get().serves(org.prefecture())) {
            // rule carrier-line-own-prefecture: the node of its own prefecture (都道府県ノード), unless the reference data says otherwise
            error(line, "reaches", "carrier-line-own-prefecture", "prefecture node " + line.reaches() + " is in "
                    + node.get().prefecture().name().toLowerCase() + "; a carrier line reaches a node of its own prefecture ("
                    + org.prefecture().name().toLowerCase() + ") unless the node lists it under also_serves in reference/prefecture-network.yaml");
        }
    }

    private void modeMatchesDevice(ConnectionRouter router, RouterInterface itf, AccessLine line) {
        InterfaceMode routerMode = itf.mode();
        InterfaceMode deviceMode = line.terminationDevice() == null ? null : line.terminationDevice().mode();
        if (routerMode == null || deviceMode == null) {
            return;
        }
        if (!routerMode.equals(deviceMode)) {
            error(itf, "mode", "interface-mode-matches-device", "interface " + itf.name() + " runs " + routerMode + " but its "
                    + line.terminationDevice().kind().name().toLowerCase().replace('_', ' ') + " (line " + line.id() + ") runs " + deviceMode
                    + "; both must be auto or the same fixed speed and duplex");
        } else if (routerMode.isHalfDuplex()) {
            warning(itf, "mode", "half-duplex", "interface " + itf.name() + " runs half duplex (" + routerMode + "); expect collisions and errors under load");
        }
    }

    private void gatewayKnown(RouterInterface wan, AccessLine line) {
        if (wan.address() == null) {
            return;
        }
        if (line.gateway() == null) {
            if (wan.address().pointToPointPeer().isEmpty() && !locations.isUnreadable(line, "gateway")) {
                error(line, "gateway", "wan-gateway", "interface " + wan.name() + " is " + wan.address()
                        + ", not a point-to-point /30 or /31: name the gateway at the far end of the line");
            }
        } else if (!wan.address().contains(line.gateway()) || line.gateway().equals(wan.address().address())) {
            error(line, "gateway", "wan-gateway", "gateway " + line.gateway() + " is not another address of "
                    + wan.name() + "'s network " + wan.address().network());
        }
    }

    private void bandwidthWithinSpeed(ConnectionRouter router, RouterInterface itf, AccessLine line) {
        if (line.bandwidthMbps() == null || itf.mode() == null) {
            return;
        }
        int speed = itf.mode().auto() ? modelOf(router).map(VendorProfile.VendorModel::maxSpeedMbps).orElse(0) : itf.mode().speedMbps();
        if (speed > 0 && line.bandwidthMbps() > speed) {
            error(line, "bandwidthMbps", "bandwidth-within-speed", "contracted bandwidth " + line.bandwidthMbps() + " Mbps exceeds the "
                    + speed + " Mbps of " + router.hostname() + " " + itf.name() + (itf.mode().auto() ? " (the model's fastest mode)" : ""));
        }
    }

    private Optional<VendorProfile.VendorModel> modelOf(ConnectionRouter router) {
        return router.vendorProfile() == null || router.model() == null ? Optional.empty()
                : inventory.vendorProfile(router.vendorProfile()).flatMap(p -> p.model(router.model()));
    }

    private void vendorProfileSupportsRouter(ConnectionRouter router) {
        if (router.vendorProfile() == null) {
            return;
        }
        Optional<VendorProfile> profile = inventory.vendorProfile(router.vendorProfile());
        if (profile.isEmpty()) {
            error(router, "vendorProfile", "vendor-profile-known", "no vendor profile " + router.vendorProfile() + "; known: "
                    + String.join(", ", inventory.vendorProfiles().vendorProfiles().stream().map(VendorProfile::id).toList()));
            return;
        }
        if (router.model() == null) {
            return;
        }
        Optional<VendorProfile.VendorModel> model = profile.get().model(router.model());
        if (model.isEmpty()) {
            error(router, "model", "vendor-profile-known", "vendor profile " + profile.get().id() + " has no model " + router.model() + "; known: "
                    + String.join(", ", profile.get().models().stream().map(VendorProfile.VendorModel::name).toList()));
            return;
        }
        for (RouterInterface itf : router.interfaces()) {
            if (itf.mode() != null && !model.get().interfaceModes().contains(itf.mode())) {
                error(itf, "mode", "vendor-mode-supported", router.model() + " does not support mode " + itf.mode() + "; it supports "
                        + String.join(", ", model.get().interfaceModes().stream().map(InterfaceMode::toString).toList()));
            }
        }
    }

    /**
     * A router's own SNMPv3 authentication protocol must be one its platform supports (the vendor
     * profile's snmp.auth), and means something only for SNMPv3.
     */
    private void snmpAuthSupported(ConnectionRouter router) {
        Credentials credentials = router.credentials();
        if (credentials == null || credentials.snmpAuth() == null || router.vendorProfile() == null) {
            return;
        }
        if (credentials.snmpVersion() == Credentials.SnmpVersion.V2C) {
            error(credentials, "snmpAuth", "snmp-auth-supported", "snmp_auth applies to SNMPv3 only; this router is polled with v2c");
            return;
        }
        Optional<VendorProfile> profile = inventory.vendorProfile(router.vendorProfile());
        if (profile.isPresent() && !profile.get().snmp().auth().contains(credentials.snmpAuth())) {
            error(credentials, "snmpAuth", "snmp-auth-supported", "vendor profile " + profile.get().id() + " supports SNMPv3 auth "
                    + String.join(", ", profile.get().snmp().auth().stream().map(RecordBinder::enumValue).toList()) + ", not "
                    + RecordBinder.enumValue(credentials.snmpAuth()));
        }
    }

    /** Rules os-end-of-support, model-end-of-support and their -unknown warnings, as of the day validated ({@link VendorSupport}). */
    private void equipmentWithinSupport(ConnectionRouter router) {
        for (VendorSupport.Problem problem : VendorSupport.problems(inventory, router, asOf)) {
            add(problem.blocksValidation() ? Finding.Severity.ERROR : Finding.Severity.WARNING, router, problem.field(), problem.rule(), problem.message());
        }
    }

    /**
     * Every OS release and hardware model of a vendor profile says when its support ends, a date or
     * {@code unknown}: a release left without one escaped the end-of-support rule entirely.
     */
    private void endOfSupportDeclared(VendorProfile profile) {
        for (VendorProfile.OsRelease release : profile.osReleases()) {
            if (release.endOfSupport() == null) {
                error(release, "endOfSupport", "end-of-support-declared", "OS release " + release.version() + " of " + profile.id()
                        + " needs end_of_support: the vendor's last day of support, or unknown (which blocks pushes)");
            }
        }
        for (VendorProfile.VendorModel model : profile.models()) {
            if (model.endOfSupport() == null) {
                error(model, "endOfSupport", "end-of-support-declared", "model " + model.name() + " of " + profile.id()
                        + " needs end_of_support: the vendor's last day of hardware support, or unknown (which blocks pushes)");
            }
        }
    }

    /**
     * A local government has its LG.JP domain (「各団体のLG.JPドメイン」, DOMAIN.md): its router names derive from it
     * ({@code lgrt.<domain minus lg.jp>.lgwan.jp}), so without one any name would pass rule router-hostname-domain.
     */
    private void domainRequired(Organization org) {
        if (org.kind() != null && org.kind().isLocalGovernment() && org.domain() == null && !locations.isUnreadable(org, "domain")) {
            error(org, "domain", "domain-required", "a " + kindName(org.kind()) + " needs its LG.JP domain (e.g. city.sapporo.lg.jp):"
                    + " its routers' names derive from it");
        }
    }

    /**
     * The contacts (LGWAN責任者, 運用担当者 正・副) are reached at the organization's own domain or a subdomain of it,
     * unless the organization lists the other mail domain in contacts.other_email_domains.
     */
    private void contactEmailDomain(Organization org) {
        Contacts contacts = org.contacts();
        if (org.domain() == null || contacts == null) {
            return;
        }
        List<String> allowed = new ArrayList<>();
        allowed.add(org.domain());
        allowed.addAll(contacts.otherEmailDomains());
        for (Contact contact : Arrays.asList(contacts.responsible(), contacts.primaryOperator(), contacts.secondaryOperator())) {
            if (contact == null || contact.email() == null || contact.email().indexOf('@') < 0) {
                continue;
            }
            String mailDomain = contact.email().substring(contact.email().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (allowed.stream().noneMatch(d -> mailDomain.equals(d) || mailDomain.endsWith("." + d))) {
                error(contact, "email", "contact-email-domain", contact.email() + " is not at " + org.domain()
                        + (contacts.otherEmailDomains().isEmpty() ? "" : " or " + String.join(", ", contacts.otherEmailDomains()))
                        + "; list another mail domain under contacts.other_email_domains where the organization really uses one");
            }
        }
    }

    private void redundancyPair(Organization org, ConnectionRouter router) {
        String peerName = router.redundancyPeer();
        if (peerName == null) {
            return;
        }
        if (peerName.equals(router.hostname())) {
            error(router, "redundancyPeer", "redundancy-pair", "a router cannot be its own redundancy peer");
            return;
        }
        ConnectionRouter peer = org.routers().stream().filter(r -> peerName.equals(r.hostname())).findFirst().orElse(null);
        if (peer == null) {
            error(router, "redundancyPeer", "redundancy-pair", "no router " + peerName + " in this organization");
        } else if (!router.hostname().equals(peer.redundancyPeer())) {
            error(router, "redundancyPeer", "redundancy-pair", "peer " + peerName + " does not name " + router.hostname() + " as its redundancy peer");
        }
    }

    /**
     * Each secret reference names the kind of secret its field is for: the global address is shown
     * to operators, so a reference there to the login key or the poller's keys would publish them.
     */
    private void secretReferenceKind(ConnectionRouter router) {
        secretOfKind(router, "globalAddressRef", router.globalAddressRef(), SecretKind.GLOBAL_ADDRESS);
        if (router.credentials() != null) {
            secretOfKind(router.credentials(), "sshRef", router.credentials().sshRef(), SecretKind.SSH);
            secretOfKind(router.credentials(), "snmpRef", router.credentials().snmpRef(), SecretKind.SNMP);
            // the administrator level's password is a login secret (Yamaha RTX `administrator`)
            secretOfKind(router.credentials(), "adminRef", router.credentials().adminRef(), SecretKind.SSH);
        }
    }

    private void secretOfKind(Object record, String component, String reference, SecretKind kind) {
        if (reference != null && !reference.isBlank() && !kind.names(reference)) {
            error(record, component, "secret-reference-kind", kind.refusal(reference));
        }
    }

    private static String kindName(OrganizationKind kind) {
        return kind.name().toLowerCase().replace('_', ' ');
    }

    private void error(Object record, String component, String rule, String message) {
        add(Finding.Severity.ERROR, record, component, rule, message);
    }

    private void warning(Object record, String component, String rule, String message) {
        add(Finding.Severity.WARNING, record, component, rule, message);
    }

    private void add(Finding.Severity severity, Object record, String component, String rule, String message) {
        if (locations.isUnreadable(record, component)) {
            return;
        }
        SourceLocations.Location at = locations.of(record, component);
        findings.add(new Finding(severity, at.file(), at.line(), at.column(), rule, at.path(), message));
    }
}
