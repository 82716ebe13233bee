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
import jp.lgwan.routerconfig.inventory.SnmpCapabilities;
import jp.lgwan.routerconfig.inventory.SnmpObject;
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
 * the MIB an agent answers from it — SNMPv2-MIB system, IF-MIB ifTable, and of IF-MIB ifXTable,
 * EtherLike-MIB duplex, HOST-RESOURCES-MIB hrSystemUptime and SNMP-FRAMEWORK-MIB snmpEngineBoots
 * only what its vendor profile says the platform exposes (a Yamaha RTX has MIB-II alone) — derived
 * through {@link LinkModel}: a mode that does not match the device brings the link down, or up at
 * half duplex with input errors rising. The router and its SNMP agent restart separately, as on a
 * host whose snmpd is restarted alone. Thread-safe.
 */
public final class VirtualRouter {

    /** Input errors a duplex mismatch adds per second of traffic. */
    static final int MISMATCH_ERRORS_PER_SECOND = 25;

    private final String hostname;
    private final String sysDescr;
    private final Clock clock;
    private final SnmpCapabilities snmp;
    private final List<Port> ports = new ArrayList<>();
    private Instant bootedAt;
    private Instant agentStartedAt;
    /** snmpEngineBoots: the agent's engine started this many times (RFC 3414 2.2.2: it starts at 1). */
    private int engineBoots = 1;

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

    /** A router whose agent exposes what a standard agent does ({@link SnmpCapabilities#STANDARD}). */
    public VirtualRouter(String hostname, String sysDescr, Clock clock) {
        this(hostname, sysDescr, clock, SnmpCapabilities.STANDARD);
    }

    /** A router whose agent exposes, beyond MIB-II, the objects of {@code snmp}. */
    public VirtualRouter(String hostname, String sysDescr, Clock clock, SnmpCapabilities snmp) {
        this.hostname = hostname;
        this.sysDescr = sysDescr;
        this.clock = clock;
        this.snmp = snmp;
        this.bootedAt = clock.instant();
        this.agentStartedAt = bootedAt;
    }

