package jp.lgwan.routerconfig.lab;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import jp.lgwan.routerconfig.device.AdministratorPassword;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.device.SshCli;
import jp.lgwan.routerconfig.device.VirtualRouters;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;
import jp.lgwan.routerconfig.render.SecretPlaceholder;

/**
 * A virtual router for every router of an inventory whose dialect the lab emulates, each booted
 * with the config it is taken to run and cabled to a termination device in the mode the
 * inventory gave it at start — as a carrier's ONU stays as it was until the carrier changes it.
 * The fleet is also the directory the rollout reaches them through: loopback ports, the lab's own
 * host keys and one operator key, and lab-made secrets (never real ones).
 */
public final class LabFleet implements VirtualRouters.Lab {

    private final Map<String, LabRouter> routers = new ConcurrentHashMap<>();
    /** The user the virtual routers' SSH servers log the operator in as (any name is accepted; this one is shown). */
    public static final String OPERATOR_USER = "operator";

    private final KeyPair operator;
    private final LabSecrets secrets;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final String password;

    private LabFleet(KeyPair operator, LabSecrets secrets, Clock clock, String password) {
        this.operator = operator;
        this.secrets = secrets;
        this.password = password;
        this.clock = clock;
        this.timers = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "lab-timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts the fleet: one virtual router per router of {@code inventory} the lab emulates, booted
     * with {@code bootConfig} (a rendered config; its secrets are filled with lab values).
     */
    public static LabFleet start(Inventory inventory, Function<ConnectionRouter, Optional<String>> bootConfig, Clock clock) throws IOException {
        return start(inventory, bootConfig, clock, null);
    }

    /** As above, every router also accepting {@code password} logins as any user (for clients such as netmiko that log in with one). */
    public static LabFleet start(Inventory inventory, Function<ConnectionRouter, Optional<String>> bootConfig, Clock clock, String password)
            throws IOException {
        KeyPair operator;
        try {
            operator = VirtualSshServer.newOperatorKey();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        String snmpRef = inventory.organizations().stream().flatMap(o -> o.routers().stream()).findFirst()
                .map(r -> r.credentials().snmpRef()).orElse("snmp/verification-poller");
        LabFleet fleet = new LabFleet(operator, LabSecrets.generate(inventory.operations().snmpUser(), snmpRef), clock, password);
        try {
            for (ConnectionRouter router : inventory.organizations().stream().flatMap(o -> o.routers().stream()).toList()) {
                Optional<String> boot = bootConfig.apply(router);
                if (!LabRouter.emulates(router.vendorProfile()) || boot.isEmpty()) {
                    continue;
                }
                fleet.add(inventory, router, boot.get());
            }
        } catch (IOException | RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    private void add(Inventory inventory, ConnectionRouter router, String renderedConfig) throws IOException {
        String boot;
        try {
            boot = resolveSecrets(renderedConfig).text();
        } catch (DeviceException e) {
            throw new IOException(e.getMessage());
        }
        SnmpTarget credentials = secrets.snmp("127.0.0.1", 0, inventory.snmpAuth(router));
        routers.put(router.hostname(), LabRouter.start(inventory, router, boot, operator.getPublic(), password, secrets.administratorPassword(),
                credentials, clock, timers));
    }

    public Optional<LabRouter> router(String hostname) {
        return Optional.ofNullable(routers.get(hostname));
    }

    public Map<String, LabRouter> routers() {
        return new TreeMap<>(routers);
    }

    @Override
    public DeviceAccess access(ConnectionRouter router) throws DeviceException {
        LabRouter lab = routers.get(router.hostname());
        if (lab == null) {
            throw new DeviceException(router.hostname() + ": not in the lab (no emulator for " + router.vendorProfile() + ")");
        }
        return access("127.0.0.1", lab.sshPort(), SshCli.fingerprint(lab.hostKey()), lab.snmpPort(), lab.snmpTarget().auth(), operator, secrets);
    }

    /**
     * How to reach one virtual router, wherever its lab runs: SSH as the operator with the lab's
     * operator key and the router's host key pinned, the lab's administrator password where the CLI
     * elevates, SNMPv3 with the lab's keys and the router's authentication protocol.
     */
    static DeviceAccess access(String host, int sshPort, String hostKeyFingerprint, int snmpPort, SnmpAuthProtocol snmpAuth, KeyPair operator,
                               LabSecrets secrets) {
        Duration timeout = Duration.ofSeconds(10);
        SshCli.Endpoint ssh = new SshCli.Endpoint(host, sshPort, OPERATOR_USER, hostKeyFingerprint, timeout, timeout, timeout);
        SnmpTarget snmp = secrets.snmp(host, snmpPort, snmpAuth).withTimeout(Duration.ofSeconds(2), 2);
        return new DeviceAccess(ssh, operator, null, snmp, new AdministratorPassword(secrets.administratorPassword()));
    }

    @Override
    public String describe() {
        return routers.size() + " virtual routers on 127.0.0.1";
    }

    /** The operator's key pair, whose public half every virtual router of this fleet accepts (to hand to a service in another process). */
    public KeyPair operatorKey() {
        return operator;
    }

    /** The password every router accepts besides the operator key, if the fleet was started with one. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The lab-made secrets the routers were booted with (to hand to a service in another process). */
    public LabSecrets secrets() {
        return secrets;
    }

    /** The SNMP poller's keys for the poller's reference, a fixed lab value (derived from its name) for any other secret. */
    @Override
    public SecretPlaceholder.Resolved resolveSecrets(String renderedConfig) throws DeviceException {
        return secrets.resolve(renderedConfig);
    }

    @Override
    public void close() {
        for (LabRouter router : routers.values()) {
            try {
                router.close();
            } catch (IOException e) {
                // closing the rest matters more
            }
        }
        routers.clear();
        timers.shutdownNow();
    }
}
