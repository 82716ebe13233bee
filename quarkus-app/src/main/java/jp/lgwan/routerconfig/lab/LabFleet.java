package jp.lgwan.routerconfig.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.DeviceDirectory;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.device.SshCli;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.render.SecretPlaceholder;

/**
 * A virtual router for every router of an inventory whose dialect the lab emulates, each booted
 * with the config it is taken to run and cabled to a termination device in the mode the
 * inventory gave it at start — as a carrier's ONU stays as it was until the carrier changes it.
 * The fleet is also the directory the rollout reaches them through: loopback ports, the lab's own
 * host keys and one operator key, and lab-made secrets (never real ones).
 */
public final class LabFleet implements DeviceDirectory, AutoCloseable {

    private final Map<String, LabRouter> routers = new ConcurrentHashMap<>();
    private final KeyPair operator;
    private final String snmpUser;
    private final String authKey;
    private final String privKey;
    private final String snmpRef;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final String password;

    private LabFleet(KeyPair operator, String snmpUser, String snmpRef, Clock clock, String password) {
        this.operator = operator;
        this.password = password;
        this.snmpUser = snmpUser;
        this.snmpRef = snmpRef;
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        this.authKey = "lab-auth-" + HexFormat.of().formatHex(bytes);
        random.nextBytes(bytes);
        this.privKey = "lab-priv-" + HexFormat.of().formatHex(bytes);
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
            operator = VirtualSshServer.newHostKey();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        String snmpRef = inventory.organizations().stream().flatMap(o -> o.routers().stream()).findFirst()
                .map(r -> r.credentials().snmpRef()).orElse("snmp/verification-poller");
        LabFleet fleet = new LabFleet(operator, inventory.operations().snmpUser(), snmpRef, clock, password);
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
        SnmpTarget credentials = SnmpTarget.v3("127.0.0.1", 0, snmpUser, SnmpTarget.Auth.SHA256, authKey, privKey);
        routers.put(router.hostname(), LabRouter.start(inventory, router, boot, operator.getPublic(), password, credentials, clock, timers));
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
        Duration timeout = Duration.ofSeconds(10);
        SshCli.Endpoint ssh = new SshCli.Endpoint("127.0.0.1", lab.sshPort(), "operator", SshCli.fingerprint(lab.hostKey()), timeout, timeout,
                timeout);
        SnmpTarget snmp = SnmpTarget.v3("127.0.0.1", lab.snmpPort(), snmpUser, SnmpTarget.Auth.SHA256, authKey, privKey)
                .withTimeout(Duration.ofSeconds(2), 2);
        return new DeviceAccess(ssh, operator, null, snmp);
    }

    /** The SNMP poller's keys for the poller's reference, a fixed lab value (derived from its name) for any other secret. */
    @Override
    public SecretPlaceholder.Resolved resolveSecrets(String renderedConfig) throws DeviceException {
        return resolveSecrets(renderedConfig, snmpRef, authKey, privKey);
    }

    /**
     * The lab's secrets as {@link #resolveSecrets(String)} fills them in, for a client in another
     * process that knows the fleet's SNMP reference and keys (from {@link #access}).
     */
    public static SecretPlaceholder.Resolved resolveSecrets(String renderedConfig, String snmpRef, String authKey, String privKey)
            throws DeviceException {
        try {
            return SecretPlaceholder.resolve(renderedConfig, (reference, field) -> {
                if (reference.equals(snmpRef) && field.equals("auth")) {
                    return authKey;
                }
                if (reference.equals(snmpRef) && field.equals("priv")) {
                    return privKey;
                }
                return "lab-" + digest(reference + ":" + field);
            });
        } catch (Exception e) {
            throw new DeviceException("lab secrets: " + e.getMessage());
        }
    }

    /** The reference of the SNMP poller's secret, whose keys the lab's agents use. */
    public String snmpRef() {
        return snmpRef;
    }

    private static String digest(String text) throws NoSuchAlgorithmException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 8);
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
