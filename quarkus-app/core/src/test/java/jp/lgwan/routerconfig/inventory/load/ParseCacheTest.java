package jp.lgwan.routerconfig.inventory.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.VendorProfiles;
import jp.lgwan.routerconfig.inventory.generate.FleetGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parse cache gives exactly what parsing gives — the same records, the same source location of
 * every record and field, the same findings in the same order — for valid and broken inventories,
 * cold and warm; a corrupt, truncated or foreign pack is ignored and rebuilt.
 */
class ParseCacheTest {

    private static final Path BROKEN = Paths.get("quarkus-app/src/test/resources/broken");

    @TempDir
    Path temp;

    @Test
    void theSampleInventoryLoadsTheSameFromTheCache() throws Exception {
        assertSameColdAndWarm(Paths.get("inventory"));
    }

    @Test
    void aGeneratedFleetLoadsTheSameFromTheCache() throws Exception {
        Path fleet = generated(temp.resolve("fleet"), 300);
        ParseCache.Stats warm = assertSameColdAndWarm(fleet);
        assertEquals(303, warm.hits(), "every file a hit the second time");
    }

    /** Every file of the broken corpus in place of a valid one, and files with field and binding errors: the same findings from the cache. */
    @Test
    void brokenFilesReportTheSameFromTheCache() throws Exception {
        Path inventory = temp.resolve("broken");
        TestInventory.copyTree(TestInventory.MINIMAL, inventory);
        String valid = Files.readString(inventory.resolve("organizations/011002-sapporo.yaml"), StandardCharsets.UTF_8);
        try (Stream<Path> corpus = Files.list(BROKEN)) {
            for (Path broken : corpus.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Files.copy(broken, inventory.resolve("organizations/broken-" + broken.getFileName()));
            }
        }
        // a field rule, a wrong type, an unknown key and an unreadable nested record, each in a file otherwise valid
        Files.writeString(inventory.resolve("organizations/field.yaml"), valid.replace("name_en: Sapporo City", "name_en: \"\""), StandardCharsets.UTF_8);
        Files.writeString(inventory.resolve("organizations/type.yaml"), valid.replace("bandwidth_mbps: 100", "bandwidth_mbps: fast"), StandardCharsets.UTF_8);
        Files.writeString(inventory.resolve("organizations/unknown.yaml"), valid.replace("name_en:", "nmae_en:"), StandardCharsets.UTF_8);
        Files.writeString(inventory.resolve("organizations/nested.yaml"), valid.replace("mode: 1000-full", "mode: [1000]"), StandardCharsets.UTF_8);
        Files.writeString(inventory.resolve("organizations/too-large.yaml"), "# " + "x".repeat((int) YamlLimits.DEFAULT.maxFileBytes()), StandardCharsets.UTF_8);
        LoadResult parsed = new InventoryLoader().load(inventory, TestInventory.AS_OF);
        assertTrue(parsed.errorCount() > 15, "the corpus is reported: " + parsed.findings().size());
        assertSameColdAndWarm(inventory);
    }

    @Test
    void aCorruptEntryIsIgnoredAndRebuilt() throws Exception {
        Path fleet = generated(temp.resolve("fleet"), 40);
        Path top = temp.resolve("cache");
        LoadResult expected = new InventoryLoader().load(fleet, TestInventory.AS_OF);
        load(fleet, top);
        Path pack = onlyPack(top);
        byte[] bytes = Files.readAllBytes(pack);
        for (int at = bytes.length / 3; at < bytes.length; at += bytes.length / 7) {
            bytes[at] ^= 0x5a; // a few entries' payloads (or headers) damaged
        }
        Files.write(pack, bytes);
        Loaded damaged = load(fleet, top);
        assertSame(expected, damaged.result());
        assertTrue(damaged.stats().corrupt() > 0, "the damage is seen: " + damaged.stats());
        Loaded repaired = load(fleet, top);
        assertSame(expected, repaired.result());
        assertEquals(new ParseCache.Stats(43, 0, 0, 0), repaired.stats(), "rebuilt: every entry good again, nothing written");
    }

