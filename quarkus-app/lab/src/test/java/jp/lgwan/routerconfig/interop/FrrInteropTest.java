package jp.lgwan.routerconfig.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rendered FRR configs of the sample inventory, loaded into a real FRRouting (a host of the
 * test's own, {@link FrrInstance}: zebra and staticd under watchfrr, as vtysh loads frr.conf at
 * boot): every line must be accepted. CI installs frr (.ci/run) and must run this; elsewhere,
 * without frr or root, it is skipped with the reason.
 */
class FrrInteropTest {

    private static final Path ZEBRA = FrrInstance.ZEBRA;
    private static final Path STATICD = FrrInstance.STATICD;
    private static final Path VTYSH = FrrInstance.VTYSH;

    private static Inventory sample;

    @BeforeAll
    static void requireFrrAndRoot() throws Exception {
        String missing = !Files.isExecutable(ZEBRA) || !Files.isExecutable(STATICD) || !Files.isExecutable(VTYSH) ? "frr is not installed (apt-get install frr)"
                : !"root".equals(System.getProperty("user.name")) ? "network namespaces need root" : null;
        if (missing != null) {
            if (System.getenv("CI") != null) {
                fail("CI must run the FRR interop test, but " + missing + "; .ci/run installs frr and runs as root");
            }
            Assumptions.abort("FRR interop test skipped: " + missing);
        }
        sample = new InventoryLoader().load(Paths.get("inventory"), TestInventory.AS_OF).inventory();
    }

    @Test
    void everySampleFrrConfigLoadsWithoutError() throws Exception {
        List<ConnectionRouter> routers = sample.organizations().stream().flatMap(o -> o.routers().stream())
                .filter(r -> r.vendorProfile().equals("frr")).toList();
        assertFalse(routers.isEmpty(), "the sample has FRR routers");
        ConfigRenderer renderer = new ConfigRenderer(Paths.get("templates"));
        for (ConnectionRouter router : routers) {
            String config = renderer.render(sample, router).text();
            try (FrrInstance frr = FrrInstance.start()) {
                FrrInstance.Result load = frr.boot(config);
                assertEquals("", load.output().strip(), router.hostname() + ": FRR reported problems loading the config");
                assertEquals(0, load.status(), router.hostname());
                String running = frr.vtysh("show running-config").output();
                for (String line : config.lines().filter(l -> l.startsWith("ip route ") || l.startsWith(" ip address ")
                        || l.startsWith(" description ") || l.startsWith("interface ")).toList()) {
                    assertTrue(running.lines().anyMatch(l -> l.equals(line)), router.hostname() + ": running config lacks '" + line + "':\n" + running);
                }
            }
        }
    }

    @Test
    void aLineFrrDoesNotKnowIsCaught() throws Exception {
        // the check above can fail: FRR has no speed command, and says so
        try (FrrInstance frr = FrrInstance.start()) {
            FrrInstance.Result load = frr.boot("interface eth0\n speed 100\nexit\n");
            assertTrue(load.output().contains("line 2: % Unknown command"), load.output());
            assertTrue(load.status() != 0);
        }
    }

}
