package jp.lgwan.routerconfig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab realism: a real client written for real Cisco routers — netmiko, device_type cisco_ios —
 * logs in to a lab IOS-XE router, pushes a config set and saves it, as it would on a device.
 */
class NetmikoLabTest {

    private static final Path PYTHON = Paths.get("/usr/bin/python3");
    private static final String SCRIPT = """
            import sys
            from netmiko import ConnectHandler
            device = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=int(sys.argv[1]),
                                    username="operator", password="lab-password", timeout=20)
            print(device.find_prompt())
            print(device.send_config_set(["interface GigabitEthernet0/0/1", "description set by netmiko"]))
            print(device.save_config())
            print(device.send_command("show running-config"))
            device.disconnect()
            """;

    @TempDir
    Path temp;

    @BeforeAll
    static void requireNetmiko() throws Exception {
        boolean present = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import netmiko").start().waitFor() == 0;
        if (!present) {
            if (System.getenv("CI") != null) {
                fail("CI must run the netmiko test, but python3-netmiko is not installed; .ci/run installs it");
            }
            Assumptions.abort("netmiko test skipped: python3-netmiko is not installed");
        }
    }

    @Test
    void netmikoPushesAndSavesOnALabRouter() throws Exception {
        Inventory inventory = TestInventory.copyOfMinimal(temp).load().inventory();
        var router = inventory.router("lgrt.city.sapporo.lgwan.jp").orElseThrow();
        String boot = new ConfigRenderer(Paths.get("templates")).render(inventory, router).text();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try (LabRouter lab = LabRouter.start(inventory, router, boot, null, "lab-password",
                SnmpTarget.v2c("127.0.0.1", 0, "lgwan-ro"), Clock.systemUTC(), timers)) {
            Process netmiko = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT, Integer.toString(lab.sshPort())).redirectErrorStream(true).start();
            String output = new String(netmiko.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(netmiko.waitFor(60, TimeUnit.SECONDS), output);
            assertEquals(0, netmiko.exitValue(), output);
            assertTrue(output.startsWith("lgrt#"), output); // the rendered hostname is the first label
            assertTrue(output.contains("[OK]"), "save_config saw the device's answer:\n" + output);
            assertTrue(lab.device().runningConfig().contains(" description set by netmiko"), lab.device().runningConfig().toString());
            assertEquals("set by netmiko", lab.state().portView("GigabitEthernet0/0/1").orElseThrow().description());
        } finally {
            timers.shutdownNow();
        }
    }
}
