package jp.lgwan.routerconfig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import jp.lgwan.routerconfig.device.CliRouterDriver;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.DeviceException;
import jp.lgwan.routerconfig.device.SshCli;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet written down by a lab process and read back by a service in another: the same routers,
 * keys and secrets, the secrets owner-only, and a lab that is gone or stopped reported as such.
 */
class LabDirectoryFileTest {

    private static final String TOKYO = "lgrt.metro.tokyo.lgwan.jp";

    @TempDir
    Path temp;

    private Inventory inventory;
    private ConfigRenderer renderer;
    private LabFleet fleet;

    @BeforeEach
    void start() throws Exception {
        inventory = new InventoryLoader().load(Paths.get("inventory"), TestInventory.AS_OF).inventory();
        renderer = new ConfigRenderer(Path.of("templates"));
        fleet = LabFleet.start(inventory, router -> {
            try {
                return java.util.Optional.of(renderer.render(inventory, router).text());
            } catch (Exception e) {
                return java.util.Optional.empty();
            }
        }, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void aServiceInAnotherProcessReachesTheRoutersWithTheSameKeysAndSecrets() throws Exception {
        Path dir = temp.resolve("lab");
        LabDirectoryFile.of(fleet, "abc123", ProcessHandle.current().pid()).write(dir, fleet);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(LabDirectoryFile.OPERATOR_KEY))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(LabDirectoryFile.SNMP_KEYS))));
        String published = Files.readString(dir.resolve(LabDirectoryFile.FILE));
        assertFalse(published.contains(fleet.secrets().authKey()) || published.contains(fleet.secrets().privKey()), "no secret in " + published);
        assertEquals(fleet.routers().size(), LabDirectoryFile.read(dir).orElseThrow().routers().size());

        LabProcessDirectory remote = new LabProcessDirectory(dir);
        jp.lgwan.routerconfig.device.VirtualRouters.Lab attached = new LabVirtualRouters().attach(dir);
        assertTrue(attached.running(), "the lab process (this one) runs");
        ConnectionRouter router = inventory.router(TOKYO).orElseThrow();
        DeviceAccess there = remote.access(router);
        DeviceAccess here = fleet.access(router);
        assertEquals(here.ssh(), there.ssh());
        assertEquals(here.snmp(), there.snmp(), "the same SNMPv3 target and keys");
        assertEquals(here.key().getPublic(), there.key().getPublic());
        String rendered = renderer.render(inventory, router).text();
        assertEquals(fleet.resolveSecrets(rendered).text(), remote.resolveSecrets(rendered).text());

        // logged in with the key read from the file, the router runs what the service would push
        try (CliRouterDriver driver = new CliRouterDriver(TOKYO, there.ssh(), Dialect.load(Path.of("templates"), router.vendorProfile()), there.key(),
                null)) {
            driver.open();
            driver.loadCandidate(remote.resolveSecrets(rendered).text());
            assertFalse(driver.compare().changed(), driver.compare().unifiedDiff());
        }

        LabDirectoryFile.remove(dir);
        assertFalse(Files.exists(dir), "nothing left");
        assertFalse(attached.running(), "a lab that removed its directory file is gone: the service says it lost it (rollout.LabWatch)");
        DeviceException stopped = assertThrows(DeviceException.class, () -> remote.access(router));
        assertTrue(stopped.getMessage().contains("no lab running"), stopped.getMessage());
    }

    @Test
    void aLabStartedWithALoginPasswordHandsItOutOwnerOnlyAndItsRoutersTakeIt() throws Exception {
        Path dir = temp.resolve("lab");
        assertTrue(new LabProcessDirectory(writeLab(fleet, dir)).password().isEmpty(), "the key-only fleet has no password");
        assertFalse(Files.exists(dir.resolve(LabDirectoryFile.PASSWORD)));

        String password = "lab-login-" + System.nanoTime();
        try (LabFleet withPassword = LabFleet.start(inventory, router -> fleet.router(router.hostname()).map(r -> {
            try {
                return renderer.render(inventory, router).text();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }), Clock.systemUTC(), password)) {
            LabProcessDirectory remote = new LabProcessDirectory(writeLab(withPassword, dir));
            assertEquals(password, remote.password().orElseThrow());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(LabDirectoryFile.PASSWORD))));
            assertFalse(Files.readString(dir.resolve(LabDirectoryFile.FILE)).contains(password), "the password is not in lab.json");

            ConnectionRouter router = inventory.router(TOKYO).orElseThrow();
            DeviceAccess byKey = remote.access(TOKYO);
            SshCli.Endpoint ssh = byKey.ssh();
            try (CliRouterDriver driver = new CliRouterDriver(TOKYO, ssh, Dialect.load(Path.of("templates"), router.vendorProfile()), null,
                    password)) {
                driver.open();
                assertFalse(driver.runningConfig().isBlank(), "logged in with the password alone");
            }
            try (CliRouterDriver driver = new CliRouterDriver(TOKYO, ssh, Dialect.load(Path.of("templates"), router.vendorProfile()), null,
                    password + "x")) {
                assertThrows(DeviceException.class, driver::open, "a wrong password is refused");
            }
        }
        LabDirectoryFile.remove(dir);
        assertFalse(Files.exists(dir.resolve(LabDirectoryFile.PASSWORD)), "removed with the rest");
    }

    private static Path writeLab(LabFleet fleet, Path dir) throws Exception {
        Thread.sleep(20); // a new modification time for a reader that saw the previous file
        LabDirectoryFile.of(fleet, "abc123", ProcessHandle.current().pid()).write(dir, fleet);
        Files.setLastModifiedTime(dir.resolve(LabDirectoryFile.FILE), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1000));
        return dir;
    }

    @Test
    void aLabProcessThatIsGoneIsReportedAndANewOneIsReadAgain() throws Exception {
        Path dir = temp.resolve("lab");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        LabDirectoryFile.of(fleet, "abc123", gone.pid()).write(dir, fleet);
        LabProcessDirectory remote = new LabProcessDirectory(dir);
        jp.lgwan.routerconfig.device.VirtualRouters.Lab attached = new LabVirtualRouters().attach(dir);
        assertFalse(attached.running(), "killed with -9, its directory file left: the service says it lost it (rollout.LabWatch)");
        ConnectionRouter router = inventory.router(TOKYO).orElseThrow();
        DeviceException killed = assertThrows(DeviceException.class, () -> remote.access(router));
        assertTrue(killed.getMessage().contains("is gone"), killed.getMessage());

        Thread.sleep(20); // a new modification time
        LabDirectoryFile.of(fleet, "abc123", ProcessHandle.current().pid()).write(dir, fleet);
        Files.setLastModifiedTime(dir.resolve(LabDirectoryFile.FILE), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1000));
        assertEquals(fleet.access(router).ssh(), remote.access(router).ssh());
        assertTrue(attached.running(), "a new lab process in the folder: back");
    }
}