    /** The router as the inventory intends it: every port running its intended mode, the WAN cabled to its termination device. */
    public static VirtualRouter of(Inventory inventory, ConnectionRouter router, Clock clock) {
        VendorProfile profile = inventory.vendorProfile(router.vendorProfile()).orElseThrow();
        int maxSpeed = profile.model(router.model()).map(VendorProfile.VendorModel::maxSpeedMbps).orElse(1000);
        VirtualRouter virtual = new VirtualRouter(router.hostname(), profile.vendor() + " " + router.model() + " " + router.osVersion(), clock,
                profile.snmp());
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

    /** What the router's agent exposes beyond MIB-II, as its vendor profile says. */
    public SnmpCapabilities snmp() {
        return snmp;
    }

    /** How often the agent's SNMP engine started (its USM sends this in every answer). */
    public synchronized int engineBoots() {
        return engineBoots;
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

    /** The whole router restarts: its uptime, its agent's and its counters start again. */
    public synchronized void reboot() {
        bootedAt = clock.instant();
        agentStartedAt = bootedAt;
        engineBoots++;
        ports.forEach(p -> {
            p.inErrors = 0;
            settle(p);
        });
    }

    /**
     * Only the SNMP agent restarts (an operator restarting snmpd on an FRR router's host): sysUpTime
     * starts again and the engine counts a boot, the host's uptime and the ports go on (net-snmp 5.9.3
     * keeps snmpEngineBoots in its persistent folder and adds one per start).
     */
    public synchronized void restartAgent() {
        agentStartedAt = clock.instant();
        engineBoots++;
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
        mib.put(new OID("1.3.6.1.2.1.1.3.0"), new TimeTicks(Duration.between(agentStartedAt, now).toMillis() / 10));
        mib.put(new OID("1.3.6.1.2.1.1.5.0"), new OctetString(hostname));
        if (snmp.exposes(SnmpObject.HR_SYSTEM_UPTIME)) {
            mib.put(new OID(SnmpObject.HR_SYSTEM_UPTIME.oid()), new TimeTicks(Duration.between(bootedAt, now).toMillis() / 10));
        }
        if (snmp.exposes(SnmpObject.SNMP_ENGINE_BOOTS)) {
            mib.put(new OID(SnmpObject.SNMP_ENGINE_BOOTS.oid()), new Integer32(engineBoots));
        }
        mib.put(new OID("1.3.6.1.2.1.2.1.0"), new Integer32(ports.size()));
        for (int i = 0; i < ports.size(); i++) {
            Port port = ports.get(i);
            int index = i + 1;
            LinkModel link = link(port);
            long speed = link.up() ? link.speedMbps() : 0;
            put(mib, "1.3.6.1.2.1.2.2.1.1", index, new Integer32(index));
            put(mib, "1.3.6.1.2.1.2.2.1.2", index, new OctetString(ifDescr(port.name)));
            put(mib, "1.3.6.1.2.1.2.2.1.5", index, new Gauge32(Math.min(speed * 1_000_000L, 4_294_967_295L)));
            put(mib, "1.3.6.1.2.1.2.2.1.7", index, new Integer32(port.adminUp ? 1 : 2));
            put(mib, "1.3.6.1.2.1.2.2.1.8", index, new Integer32(link.up() ? 1 : 2));
            put(mib, "1.3.6.1.2.1.2.2.1.14", index, new Counter32(errors(port, now) & 0xffffffffL));
            put(mib, "1.3.6.1.2.1.2.2.1.20", index, new Counter32(0));
            if (snmp.exposes(SnmpObject.IF_NAME)) {
                put(mib, SnmpObject.IF_NAME.oid(), index, new OctetString(port.name));
            }
            if (snmp.exposes(SnmpObject.IF_HIGH_SPEED)) {
                put(mib, SnmpObject.IF_HIGH_SPEED.oid(), index, new Gauge32(speed));
            }
            if (snmp.exposes(SnmpObject.IF_ALIAS)) {
                put(mib, SnmpObject.IF_ALIAS.oid(), index, new OctetString(port.description == null ? "" : port.description));
            }
            if (snmp.exposes(SnmpObject.DOT3_STATS_DUPLEX_STATUS)) {
                put(mib, SnmpObject.DOT3_STATS_DUPLEX_STATUS.oid(), index, new Integer32(!link.up() ? 1 : link.duplex() == Duplex.FULL ? 3 : 2));
            }
        }
        return mib;
    }

    /**
     * ifDescr: the port's CLI name, except on a platform without ifXTable (Yamaha RTX), whose agent is
     * taken to name ports in capitals as its own `show status` does ("LAN2"; shared/VENDOR-CHECK.md
     * section 6 cites a third-party script reading "ifDescr.1 = STRING: LAN1"). UNCONFIRMED without an
     * snmpwalk of a real RTX; the probe matches names ignoring case either way.
     */
    private String ifDescr(String name) {
        return snmp.exposes(SnmpObject.IF_NAME) ? name : name.toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Whether a ping from the router to the far side of its line gets replies: its WAN (the port cabled to the
     * termination device) is admin up and its link up ({@link LinkModel}). The lab's node and access point answer
     * whenever the line carries packets; a duplex mismatch still carries them (with errors).
     */
    public synchronized boolean wanCarries() {
        return ports.stream().filter(p -> p.deviceMode != null).anyMatch(p -> link(p).up());
    }

    /** The port's link as the CLI shows it: up or down, speed and duplex (a Yamaha RTX's {@code show status lanN}). */
    public synchronized java.util.Optional<LinkModel> link(String portName) {
        return ports.stream().filter(p -> p.name.equals(portName)).findFirst().map(this::link);
    }

    private static void put(Map<OID, Variable> mib, String column, int index, Variable value) {
        OID oid = new OID(column);
        oid.append(index);
        mib.put(oid, value);
    }
}
