package jp.lgwan.routerconfig.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.SshCli;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.lab.LabFleet;
import jp.lgwan.routerconfig.render.SecretPlaceholder;

/**
 * How a client in another process reaches a lab fleet: every router's loopback ports and host key,
 * the lab's operator key and SNMP keys (lab-made, never real secrets), and the password netmiko logs
 * in with. Written by the lab host once its routers answer.
 */
public record LabDirectory(List<Router> routers, KeyPair operator, String password, String snmpUser, String snmpRef, String authKey,
                           String privKey) {

    /** One lab router: where its SSH server and SNMP agent listen, and its host key's fingerprint. */
    public record Router(String hostname, int sshPort, String fingerprint, int snmpPort) {
    }

    private static final Duration SSH_TIMEOUT = Duration.ofSeconds(30);

    /** The directory of a running fleet started for {@code inventory}. */
    public static LabDirectory of(LabFleet fleet, Inventory inventory, String password) throws DeviceException {
        List<Router> routers = new ArrayList<>();
        DeviceAccess access = null;
        for (var entry : fleet.routers().entrySet()) {
            routers.add(new Router(entry.getKey(), entry.getValue().sshPort(), SshCli.fingerprint(entry.getValue().hostKey()),
                    entry.getValue().snmpPort()));
            if (access == null) {
                access = fleet.access(inventory.router(entry.getKey()).orElseThrow());
            }
        }
        SnmpTarget snmp = access == null ? null : access.snmp();
        return new LabDirectory(routers, access == null ? null : access.key(), password, snmp == null ? null : snmp.user(), fleet.snmpRef(),
                snmp == null ? null : snmp.authKey(), snmp == null ? null : snmp.privKey());
    }

    /** How the pushing side reaches {@code router}: its SSH CLI with the operator key, and its SNMP agent. */
    public DeviceAccess access(Router router) {
        SshCli.Endpoint ssh = new SshCli.Endpoint("127.0.0.1", router.sshPort(), "operator", router.fingerprint(), SSH_TIMEOUT, SSH_TIMEOUT,
                SSH_TIMEOUT);
        SnmpTarget snmp = SnmpTarget.v3("127.0.0.1", router.snmpPort(), snmpUser, SnmpTarget.Auth.SHA256, authKey, privKey)
                .withTimeout(Duration.ofSeconds(2), 2);
        return new DeviceAccess(ssh, operator, null, snmp);
    }

    /** A rendered config with the lab's secret values, as the lab routers were booted with. */
    public SecretPlaceholder.Resolved resolveSecrets(String rendered) throws DeviceException {
        return LabFleet.resolveSecrets(rendered, snmpRef, authKey, privKey);
    }

    /** Written whole or not at all: a reader never sees half a directory. */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("routers", Integer.toString(routers.size()));
        for (int i = 0; i < routers.size(); i++) {
            Router r = routers.get(i);
            p.setProperty("router." + i, r.hostname() + " " + r.sshPort() + " " + r.fingerprint() + " " + r.snmpPort());
        }
        if (operator != null) {
            p.setProperty("operator.algorithm", operator.getPrivate().getAlgorithm());
            p.setProperty("operator.private", Base64.getEncoder().encodeToString(operator.getPrivate().getEncoded()));
            p.setProperty("operator.public", Base64.getEncoder().encodeToString(operator.getPublic().getEncoded()));
            p.setProperty("snmp.user", snmpUser);
            p.setProperty("snmp.auth-key", authKey);
            p.setProperty("snmp.priv-key", privKey);
        }
        p.setProperty("snmp.ref", snmpRef);
        if (password != null) {
            p.setProperty("password", password);
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "lab fleet: lab-made keys, never real ones");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static LabDirectory read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        List<Router> routers = new ArrayList<>();
        int count = Integer.parseInt(p.getProperty("routers"));
        for (int i = 0; i < count; i++) {
            String[] f = p.getProperty("router." + i).split(" ");
            routers.add(new Router(f[0], Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3])));
        }
        KeyPair operator = null;
        if (p.getProperty("operator.private") != null) {
            try {
                KeyFactory keys = KeyFactory.getInstance(p.getProperty("operator.algorithm"));
                operator = new KeyPair(keys.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(p.getProperty("operator.public")))),
                        keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(p.getProperty("operator.private")))));
            } catch (GeneralSecurityException e) {
                throw new IOException("lab directory " + file + ": operator key: " + e.getMessage(), e);
            }
        }
        return new LabDirectory(routers, operator, p.getProperty("password"), p.getProperty("snmp.user"), p.getProperty("snmp.ref"),
                p.getProperty("snmp.auth-key"), p.getProperty("snmp.priv-key"));
    }
}
