package jp.lgwan.routerconfig.lab;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;

/**
 * One virtual router of the lab, whole: its state ({@link VirtualRouter}), its CLI device booted
 * like a real router (its platform's base config from {@link LabBaseConfig}, which the project does
 * not own, around the intended config), an SSH server speaking its dialect and an SNMP agent, both on
 * loopback. Only dialects with an emulator can be started ({@link #emulates(String)}).
 */
public final class LabRouter implements AutoCloseable {

    /** The dialects the lab emulates, by vendor profile. */
    private interface DeviceFactory {
        /** {@code administratorPassword}: the password of the CLI's administrator level, for dialects that have one (null: none set). */
        EmulatedDevice create(VirtualRouter router, String bootConfig, Clock clock, ScheduledExecutorService timers, String administratorPassword);
    }

    private static final java.util.Map<String, DeviceFactory> EMULATORS = java.util.Map.of(
            "cisco-iosxe", (router, boot, clock, timers, administrator) -> new IosXeCli.Device(router, boot, clock, timers),
            "juniper-junos", (router, boot, clock, timers, administrator) -> new JunosCli.Device(router, boot, clock, timers),
            "yamaha-rtx", YamahaRtxCli.Device::new,
            "nec-ix", (router, boot, clock, timers, administrator) -> new NecIxCli.Device(router, boot, clock, timers),
            "frr", (router, boot, clock, timers, administrator) -> new FrrVtyshCli.Device(router, boot, clock, timers));

    /**
     * The command that applies a configuration, per dialect: where a real router spends its commit
     * time. IOS-XE and FRR apply what is typed by the end of the configuration session, Junos at
     * {@code commit}; Yamaha RTX has no configuration session (each line applies at once), and NEC IX
     * is left with {@code exit}s that also end every block, show and save (the driver leaves
     * configuration mode after each step), so no line of it stands for the commit: none is delayed.
     */
    private static final Map<String, Pattern> COMMITS = Map.of(
            "cisco-iosxe", Pattern.compile("\\s*end\\s*"),
            "frr", Pattern.compile("\\s*end\\s*"),
            "juniper-junos", Pattern.compile("\\s*commit(\\s.*)?"));

    /**
     * Round trips before an SSH client sees the first prompt: TCP connect, version exchange, key
     * exchange, new keys, auth service request, public key query and signed request, channel open,
     * pty request, shell request (a pipelining client needs fewer).
     */
    public static final int LOGIN_ROUND_TRIPS = 8;

    private final VirtualRouter router;
    private final String vendorProfile;
    private final EmulatedDevice device;
    private final VirtualSshServer ssh;
    private final VirtualSnmpAgent snmp;
    private final SnmpTarget snmpCredentials;

    private LabRouter(VirtualRouter router, String vendorProfile, EmulatedDevice device, VirtualSshServer ssh, VirtualSnmpAgent snmp,
                      SnmpTarget snmpCredentials) {
        this.router = router;
        this.vendorProfile = vendorProfile;
        this.device = device;
        this.ssh = ssh;
        this.snmp = snmp;
        this.snmpCredentials = snmpCredentials;
    }

    /**
     * Starts the router {@code hostname} of the inventory, running {@code bootConfig} (usually its
     * rendered intended config) within its platform's base config ({@link LabBaseConfig}), reachable with the operator's key and polled with {@code snmpCredentials}.
     */
    public static LabRouter start(Inventory inventory, ConnectionRouter router, String bootConfig, PublicKey operatorKey,
                                  SnmpTarget snmpCredentials, Clock clock, ScheduledExecutorService timers) throws IOException {
        return start(inventory, router, bootConfig, operatorKey, null, snmpCredentials, clock, timers);
    }

    /** As above, also accepting {@code password} logins (for clients such as netmiko that log in with one). */
    public static LabRouter start(Inventory inventory, ConnectionRouter router, String bootConfig, PublicKey operatorKey, String password,
                                  SnmpTarget snmpCredentials, Clock clock, ScheduledExecutorService timers) throws IOException {
        return start(inventory, router, bootConfig, operatorKey, password, null, snmpCredentials, clock, timers);
    }

    /**
     * As above, the CLI's administrator level (Yamaha RTX) taking {@code administratorPassword}
     * (null: none is set, and an empty password gets in, as on a factory-fresh RTX).
     */
    public static LabRouter start(Inventory inventory, ConnectionRouter router, String bootConfig, PublicKey operatorKey, String password,
                                  String administratorPassword, SnmpTarget snmpCredentials, Clock clock, ScheduledExecutorService timers)
            throws IOException {
        DeviceFactory emulator = EMULATORS.get(router.vendorProfile());
        if (emulator == null) {
            throw new IllegalArgumentException("the lab has no " + router.vendorProfile() + " emulator yet (it has " + new java.util.TreeSet<>(EMULATORS.keySet()) + ")");
        }
        VirtualRouter state = VirtualRouter.of(inventory, router, clock);
        EmulatedDevice device = emulator.create(state, LabBaseConfig.boot(router, bootConfig), clock, timers, administratorPassword);
        KeyPair hostKey;
        try {
            hostKey = VirtualSshServer.newHostKey();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        VirtualSshServer ssh = VirtualSshServer.start(hostKey, operatorKey, password, device::newSession);
        VirtualSnmpAgent snmp = VirtualSnmpAgent.start(state, snmpCredentials);
        return new LabRouter(state, router.vendorProfile(), device, ssh, snmp, snmpCredentials);
    }

    /**
     * A long line to this router, emulated at both ends of its services (this kernel may have no
     * netem): every CLI answer and SNMP answer comes {@code rtt} later, the first prompt of an SSH
     * session {@link #LOGIN_ROUND_TRIPS} round trips later. Zero: none.
     */
    public void roundTrip(Duration rtt) {
        ssh.latency(rtt);
        ssh.loginDelay(rtt.multipliedBy(LOGIN_ROUND_TRIPS));
        snmp.latency(rtt);
    }

    /** The router takes {@code delay} to apply a configuration (its dialect's commit command, see {@link #COMMITS}). */
    public void commitDelay(Duration delay) {
        Pattern commit = COMMITS.get(vendorProfile);
        if (commit != null) {
            ssh.commitDelay(delay, line -> commit.matcher(line).matches());
        }
    }

    public VirtualRouter state() {
        return router;
    }

    /** The vendor profile whose dialect this router speaks. */
    public String vendorProfile() {
        return vendorProfile;
    }

    /** Whether the lab emulates this vendor profile. */
    public static boolean emulates(String profile) {
        return EMULATORS.containsKey(profile);
    }

    public EmulatedDevice device() {
        return device;
    }

    public int sshPort() {
        return ssh.port();
    }

    public PublicKey hostKey() {
        return ssh.hostKey();
    }

    public int snmpPort() {
        return snmp.port();
    }

    /** How the router's agent is polled: its user, keys and authentication protocol, at its loopback port. */
    public SnmpTarget snmpTarget() {
        return snmpCredentials.at("127.0.0.1", snmp.port());
    }

    public VirtualSshServer ssh() {
        return ssh;
    }

    public VirtualSnmpAgent snmp() {
        return snmp;
    }

    @Override
    public void close() throws IOException {
        ssh.close();
        snmp.close();
    }
}
