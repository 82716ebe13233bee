package jp.lgwan.routerconfig.lab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.lgwan.routerconfig.inventory.AccessLine;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Duplex;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.Organization;
import jp.lgwan.routerconfig.inventory.RouterInterface;
import jp.lgwan.routerconfig.inventory.VendorProfile;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/**
 * A virtual connection router for tests, benchmarks and the demo: its running state (ports with
 * their mode, description and admin status, the termination device on the far end of the WAN) and
 * the MIB an agent answers from it — SNMPv2-MIB system, IF-MIB ifTable/ifXTable, EtherLike-MIB
 * duplex — derived through {@link LinkModel}: a mode that does not match the device brings the link
 * down, or up at half duplex with input errors rising. Thread-safe.
 */
public final class VirtualRouter {

    /** Input errors a duplex mismatch adds per second of traffic. */
    static final int MISMATCH_ERRORS_PER_SECOND = 25;

    private final String hostname;
    private final String sysDescr;
    private final Clock clock;
    private final List<Port> ports = new ArrayList<>();
    private Instant bootedAt;

    /** One port as the running config and the cable see it. */
    private static final class Port {
        final String name;
        final int maxSpeedMbps;
        String description;
        InterfaceMode mode;
        InterfaceMode deviceMode;
        boolean adminUp = true;
        long inErrors;
        Instant mismatchSince;

        Port(String name, int maxSpeedMbps) {
            this.name = name;
            this.maxSpeedMbps = maxSpeedMbps;
        }
    }

    public VirtualRouter(String hostname, String sysDescr, Clock clock) {
        this.hostname = hostname;
        this.sysDescr = sysDescr;
        this.clock = clock;
        this.bootedAt = clock.instant();
    }

    /** The router as the inventory intends it: every port running its intended mode, the WAN cabled to its termination device. */
    public static VirtualRouter of(Inventory inventory, ConnectionRouter router, Clock clock) {
        VendorProfile profile = inventory.vendorProfile(router.vendorProfile()).orElseThrow();
        int maxSpeed = profile.model(router.model()).map(VendorProfile.VendorModel::maxSpeedMbps).orElse(1000);
        VirtualRouter virtual = new VirtualRouter(router.hostname(), profile.vendor() + " " + router.model() + " " + router.osVersion(), clock);
        Organization org = inventory.ownerOf(router);
        for (RouterInterface itf : router.interfaces()) {
            virtual.addPort(itf.name(), maxSpeed, itf.description(), itf.mode());
        }
        for (AccessLine line : org.accessLines()) {
            if (router.hostname().equals(line.router())) {
                virtual.cable(line.routerInterface(), line.terminationDevice().mode());
            }
        }
        return virtual;
    }

    public String hostname() {
        return hostname;
    }

    /** The port's current mode, description and admin status, as a CLI emulator shows them. */
    public synchronized java.util.Optional<PortView> portView(String name) {
        return ports.stream().filter(p -> p.name.equals(name)).findFirst()
                .map(p -> new PortView(p.name, p.description, p.mode, p.adminUp));
    }

    /** A read-only view of one port. */
    public record PortView(String name, String description, InterfaceMode mode, boolean adminUp) {
    }

    public synchronized void addPort(String name, int maxSpeedMbps, String description, InterfaceMode mode) {
        Port port = new Port(name, maxSpeedMbps);
        port.description = description;
        port.mode = mode;
        ports.add(port);
        settle(port);
    }

    /** Connects the port to a termination device running {@code deviceMode} (a fault to inject when it differs from the port's). */
    public synchronized void cable(String portName, InterfaceMode deviceMode) {
        Port port = port(portName);
        port.deviceMode = deviceMode;
        settle(port);
    }

    /** What a CLI change of the running config does to a port. */
    public synchronized void configure(String portName, String description, InterfaceMode mode, boolean adminUp) {
        Port port = port(portName);
        port.description = description;
        port.mode = mode;
        port.adminUp = adminUp;
        settle(port);
    }

    public synchronized void reboot() {
        bootedAt = clock.instant();
        ports.forEach(p -> {
            p.inErrors = 0;
            settle(p);
        });
    }

    private Port port(String name) {
        return ports.stream().filter(p -> p.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(hostname + " has no port " + name));
    }

    private LinkModel link(Port port) {
        if (!port.adminUp) {
            return new LinkModel(false, 0, null, false);
        }
        InterfaceMode far = port.deviceMode != null ? port.deviceMode : InterfaceMode.AUTO;
        int speed = port.mode.auto() ? port.maxSpeedMbps : port.mode.speedMbps();
        return LinkModel.between(port.mode, far, speed);
    }

    /** Banks the errors counted so far and restarts the count for the port's new state. */
    private void settle(Port port) {
        port.inErrors = errors(port, clock.instant());
        LinkModel link = link(port);
        port.mismatchSince = link.up() && link.mismatched() ? clock.instant() : null;
    }

    private long errors(Port port, Instant now) {
        return port.mismatchSince == null ? port.inErrors
                : port.inErrors + Duration.between(port.mismatchSince, now).toMillis() * MISMATCH_ERRORS_PER_SECOND / 1000;
    }

    /** The whole MIB as it reads now, in OID order. */
    public synchronized TreeMap<OID, Variable> mib() {
        Instant now = clock.instant();
        TreeMap<OID, Variable> mib = new TreeMap<>();
        mib.put(new OID("1.3.6.1.2.1.1.1.0"), new OctetString(sysDescr));
        mib.put(new OID("1.3.6.1.2.1.1.3.0"), new TimeTicks(Duration.between(bootedAt, now).toMillis() / 10));
        mib.put(new OID("1.3.6.1.2.1.1.5.0"), new OctetString(hostname));
        mib.put(new OID("1.3.6.1.2.1.2.1.0"), new Integer32(ports.size()));
        for (int i = 0; i < ports.size(); i++) {
            Port port = ports.get(i);
            int index = i + 1;
            LinkModel link = link(port);
            long speed = link.up() ? link.speedMbps() : 0;
            put(mib, "1.3.6.1.2.1.2.2.1.1", index, new Integer32(index));
            put(mib, "1.3.6.1.2.1.2.2.1.2", index, new OctetString(port.name));
            put(mib, "1.3.6.1.2.1.2.2.1.5", index, new Gauge32(Math.min(speed * 1_000_000L, 4_294_967_295L)));
            put(mib, "1.3.6.1.2.1.2.2.1.7", index, new Integer32(port.adminUp ? 1 : 2));
            put(mib, "1.3.6.1.2.1.2.2.1.8", index, new Integer32(link.up() ? 1 : 2));
            put(mib, "1.3.6.1.2.1.2.2.1.14", index, new Counter32(errors(port, now) & 0xffffffffL));
            put(mib, "1.3.6.1.2.1.2.2.1.20", index, new Counter32(0));
            put(mib, "1.3.6.1.2.1.31.1.1.1.1", index, new OctetString(port.name));
            put(mib, "1.3.6.1.2.1.31.1.1.1.15", index, new Gauge32(speed));
            put(mib, "1.3.6.1.2.1.31.1.1.1.18", index, new OctetString(port.description == null ? "" : port.description));
            put(mib, "1.3.6.1.2.1.10.7.2.1.19", index, new Integer32(!link.up() ? 1 : link.duplex() == Duplex.FULL ? 3 : 2));
        }
        return mib;
    }

    private static void put(Map<OID, Variable> mib, String column, int index, Variable value) {
        OID oid = new OID(column);
        oid.append(index);
        mib.put(oid, value);
    }
}
