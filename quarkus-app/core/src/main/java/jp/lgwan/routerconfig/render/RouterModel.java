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
 * The one vendor-neutral view of a router that every template reads: plain maps, lists, strings,
 * numbers and booleans (no objects, so a template can call nothing). Keys are documented in
 * templates/README.md; a value that may be absent is left out, never null, so a template that
 * forgets {@code ??} fails instead of printing an empty string.
 */
public final class RouterModel {

    /** The SNMPv3 group and view the templates name; the same on every router so the poller needs one setting. */
    public static final String SNMP_GROUP = "LGWAN-POLLER";
    public static final String SNMP_VIEW = "LGWAN-RO";

    private RouterModel() {
    }

    /** The model of one router of a valid inventory. */
    public static Map<String, Object> of(Inventory inventory, ConnectionRouter router) {
        Organization org = inventory.ownerOf(router);
        Operations operations = inventory.operations();
        AccessLine line = org.accessLines().stream().filter(l -> router.hostname().equals(l.router())).findFirst()
                .orElseThrow(() -> new IllegalStateException("router without access line: " + router.hostname()));
        RouterInterface wanInterface = router.interfaceNamed(line.routerInterface());

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("router", map(
                "hostname", router.hostname(),
                "profile", router.vendorProfile(),
                "model", router.model(),
                "os_version", router.osVersion(),
                "management_address", router.managementAddress().toString()));
        model.put("organization", map(
                "code", org.code(),
                "name_en", org.nameEn(),
                "kind", RecordBinder.enumValue(org.kind()),
                "prefecture", RecordBinder.enumValue(org.prefecture()),
                "domain", org.domain() == null ? "" : org.domain()));
        model.put("banner", "LGWAN connection router of " + org.nameEn() + " (" + org.code() + "). Authorized access only.");

        List<Object> interfaces = new ArrayList<>();
        for (RouterInterface itf : router.interfaces()) {
            Map<String, Object> view = interfaceView(itf);
            interfaces.add(view);
            if (itf == wanInterface) {
                model.put("wan", view);
            }
        }
        model.put("interfaces", interfaces);

        Ipv4Address gateway = line.gateway() != null ? line.gateway() : wanInterface.address().pointToPointPeer().orElseThrow();
        Map<String, Object> reaches = inventory.accessPoint(line.reaches())
                .map(ap -> map("id", ap.id(), "name", ap.name(), "address", ap.address().toString(), "kind", "access-point"))
                .orElseGet(() -> {
                    PrefectureNode node = inventory.prefectureNode(line.reaches()).orElseThrow();
                    return map("id", node.id(), "name", node.name(), "address", node.address().toString(), "kind", "prefecture-node");
                });
        Map<String, Object> device = map(
                "kind", RecordBinder.enumValue(line.terminationDevice().kind()),
                "mode", modeView(line.terminationDevice().mode()));
        if (line.terminationDevice().model() != null) {
            device.put("model", line.terminationDevice().model());
        }
        model.put("line", map(
                "id", line.id(),
                "kind", RecordBinder.enumValue(line.kind()),
                "product", line.product(),
                "carrier", line.carrier(),
                "bandwidth_mbps", line.bandwidthMbps(),
                "bandwidth_kbps", line.bandwidthMbps() * 1000L,
                "bandwidth_bps", line.bandwidthMbps() * 1_000_000L,
                "reaches", reaches,
                "gateway", gateway.toString(),
                "device", device));

        List<Object> routes = new ArrayList<>();
        Ipv4Prefix reached = new Ipv4Prefix(Ipv4Address.parse((String) reaches.get("address")), 32);
        routes.add(routeView(reached, gateway, "to " + reaches.get("id")));
        for (Ipv4Prefix backbone : operations.backboneRoutes()) {
            routes.add(routeView(backbone.network(), gateway, "LGWAN backbone"));
        }
        model.put("routes", routes);

        model.put("ntp_servers", operations.ntpServers().stream().map(Ipv4Address::toString).toList());
        model.put("syslog_servers", operations.syslogServers().stream().map(Ipv4Address::toString).toList());
        List<Object> sources = operations.managementSources().stream().map(RouterModel::networkView).map(m -> (Object) m).toList();
        model.put("management_sources", sources);
        model.put("snmp", map(
                "user", operations.snmpUser(),
                "group", SNMP_GROUP,
                "view", SNMP_VIEW,
                "auth_key", SecretPlaceholder.of(router.credentials().snmpRef(), "auth"),
                "priv_key", SecretPlaceholder.of(router.credentials().snmpRef(), "priv"),
                "version", RecordBinder.enumValue(router.credentials().snmpVersion()),
                "auth", RecordBinder.enumValue(inventory.snmpAuth(router)),
                "priv", RecordBinder.enumValue(inventory.snmpCapabilities(router).defaultPriv())));
        return model;
    }

    private static Map<String, Object> interfaceView(RouterInterface itf) {
        Map<String, Object> view = map(
                "name", itf.name(),
                "role", RecordBinder.enumValue(itf.role()),
                "mode", modeView(itf.mode()));
        if (itf.description() != null) {
            view.put("description", itf.description());
        }
        if (itf.address() != null) {
            view.put("address", map(
                    "ip", itf.address().address().toString(),
                    "length", itf.address().length(),
                    "netmask", itf.address().netmask().toString(),
                    "cidr", itf.address().toString(),
                    "network", itf.address().network().address().toString()));
        }
        return view;
    }

    private static Map<String, Object> modeView(InterfaceMode mode) {
        return mode.auto() ? map("auto", true, "text", "auto")
                : map("auto", false, "speed", mode.speedMbps(), "duplex", mode.duplex().name().toLowerCase(), "text", mode.toString());
    }

    private static Map<String, Object> routeView(Ipv4Prefix prefix, Ipv4Address nextHop, String description) {
        Map<String, Object> route = networkView(prefix);
        route.put("next_hop", nextHop.toString());
        route.put("description", description);
        return route;
    }

    private static Map<String, Object> networkView(Ipv4Prefix prefix) {
        Ipv4Prefix network = prefix.network();
        return map(
                "network", network.address().toString(),
                "network_number", Integer.toUnsignedLong(network.address().value()),
                "length", network.length(),
                "netmask", network.netmask().toString(),
                "wildcard", new Ipv4Address(~network.netmask().value()).toString(),
                "cidr", network.toString());
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
