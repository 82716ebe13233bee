package jp.lgwan.routerconfig.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import jp.lgwan.routerconfig.api.EmbeddedPostgresResource;
import jp.lgwan.routerconfig.change.LiveInventory;
import jp.lgwan.routerconfig.device.CliRouterDriver;
import jp.lgwan.routerconfig.device.DeviceAccess;
import jp.lgwan.routerconfig.device.RouterDriver;
import jp.lgwan.routerconfig.device.VirtualRouters;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --lab} (here the test profile's lab, published into {@code lgwan.lab.publish-directory})
 * writes what {@code lab --dir} writes, so its routers can be reached by hand or by another instance's
 * {@code serve --lab-dir}: before, they could not be reached from outside the service at all.
 */
@org.junit.jupiter.api.Tag("service")
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class LabPublishedTest {

    private static final String SAPPORO = "lgrt.city.sapporo.lgwan.jp";

    @ConfigProperty(name = "lgwan.lab.publish-directory")
    Path published;
    @Inject
    LiveInventory inventory;

    @Test
    void theLabOfThisProcessSaysHowToReachEachRouterAndItsFilesReachThem() throws Exception {
        JsonNode lab = new ObjectMapper().readTree(published.resolve(VirtualRouters.DIRECTORY_FILE).toFile());
        assertEquals(ProcessHandle.current().pid(), lab.path("pid").asLong());
        assertEquals(inventory.current().commit(), lab.path("inventory_revision").asText(lab.path("inventoryRevision").asText()));
        assertEquals(14, lab.path("routers").size(), lab.toString());
        for (String secret : new String[] {VirtualRouters.OPERATOR_KEY_FILE, VirtualRouters.SNMP_KEYS_FILE}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(published.resolve(secret))), secret);
        }
        assertTrue(!Files.readString(published.resolve(VirtualRouters.DIRECTORY_FILE)).contains("PRIVATE KEY"), "no secret in lab.json");

        // what another instance's serve --lab-dir does with them: log in to a router and read its running config
        ConnectionRouter router = inventory.current().router(SAPPORO).orElseThrow();
        DeviceAccess access = VirtualRouters.required().attach(published).access(router);
        try (RouterDriver driver = new CliRouterDriver(SAPPORO, access.ssh(), inventory.current().dialect(router.vendorProfile()), access.key(),
                access.password())) {
            driver.open();
            String running = driver.runningConfig();
            assertTrue(running.lines().anyMatch(line -> line.equals("hostname lgrt")), "a login with the published key reads the router's config: "
                    + running);
        }

        // by hand, as the README says: OpenSSH's own client with the published key, on the port lab.json gives
        int port = -1;
        for (JsonNode r : lab.path("routers")) {
            if (r.path("hostname").asText().equals(SAPPORO)) {
                port = r.path("ssh_port").asInt();
            }
        }
        Process ssh = new ProcessBuilder("ssh", "-i", published.resolve(VirtualRouters.OPERATOR_KEY_FILE).toString(), "-p", Integer.toString(port),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "operator@127.0.0.1").redirectErrorStream(true).start();
        ssh.getOutputStream().write("terminal length 0\nshow running-config\nexit\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ssh.getOutputStream().close();
        String typed = new String(ssh.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(ssh.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "ssh did not end: " + typed);
        assertTrue(typed.lines().anyMatch(line -> line.equals("hostname lgrt")), "OpenSSH's client read the running config: " + typed);
    }
}