    @Test
    void aTruncatedOrForeignPackIsIgnored() throws Exception {
        Path fleet = generated(temp.resolve("fleet"), 20);
        Path top = temp.resolve("cache");
        LoadResult expected = new InventoryLoader().load(fleet, TestInventory.AS_OF);
        load(fleet, top);
        Path pack = onlyPack(top);
        byte[] bytes = Files.readAllBytes(pack);
        Files.write(pack, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.writeString(pack.resolveSibling("pack-0-foreign.bin"), "not a pack at all", StandardCharsets.UTF_8);
        Loaded truncated = load(fleet, top);
        assertSame(expected, truncated.result());
        assertTrue(truncated.stats().hits() > 0 && truncated.stats().misses() > 0, "the first half still serves: " + truncated.stats());
        assertEquals(new ParseCache.Stats(23, 0, 0, 0), load(fleet, top).stats());
    }

    @Test
    void anotherBuildsEntriesAreNeitherReadNorKept() throws Exception {
        Path fleet = generated(temp.resolve("fleet"), 10);
        Path top = temp.resolve("cache");
        Path other = Files.createDirectories(top.resolve("v1-0.0.1-20200101000000"));
        Files.writeString(other.resolve("pack-1.bin"), "old", StandardCharsets.UTF_8);
        Path unrelated = Files.createDirectories(top.resolve("notes"));
        Loaded first = load(fleet, top);
        assertEquals(0, first.stats().hits());
        assertFalse(Files.exists(other), "another build's folder is removed");
        assertTrue(Files.exists(unrelated), "a folder the cache did not make is left alone");
    }

    // ------------------------------------------------------------------ helpers

    private record Loaded(LoadResult result, ParseCache.Stats stats) {
    }

    private static Loaded load(Path inventory, Path top) throws Exception {
        ParseCache cache = ParseCache.open(top).orElseThrow(() -> new AssertionError("no build id: build.properties not filtered?"));
        LoadResult result;
        try (cache) {
            result = new InventoryLoader().load(InventoryFiles.folder(inventory), TestInventory.AS_OF, cache);
        }
        return new Loaded(result, cache.stats());
    }

    private ParseCache.Stats assertSameColdAndWarm(Path inventory) throws Exception {
        Path top = Files.createTempDirectory(temp, "cache");
        LoadResult parsed = new InventoryLoader().load(inventory, TestInventory.AS_OF);
        Loaded cold = load(inventory, top);
        assertTrue(cold.stats().written() > 0, "cold: files parsed and kept: " + cold.stats());
        assertSame(parsed, cold.result());
        Loaded warm = load(inventory, top);
        assertSame(parsed, warm.result());
        assertEquals(0, warm.stats().written(), "nothing new to write: " + warm.stats());
        return warm.stats();
    }

    private static Path onlyPack(Path top) throws IOException {
        try (Stream<Path> files = Files.walk(top)) {
            List<Path> packs = files.filter(p -> p.getFileName().toString().startsWith("pack-")).toList();
            assertEquals(1, packs.size(), packs.toString());
            return packs.get(0);
        }
    }

    private static Path generated(Path out, int organizations) throws Exception {
        Path reference = TestInventory.MINIMAL.resolve("reference");
        VendorProfiles profiles = new RecordBinder("p", new SourceLocations(), new java.util.ArrayList<>())
                .bindRoot(new SafeYamlReader(YamlLimits.DEFAULT).read(Paths.get("inventory/reference/vendor-profiles.yaml"), "p").root(), VendorProfiles.class);
        new FleetGenerator(profiles, TestInventory.AS_OF, 1).write(out, organizations, Paths.get("inventory/reference/vendor-profiles.yaml"),
                reference.resolve("operations.yaml"));
        return out;
    }

    /** The same findings, files, records and source locations of every record and field. */
    static void assertSame(LoadResult expected, LoadResult actual) {
        assertEquals(expected.findings(), actual.findings());
        assertEquals(expected.files(), actual.files());
        Inventory a = expected.inventory();
        Inventory b = actual.inventory();
        assertEquals(a.organizations(), b.organizations());
        assertEquals(a.network(), b.network());
        assertEquals(a.vendorProfiles(), b.vendorProfiles());
        assertEquals(a.operations(), b.operations());
        sameLocations(expected.locations(), a.organizations(), actual.locations(), b.organizations());
        sameLocations(expected.locations(), a.network(), actual.locations(), b.network());
        sameLocations(expected.locations(), a.vendorProfiles(), actual.locations(), b.vendorProfiles());
        sameLocations(expected.locations(), a.operations(), actual.locations(), b.operations());
    }

    private static void sameLocations(SourceLocations la, Object a, SourceLocations lb, Object b) {
        if (a instanceof List<?> listA) {
            List<?> listB = (List<?>) b;
            for (int i = 0; i < listA.size(); i++) {
                sameLocations(la, listA.get(i), lb, listB.get(i));
            }
            return;
        }
        if (a == null || !a.getClass().isRecord()) {
            return;
        }
        assertLocation(la.of(a), lb.of(b), a);
        for (RecordComponent component : a.getClass().getRecordComponents()) {
            assertLocation(la.of(a, component.getName()), lb.of(b, component.getName()), component);
            assertEquals(la.isUnreadable(a, component.getName()), lb.isUnreadable(b, component.getName()), component.toString());
            try {
                sameLocations(la, component.getAccessor().invoke(a), lb, component.getAccessor().invoke(b));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void assertLocation(SourceLocations.Location a, SourceLocations.Location b, Object what) {
        assertEquals(a.file() + ":" + a.line() + ":" + a.column() + " " + a.path(), b.file() + ":" + b.line() + ":" + b.column() + " " + b.path(),
                what.toString());
    }
}
