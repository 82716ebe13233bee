package jp.lgwan.routerconfig.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.inventory.AccessLine;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.Ipv4Address;
import jp.lgwan.routerconfig.inventory.Ipv4Prefix;
import jp.lgwan.routerconfig.inventory.Operations;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.inventory.PrefectureNode;
import jp.lgwan.routerconfig.inventory.RouterInterface;
import jp.lgwan.routerconfig.inventory.load.RecordBinder;

/**
 * The one vendor-neutral view of a router, between the inventory and the templates (in the spirit of Batfish's
 * vendor-neutral model): records, which {@link ChangeRisk} compares field by field. The templates read it as the
 * Freemarker map tree {@link #templateModel()} makes — plain maps, lists, strings, numbers and booleans (no objects, so a
 * template can call nothing), made only there, at the template's edge. Keys are documented in templates/README.md; a value
 * that may be absent is left out of the tree, never null, so a template that forgets {@code ??} fails instead of printing
 * an empty string.
 *
 * @param wan the interface the router's access line lands on (one of {@code interfaces})
 */
public record RouterModel(Router router, Owner organization, String banner, List<Interface> interfaces, Interface wan, Line line,
                          List<Route> routes, List<String> ntpServers, List<String> syslogServers, List<Network> managementSources, Snmp snmp) {

    /** The SNMPv3 group and view the templates name; the same on every router so the poller needs one setting. */
    public static final String SNMP_GROUP = "LGWAN-POLLER";
    public static final String SNMP_VIEW = "LGWAN-RO";

    public RouterModel {
        interfaces = List.copyOf(interfaces);
        routes = List.copyOf(routes);
        ntpServers = List.copyOf(ntpServers);
        syslogServers = List.copyOf(syslogServers);
        managementSources = List.copyOf(managementSources);
    }

    public record Router(String hostname, String profile, String model, String osVersion, String managementAddress) {
    }

    /** The connected organization (接続団体) that owns the router. */
    public record Owner(String code, String nameEn, String kind, String prefecture, String domain) {
    }

    /** A speed and duplex as the templates read it: auto, or a fixed speed (Mbit/s) and duplex ({@code full}/{@code half}). */
    public record Mode(boolean auto, int speed, String duplex, String text) {

        static Mode of(InterfaceMode mode) {
            return mode.auto() ? new Mode(true, 0, null, "auto") : new Mode(false, mode.speedMbps(), mode.duplex().name().toLowerCase(), mode.toString());
        }
    }

    /** An interface address: the host address and its prefix, written the ways the dialects need. */
    public record Address(String ip, int length, String netmask, String cidr, String network) {
    }

    /** @param description null where the inventory gives none; {@code address} null for an interface without one */
    public record Interface(String name, String role, Mode mode, String description, Address address) {
    }

    /** What the access line reaches: a prefecture-WAN access point or a prefecture node, by {@code kind}. */
    public record Reaches(String id, String name, String address, String kind) {
    }

    /** The line's termination device (回線終端装置); {@code model} null where the inventory names none. */
    public record Device(String kind, Mode mode, String model) {
    }

    /** The access line (LGWANアクセス回線) the router's WAN lands on, with the next hop at its far end. */
    public record Line(String id, String kind, String product, String carrier, int bandwidthMbps, Reaches reaches, String gateway, Device device) {
    }

    /** A network (a route's destination, a management source), written the ways the dialects need. */
    public record Network(String network, long networkNumber, int length, String netmask, String wildcard, String cidr) {

        static Network of(Ipv4Prefix prefix) {
            Ipv4Prefix network = prefix.network();
            return new Network(network.address().toString(), Integer.toUnsignedLong(network.address().value()), network.length(),
                    network.netmask().toString(), new Ipv4Address(~network.netmask().value()).toString(), network.toString());
        }
    }

    public record Route(Network destination, String nextHop, String description) {
    }

    /** The SNMPv3 user the poller reads as, its keys as placeholders (resolved only on the way to the device). */
    public record Snmp(String user, String group, String view, String authKey, String privKey, String version, String auth, String priv) {
    }

    /** The model of one router of a valid inventory. */
    public static RouterModel of(Inventory inventory, ConnectionRouter router) {
        Organization org = inventory.ownerOf(router);
        Operations operations = inventory.operations();
        AccessLine line = inventory.accessLineOf(router)
                .orElseThrow(() -> new IllegalStateException("router without access line: " + router.hostname()));
        RouterInterface wanInterface = inventory.wanOf(router).orElseThrow();

        List<Interface> interfaces = new ArrayList<>();
        Interface wan = null;
        for (RouterInterface itf : router.interfaces()) {
            Interface view = interfaceOf(itf);
            interfaces.add(view);
            if (itf == wanInterface) {
                wan = view;
            }
        }

        Ipv4Address gateway = line.gateway() != null ? line.gateway() : wanInterface.address().pointToPointPeer().orElseThrow();
        Reaches reaches = inventory.accessPoint(line.reaches())
                .map(ap -> new Reaches(ap.id(), ap.name(), ap.address().toString(), "access-point"))
                .orElseGet(() -> {
                    PrefectureNode node = inventory.prefectureNode(line.reaches()).orElseThrow();
                    return new Reaches(node.id(), node.name(), node.address().toString(), "prefecture-node");
                });
        Device device = new Device(RecordBinder.enumValue(line.terminationDevice().kind()), Mode.of(line.terminationDevice().mode()),
                line.terminationDevice().model());

        List<Route> routes = new ArrayList<>();
        routes.add(new Route(Network.of(new Ipv4Prefix(Ipv4Address.parse(reaches.address()), 32)), gateway.toString(), "to " + reaches.id()));
        for (Ipv4Prefix backbone : operations.backboneRoutes()) {
            routes.add(new Route(Network.of(backbone.network()), gateway.toString(), "LGWAN backbone"));
        }

        return new RouterModel(
                new Router(router.hostname(), router.vendorProfile(), router.model(), router.osVersion(), router.managementAddress().toString()),
                new Owner(org.code(), org.nameEn(), RecordBinder.enumValue(org.kind()), RecordBinder.enumValue(org.prefecture()),
                        org.domain() == null ? "" : org.domain()),
                "LGWAN connection router of " + org.nameEn() + " (" + org.code() + "). Authorized access only.",
                interfaces, wan,
                new Line(line.id(), RecordBinder.enumValue(line.kind()), line.product(), line.carrier(), line.bandwidthMbps(), reaches,
                        gateway.toString(), device),
                routes,
                operations.ntpServers().stream().map(Ipv4Address::toString).toList(),
                operations.syslogServers().stream().map(Ipv4Address::toString).toList(),
                operations.managementSources().stream().map(Network::of).toList(),
                new Snmp(operations.snmpUser(), SNMP_GROUP, SNMP_VIEW, SecretPlaceholder.of(router.credentials().snmpRef(), "auth"),
                        SecretPlaceholder.of(router.credentials().snmpRef(), "priv"), RecordBinder.enumValue(router.credentials().snmpVersion()),
                        RecordBinder.enumValue(inventory.snmpAuth(router)), RecordBinder.enumValue(inventory.snmpCapabilities(router).defaultPriv())));
    }

    private static Interface interfaceOf(RouterInterface itf) {
        Address address = itf.address() == null ? null : new Address(itf.address().address().toString(), itf.address().length(),
                itf.address().netmask().toString(), itf.address().toString(), itf.address().network().address().toString());
        return new Interface(itf.name(), RecordBinder.enumValue(itf.role()), Mode.of(itf.mode()), itf.description(), address);
    }

    // ---- the template's edge --------------------------------------------------------------------------------------------

    /** The Freemarker map tree the templates read (templates/README.md): made here only, from the records. */
    public Map<String, Object> templateModel() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("router", map(
                "hostname", router.hostname(),
                "profile", router.profile(),
                "model", router.model(),
                "os_version", router.osVersion(),
                "management_address", router.managementAddress()));
        model.put("organization", map(
                "code", organization.code(),
                "name_en", organization.nameEn(),
                "kind", organization.kind(),
                "prefecture", organization.prefecture(),
                "domain", organization.domain()));
        model.put("banner", banner);
        List<Object> interfaceViews = new ArrayList<>();
        for (Interface itf : interfaces) {
            // the WAN is the same map as its entry in the list, as it always was
            Map<String, Object> view = view(itf);
            interfaceViews.add(view);
            if (!model.containsKey("wan") && itf.equals(wan)) {
                model.put("wan", view);
            }
        }
        model.put("interfaces", interfaceViews);
        Map<String, Object> device = map(
                "kind", line.device().kind(),
                "mode", view(line.device().mode()));
        if (line.device().model() != null) {
            device.put("model", line.device().model());
        }
        model.put("line", map(
                "id", line.id(),
                "kind", line.kind(),
                "product", line.product(),
                "carrier", line.carrier(),
                "bandwidth_mbps", line.bandwidthMbps(),
                "bandwidth_kbps", line.bandwidthMbps() * 1000L,
                "bandwidth_bps", line.bandwidthMbps() * 1_000_000L,
                "reaches", map("id", line.reaches().id(), "name", line.reaches().name(), "address", line.reaches().address(),
                        "kind", line.reaches().kind()),
                "gateway", line.gateway(),
                "device", device));
        model.put("routes", routes.stream().map(route -> {
            Map<String, Object> view = view(route.destination());
            view.put("next_hop", route.nextHop());
            view.put("description", route.description());
            return (Object) view;
        }).toList());
        model.put("ntp_servers", ntpServers);
        model.put("syslog_servers", syslogServers);
        model.put("management_sources", managementSources.stream().map(source -> (Object) view(source)).toList());
        model.put("snmp", map(
                "user", snmp.user(),
                "group", snmp.group(),
                "view", snmp.view(),
                "auth_key", snmp.authKey(),
                "priv_key", snmp.privKey(),
                "version", snmp.version(),
                "auth", snmp.auth(),
                "priv", snmp.priv()));
        return model;
    }

    private static Map<String, Object> view(Interface itf) {
        Map<String, Object> view = map(
                "name", itf.name(),
                "role", itf.role(),
                "mode", view(itf.mode()));
        if (itf.description() != null) {
            view.put("description", itf.description());
        }
        if (itf.address() != null) {
            view.put("address", map(
                    "ip", itf.address().ip(),
                    "length", itf.address().length(),
                    "netmask", itf.address().netmask(),
                    "cidr", itf.address().cidr(),
                    "network", itf.address().network()));
        }
        return view;
    }

    private static Map<String, Object> view(Mode mode) {
        return mode.auto() ? map("auto", true, "text", "auto")
                : map("auto", false, "speed", mode.speed(), "duplex", mode.duplex(), "text", mode.text());
    }

    private static Map<String, Object> view(Network network) {
        return map(
                "network", network.network(),
                "network_number", network.networkNumber(),
                "length", network.length(),
                "netmask", network.netmask(),
                "wildcard", network.wildcard(),
                "cidr", network.cidr());
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
