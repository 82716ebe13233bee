package jp.lgwan.routerconfig.lab;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import jp.lgwan.routerconfig.device.SshCli;
import jp.lgwan.routerconfig.device.VirtualRouters;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * How a lab running in a process of its own ({@code lab}) is reached from another ({@code serve
 * --lab-dir}): a folder holding {@value #FILE} (each virtual router's loopback ports and pinned host
 * key; no secret) and, readable by their owner only, the operator's private key ({@value #OPERATOR_KEY},
 * OpenSSH format) and the SNMP keys ({@value #SNMP_KEYS}: {@code auth=} and {@code priv=} lines, as
 * the credential store keeps them). The secrets are written first and the directory file last, each
 * by an atomic rename: whoever sees {@value #FILE} sees a complete lab.
 *
 * @param pid                 the lab process, so a reader can tell a lab that is gone (killed) from one that runs
 * @param inventoryRevision   the commit the routers were booted from
 * @param snmpSecretReference the poller's secret reference whose fields the SNMP keys are
 * @param passwordFile        the lab-made login password (owner-only file) for clients such as netmiko, or null when the
 *                            routers take the operator key only
 */
public record LabDirectoryFile(long pid, String inventoryRevision, String sshUser, String snmpUser, String snmpSecretReference,
                               String operatorKeyFile, String snmpKeysFile, String passwordFile, List<Router> routers) {

    public static final String FILE = VirtualRouters.DIRECTORY_FILE;
    public static final String OPERATOR_KEY = VirtualRouters.OPERATOR_KEY_FILE;
    public static final String SNMP_KEYS = VirtualRouters.SNMP_KEYS_FILE;
    public static final String PASSWORD = "password";

    /**
     * One virtual router: where its SSH server and SNMP agent listen, the host key its SSH server
     * shows, and the SNMPv3 authentication protocol its agent takes.
     */
    public record Router(String hostname, String vendorProfile, String host, int sshPort, String sshHostKey, int snmpPort,
                         SnmpAuthProtocol snmpAuth) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** The directory file of a running fleet, for the process {@code pid}. */
    public static LabDirectoryFile of(LabFleet fleet, String inventoryRevision, long pid) {
        List<Router> routers = fleet.routers().entrySet().stream().map(e -> {
            LabRouter lab = e.getValue();
            return new Router(e.getKey(), lab.vendorProfile(), "127.0.0.1", lab.sshPort(), SshCli.fingerprint(lab.hostKey()),
                    lab.snmpPort(), lab.snmpTarget().auth());
        }).toList();
        LabSecrets secrets = fleet.secrets();
        return new LabDirectoryFile(pid, inventoryRevision, LabFleet.OPERATOR_USER, secrets.snmpUser(), secrets.snmpRef(), OPERATOR_KEY, SNMP_KEYS,
                fleet.password().isPresent() ? PASSWORD : null, routers);
    }

    /**
     * Writes the fleet's secrets (owner-only) and then this file into {@code dir}, replacing what a
     * lab that is gone left there.
     */
    public void write(Path dir, LabFleet fleet) throws IOException {
        Files.createDirectories(dir);
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        try {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(fleet.operatorKey(), "lgwan-lab-operator", null, key);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the operator key: " + e.getMessage(), e);
        }
        replace(dir, operatorKeyFile, key.toByteArray(), true);
        LabSecrets secrets = fleet.secrets();
        replace(dir, snmpKeysFile, ("auth=" + secrets.authKey() + "\npriv=" + secrets.privKey() + "\n").getBytes(StandardCharsets.UTF_8), true);
        if (passwordFile != null) {
            replace(dir, passwordFile, fleet.password().orElseThrow().getBytes(StandardCharsets.UTF_8), true);
        } else {
            Files.deleteIfExists(dir.resolve(PASSWORD));
        }
        replace(dir, FILE, JSON.writeValueAsBytes(this), false);
    }

    /** Removes what {@link #write} wrote, the directory file first (readers then see no lab), and {@code dir} if nothing else is left in it. */
    public static void remove(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE));
        Files.deleteIfExists(dir.resolve(OPERATOR_KEY));
        Files.deleteIfExists(dir.resolve(SNMP_KEYS));
        Files.deleteIfExists(dir.resolve(PASSWORD));
        try (var left = Files.list(dir)) {
            if (left.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            // someone else's files stay, and so does the folder
        }
    }

    /** The directory file in {@code dir}, if a lab wrote one. */
    public static Optional<LabDirectoryFile> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), LabDirectoryFile.class));
    }

    /** Whether the lab process that wrote this file still runs. */
    public boolean running() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The operator's key pair, read from its file in {@code dir}. */
    public KeyPair operatorKey(Path dir) throws IOException {
        Path file = dir.resolve(operatorKeyFile);
        byte[] bytes = Files.readAllBytes(file);
        try {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, () -> file.toString(), new ByteArrayInputStream(bytes),
                    FilePasswordProvider.EMPTY);
            Iterator<KeyPair> iterator = keys == null ? null : keys.iterator();
            if (iterator == null || !iterator.hasNext()) {
                throw new IOException(file + " holds no private key");
            }
            return iterator.next();
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not an OpenSSH private key: " + e.getMessage(), e);
        }
    }

    /** The lab's secrets: the SNMP keys read from their file in {@code dir}. */
    public LabSecrets secrets(Path dir) throws IOException {
        Path file = dir.resolve(snmpKeysFile);
        Properties keys = new Properties();
        try (var in = Files.newInputStream(file)) {
            keys.load(in);
        }
        String auth = keys.getProperty("auth");
        String priv = keys.getProperty("priv");
        if (auth == null || priv == null) {
            throw new IOException(file + " lacks the auth= or priv= line");
        }
        return new LabSecrets(snmpUser, snmpSecretReference, auth.trim(), priv.trim());
    }

    /** The login password read from its file in {@code dir}, if the lab was started with one. */
    public Optional<String> password(Path dir) throws IOException {
        return passwordFile == null ? Optional.empty() : Optional.of(Files.readString(dir.resolve(passwordFile), StandardCharsets.UTF_8));
    }

    public Map<String, Router> routersByHostname() {
        Map<String, Router> byHostname = new java.util.HashMap<>();
        routers.forEach(r -> byHostname.put(r.hostname(), r));
        return byHostname;
    }

    /** Writes {@code bytes} to {@code dir/name} through a temporary file renamed over it; secrets are owner-only from the start. */
    private static void replace(Path dir, String name, byte[] bytes, boolean secret) throws IOException {
        Path temp = secret ? Files.createTempFile(dir, "." + name, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, "." + name, ".tmp");
        try {
            Files.write(temp, bytes);
            if (!secret) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
