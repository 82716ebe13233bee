package jp.lgwan.routerconfig.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.inventory.load.LoadResult;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetGeneratorTest {

    @TempDir
    Path temp;

    private Path generate(String name, int organizations, long seed) {
        Path out = temp.resolve(name);
        TestInventory.Run run = TestInventory.cli("generate-fleet", "--organizations", String.valueOf(organizations), "--seed", String.valueOf(seed),
                "--inventory", TestInventory.MINIMAL.toString(), "--as-of", TestInventory.AS_OF.toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        return out;
    }

    @Test
    void generatedFleetIsValidByConstruction() throws Exception {
        Path fleet = generate("fleet", 600, 7);
        LoadResult result = new InventoryLoader().load(fleet, TestInventory.AS_OF);
        assertEquals(List.of(), result.findings());
        assertEquals(600, result.inventory().organizations().size());
        // prefectures, municipalities, associations; one in twenty with a redundancy pair
        assertEquals(47, result.inventory().organizations().stream().filter(o -> o.kind() == OrganizationKind.PREFECTURE).count());
        assertTrue(result.inventory().organizations().stream().anyMatch(o -> o.kind() == OrganizationKind.PARTIAL_AFFAIRS_ASSOCIATION));
        assertEquals(630, result.inventory().routerCount());
        assertTrue(result.inventory().organizations().stream().flatMap(o -> o.accessLines().stream())
                .map(AccessLine::kind).distinct().count() == 2, "both access-line kinds");
    }

    @Test
    void sameSeedSameFilesOtherSeedOtherFiles() throws IOException {
        Path a = generate("a", 60, 42);
        Path b = generate("b", 60, 42);
        Path c = generate("c", 60, 43);
        assertEquals(contents(a), contents(b));
        assertNotEquals(contents(a), contents(c));
    }

    @Test
    void profilesNarrowTheVendorMix() throws Exception {
        Path out = temp.resolve("cisco");
        TestInventory.Run run = TestInventory.cli("generate-fleet", "--organizations", "40", "--profiles", "cisco-iosxe",
                "--inventory", TestInventory.MINIMAL.toString(), "--as-of", TestInventory.AS_OF.toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        LoadResult result = new InventoryLoader().load(out, TestInventory.AS_OF);
        assertEquals(List.of(), result.findings());
        assertEquals(List.of("cisco-iosxe"), result.inventory().organizations().stream().flatMap(o -> o.routers().stream())
                .map(ConnectionRouter::vendorProfile).distinct().toList());

        TestInventory.Run unknown = TestInventory.cli("generate-fleet", "--organizations", "5", "--profiles", "cisco-ios",
                "--inventory", TestInventory.MINIMAL.toString(), "--out", temp.resolve("none").toString());
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("no vendor profile cisco-ios"), unknown.err());
    }

    @Test
    void refusesToWriteIntoAFullDirectory() throws IOException {
        Path out = Files.createDirectories(temp.resolve("full"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        TestInventory.Run run = TestInventory.cli("generate-fleet", "--organizations", "5", "--inventory", TestInventory.MINIMAL.toString(),
                "--out", out.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("is not empty"), run.err());
        assertEquals(1, Files.list(out).count());
    }

    private static String contents(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                all.append(dir.relativize(file)).append('\n').append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
