package jp.lgwan.routerconfig.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Credentials;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.InterfaceRole;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.Ipv4Address;
import jp.lgwan.routerconfig.inventory.RouterInterface;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.lab.VirtualSshServer;
import jp.lgwan.routerconfig.security.CredentialStore;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a real router is reached: its own ports where the inventory names them, else the settings' defaults; the settings' login and timeouts. */
class InventoryDeviceDirectoryTest {

    /** Settings as an operator might set them; none of the values is a default. */
    private record Settings(String sshUser, int sshPort, int snmpPort, Duration sshConnectTimeout, Duration sshAuthTimeout,
                            Duration sshCommandTimeout, Duration snmpTimeout, int snmpRetries) implements DeviceSettings {
    }

    private static final Settings SETTINGS = new Settings("netops", 830, 1161, Duration.ofSeconds(3), Duration.ofSeconds(4),
            Duration.ofSeconds(40), Duration.ofMillis(1500), 3);

    @TempDir
    Path secrets;

    @Test
    void aRouterWithoutPortsUsesTheSettingsAndOneWithPortsItsOwn() throws Exception {
        KeyPair operator = VirtualSshServer.newHostKey();
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(operator, "operator", null, key);
        write("ssh/operating-body", key.toByteArray());
        write("snmp/verification-poller", "auth=auth-key-1234\npriv=priv-key-1234\n".getBytes());
        // the sample's SNMP user and vendor profiles; the routers below are made up
        Inventory sample = new InventoryLoader().load(Paths.get("inventory"), LocalDate.of(2026, 12, 5)).inventory();
        InventoryDeviceDirectory directory = new InventoryDeviceDirectory(new CredentialStore(secrets, Map.of()), SETTINGS, () -> sample);

        DeviceAccess defaults = directory.access(router(null, null));
        assertEquals("10.0.0.1", defaults.ssh().host());
        assertEquals(830, defaults.ssh().port());
        assertEquals("netops", defaults.ssh().user());
        assertEquals(Duration.ofSeconds(3), defaults.ssh().connectTimeout());
        assertEquals(Duration.ofSeconds(4), defaults.ssh().authTimeout());
        assertEquals(Duration.ofSeconds(40), defaults.ssh().commandTimeout());
        assertEquals(1161, defaults.snmp().port());
        assertEquals(Duration.ofMillis(1500), defaults.snmp().timeout());
        assertEquals(3, defaults.snmp().retries());
        assertEquals("lgwan-poller", defaults.snmp().user());
        assertNotNull(defaults.key());
        assertNull(defaults.password());

        DeviceAccess own = directory.access(router(2222, 10161));
        assertEquals(2222, own.ssh().port());
        assertEquals(10161, own.snmp().port());
        assertEquals(Duration.ofMillis(1500), own.snmp().timeout());
    }

    private void write(String reference, byte[] content) throws Exception {
        Path file = secrets.resolve(reference);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static ConnectionRouter router(Integer sshPort, Integer snmpPort) {
        return new ConnectionRouter("lgrt.city.sapporo.lgwan.jp", "frr", "linux-x86", "8.4", Ipv4Address.parse("10.0.0.1"),
                "global-address/lgrt.city.sapporo.lgwan.jp", "SHA256:" + "A".repeat(43),
                new Credentials("ssh/operating-body", null, "snmp/verification-poller", null),
                List.of(new RouterInterface("eth0", InterfaceRole.WAN, null, null, InterfaceMode.AUTO)), null, sshPort, snmpPort);
    }
}
