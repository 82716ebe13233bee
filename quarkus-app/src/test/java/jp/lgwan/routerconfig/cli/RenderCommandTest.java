package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.inventory.TestInventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

    @TempDir
    Path temp;

    private TestInventory.Run render(String... extra) {
        String[] args = Stream.concat(Stream.of("render", "--inventory", "inventory", "--as-of", TestInventory.AS_OF.toString()), Stream.of(extra))
                .toArray(String[]::new);
        return TestInventory.cli(args);
    }

    @Test
    void rendersEverySampleRouterIntoItsFile() throws Exception {
        Path out = temp.resolve("configs");
        TestInventory.Run run = render("--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("rendered 14 routers into " + out + "\n", run.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(14, files.count());
        }
        assertTrue(Files.readString(out.resolve("lgrt.metro.tokyo.lgwan.jp.cfg")).startsWith("set system host-name lgrt.metro.tokyo.lgwan.jp\n"));
    }

    @Test
    void rendersOnlyTheRoutersNamed() throws Exception {
        Path out = temp.resolve("configs");
        TestInventory.Run run = render("--out", out.toString(), "--router", "lgrt.town.matsuno.lgwan.jp");
        assertEquals(0, run.status(), run.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void anUnknownRouterIsAUsageError() {
        TestInventory.Run run = render("--out", temp.resolve("x").toString(), "--router", "lgrt.nowhere.lgwan.jp");
        assertEquals(2, run.status());
        assertEquals("render: no router lgrt.nowhere.lgwan.jp in inventory", run.err().strip());
        assertFalse(Files.exists(temp.resolve("x")));
    }

    @Test
    void aTemplateErrorWritesNothingAndNamesTemplateLineAndRouter() throws Exception {
        Path templates = temp.resolve("templates");
        try (Stream<Path> files = Files.walk(Path.of("templates"))) {
            for (Path source : files.toList()) {
                Path target = templates.resolve(Path.of("templates").relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        Files.writeString(templates.resolve("frr/router.ftl"), "hostname ${router.hostname}\n${router.uptime}\n");
        Path out = temp.resolve("configs");
        TestInventory.Run run = render("--out", out.toString(), "--templates", templates.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith(templates.resolve("frr/router.ftl") + ":2:3: template-error: lgrt.hosting-example.lgwan.jp: "), run.err());
        assertTrue(run.err().contains("render: 2 of 14 routers failed; nothing written"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anInvalidInventoryRendersNothing() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp.resolve("inv"));
        inventory.replace("organizations/011002-sapporo.yaml", "code: \"011002\"", "code: \"011003\"");
        TestInventory.Run run = TestInventory.cli("render", "--inventory", inventory.dir().toString(), "--out", temp.resolve("out").toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("local-government-code-check-digit"), run.err());
        assertFalse(Files.exists(temp.resolve("out")));
    }
}
