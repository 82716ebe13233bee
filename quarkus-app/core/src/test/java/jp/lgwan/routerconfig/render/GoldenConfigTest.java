package jp.lgwan.routerconfig.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample inventory renders, router by router, to the checked-in golden configs. After a
 * deliberate template change, regenerate them (templates/README.md) and review the change.
 */
class GoldenConfigTest {

    private static final Path GOLDEN = Paths.get("quarkus-app/core/src/test/resources/golden");
    private static final String REGENERATE = "rm -rf " + GOLDEN + " && java -jar quarkus-app/target/quarkus-app/quarkus-run.jar render --out " + GOLDEN;

    private static Inventory sample;

    @BeforeAll
    static void load() throws Exception {
        sample = new InventoryLoader().load(Paths.get("inventory"), TestInventory.AS_OF).inventory();
    }

    @Test
    void everyRouterRendersToItsGoldenConfig() throws Exception {
        ConfigRenderer renderer = new ConfigRenderer(Paths.get("templates"));
        StringBuilder differences = new StringBuilder();
        List<ConnectionRouter> routers = sample.organizations().stream().flatMap(o -> o.routers().stream()).toList();
        for (ConnectionRouter router : routers) {
            Path golden = GOLDEN.resolve(router.hostname() + ".cfg");
            String expected = Files.exists(golden) ? Files.readString(golden) : "";
            String actual = renderer.render(sample, router).text();
            if (!expected.equals(actual)) {
                differences.append(Files.exists(golden) ? "" : "(no golden file " + golden + ")\n")
                        .append(ConfigDiff.between(router.hostname(), Dialect.PLAIN, expected, actual).unifiedDiff()).append('\n');
            }
        }
        if (!differences.isEmpty()) {
            fail("rendered configs differ from the golden files (- golden, + rendered). If the change is intended, regenerate:\n  "
                    + REGENERATE + "\n\n" + differences);
        }
        Set<String> goldenFiles;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            goldenFiles = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(routers.stream().map(r -> r.hostname() + ".cfg").collect(Collectors.toCollection(TreeSet::new)), goldenFiles,
                "one golden file per sample router, none left over");
    }

    @Test
    void everyVendorProfileIsCovered() {
        Set<String> profiles = sample.organizations().stream().flatMap(o -> o.routers().stream()).map(ConnectionRouter::vendorProfile)
                .collect(Collectors.toSet());
        assertTrue(profiles.containsAll(Set.of("cisco-iosxe", "juniper-junos", "yamaha-rtx", "nec-ix", "frr")), profiles.toString());
    }

    @Test
    void renderingTwiceAndDiffingShowsZeroLines() throws Exception {
        ConfigRenderer renderer = new ConfigRenderer(Paths.get("templates"));
        for (ConnectionRouter router : sample.organizations().stream().flatMap(o -> o.routers().stream()).toList()) {
            Dialect dialect = Dialect.load(Paths.get("templates"), router.vendorProfile());
            ConfigDiff diff = ConfigDiff.between(router.hostname(), dialect, renderer.render(sample, router).text(), renderer.render(sample, router).text());
            assertEquals("", diff.unifiedDiff(), router.hostname());
        }
    }
}
