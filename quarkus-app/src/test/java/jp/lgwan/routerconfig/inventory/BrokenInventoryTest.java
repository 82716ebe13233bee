package jp.lgwan.routerconfig.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken organization files: each replaces a valid one, and validate must report
 * exactly the findings its {@code # expect: LINE:COL rule-id} lines name for that file, with exit
 * status 1, no stack trace, and nothing else reported for the file. Hostile inputs too large to
 * keep as files are made here.
 */
class BrokenInventoryTest {

    private static final String TARGET = "organizations/011002-sapporo.yaml";
    private static final Path CORPUS = Paths.get("quarkus-app/src/test/resources/broken");

    @TempDir
    Path temp;

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusFileIsReportedAtItsLines(Path broken) throws IOException {
        String text = Files.readString(broken, StandardCharsets.UTF_8);
        List<String> expected = text.lines().filter(l -> l.startsWith("# expect: ")).map(l -> l.substring("# expect: ".length())).toList();
        assertFalse(expected.isEmpty(), broken + " names no expected finding");
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        inventory.write(TARGET, Files.readAllBytes(broken));
        assertReports(inventory, expected);
    }

    @Test
    void invalidUtf8IsReportedAtTheByte() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        String good = inventory.read(TARGET);
        int at = good.substring(0, good.indexOf("Sapporo City")).getBytes(StandardCharsets.UTF_8).length;
        byte[] bad = good.getBytes(StandardCharsets.UTF_8);
        bad[at + 3] = (byte) 0xff;
        inventory.write(TARGET, bad);
        // line 4 is "name_en: Sapporo City": the 'p' at column 13 became 0xFF
        TestInventory.Run run = assertReports(inventory, List.of("4:13 file-encoding"));
        assertTrue(run.out().contains("invalid UTF-8 byte 0xFF"), run.out());
    }

    @Test
    void twentyMegabyteFileIsRefusedUnread() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        byte[] huge = new byte[20 * 1024 * 1024];
        Arrays.fill(huge, (byte) '#');
        inventory.write(TARGET, huge);
        TestInventory.Run run = assertReports(inventory, List.of("1:1 file-too-large"));
        assertTrue(run.out().contains("file is 20971520 bytes; an inventory file may be at most 1048576 bytes"), run.out());
    }

    @Test
    @Timeout(10)
    void deepNestingStopsAtTheLimit() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        inventory.write(TARGET, "code: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        assertReports(inventory, List.of("1:30 yaml-too-deep"));
    }

    @Test
    @Timeout(10)
    void aliasBombIsStoppedBeforeItExpands() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        inventory.write(TARGET, bomb.toString());
        // level 5 (line 6, its anchor at column 5) is the first to stand for more than 200,000 nodes
        assertReports(inventory, List.of("6:5 yaml-alias"));
    }

    @Test
    void manyAliasesAreRefused() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        inventory.write(TARGET, "a: &x 1\nb: [" + "*x, ".repeat(100) + "*x]\n");
        TestInventory.Run run = assertReports(inventory, List.of("2:261 yaml-alias"));
        assertTrue(run.out().contains("more than 64 aliases"), run.out());
    }

    @Test
    void anUnchangedInventoryIsNotTouched() throws IOException {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        inventory.write(TARGET, "code: [\n");
        long before = Files.getLastModifiedTime(inventory.file(TARGET)).toMillis();
        inventory.validate();
        assertEquals(before, Files.getLastModifiedTime(inventory.file(TARGET)).toMillis());
        try (Stream<Path> files = Files.walk(inventory.dir())) {
            assertEquals(8, files.count(), "validate writes nothing into the inventory (3 folders, 5 files)");
        }
    }

    /** Runs validate and checks that the target file's findings are exactly these LINE:COL rule-id. */
    private static TestInventory.Run assertReports(TestInventory inventory, List<String> expected) {
        inventory.load();
        TestInventory.Run run = inventory.validate();
        String prefix = inventory.file(TARGET).toString() + ":";
        List<String> reported = run.out().lines().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()))
                .map(l -> l.replaceFirst("^(\\d+):(\\d+): ([a-z0-9-]+):.*", "$1:$2 $3"))
                .toList();
        assertEquals(expected, reported, run.out());
        assertEquals(1, run.status(), run.out());
        assertFalse(run.out().contains("Exception") || run.err().contains("Exception"), run.err());
        return run;
    }
}
