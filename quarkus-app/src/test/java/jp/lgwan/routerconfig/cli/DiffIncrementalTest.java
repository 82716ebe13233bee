package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.inventory.TestInventory;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incremental diff (only the routers whose organization file, reference files or template folder
 * changed; each file's parse from the parse cache) prints byte for byte what rendering every router
 * prints ({@code --full --no-cache}), with a cold cache and a warm one, for each kind of change on a
 * generated fleet of all five vendor profiles with the product's templates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiffIncrementalTest {

    private static final int ORGANIZATIONS = 240;

    @TempDir
    static Path temp;

    private Path repo;
    private Git git;
    private List<Path> organizations;

    @BeforeAll
    void fleet() throws Exception {
        repo = temp.resolve("repo");
        TestInventory.Run generated = TestInventory.cli("generate-fleet", "--organizations", Integer.toString(ORGANIZATIONS), "--seed", "1",
                "--as-of", TestInventory.AS_OF.toString(), "--inventory", "inventory", "--out", repo.resolve("inventory").toString());
        assertEquals(0, generated.status(), generated.err());
        TestInventory.copyTree(Path.of("templates"), repo.resolve("templates"));
        git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
        commit("generated fleet");
        try (Stream<Path> files = Files.list(repo.resolve("inventory/organizations"))) {
            organizations = files.sorted().toList();
        }
    }

    @AfterAll
    void close() {
        git.close();
    }

    @Test
    void noChange() throws Exception {
        Files.writeString(repo.resolve("templates/NOTES.md"), "a note, not a template\n");
        commit("docs only");
        assertSameAsFull(0, "no change: " + (ORGANIZATIONS + ORGANIZATIONS / 20) + " routers compared");
    }

    @Test
    void oneOrganizationInTwentyChangesItsWanDescription() throws Exception {
        for (int i = 0; i < organizations.size(); i += 20) {
            edit(organizations.get(i), "description: LGWAN access line\n", "description: LGWAN access line (renumbered)\n");
        }
        commit("descriptions");
        assertSameAsFull(3, "SAFE");
    }

    @Test
    void aLineChangeAnAddedAndARemovedOrganization() throws Exception {
        edit(organizations.get(7), "product: ", "product: New ");
        Path removed = organizations.get(11);
        Path added = removed.resolveSibling("999999-added.yaml");
        Files.move(removed, added);
        commit("line product, rename");
        assertSameAsFull(3, "NEEDS_OUTAGE");
        Files.move(added, removed);
        commit("rename back");
    }

    @Test
    void aTemplateChangeChangesItsProfilesRoutersOnly() throws Exception {
        Path template = repo.resolve("templates/cisco-iosxe/router.ftl");
        String text = Files.readString(template, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\nend\n"), "the template ends with end");
        Files.writeString(template, text.substring(0, text.length() - "end\n".length()) + "logging buffered 64000\nend\n", StandardCharsets.UTF_8);
        commit("template");
        String report = assertSameAsFull(3, "DISRUPTIVE");
        assertTrue(report.contains("logging buffered 64000"), report);
    }

    @Test
    void aReferenceChangeChangesEveryRouter() throws Exception {
        edit(repo.resolve("inventory/reference/operations.yaml"), "syslog_servers: [198.18.0.50]", "syslog_servers: [198.18.0.50, 198.18.0.51]");
        commit("reference");
        String report = assertSameAsFull(3, "SAFE");
        assertTrue(report.contains((ORGANIZATIONS + ORGANIZATIONS / 20) + " of " + (ORGANIZATIONS + ORGANIZATIONS / 20) + " routers change"), report);
    }

    @Test
    void anInvalidHeadIsReportedTheSame() throws Exception {
        edit(organizations.get(3), "bandwidth_mbps: ", "bandwidth_mbps: x");
        commit("broken");
        assertSameAsFull(1, "yaml-type");
        edit(organizations.get(3), "bandwidth_mbps: x", "bandwidth_mbps: ");
        commit("repaired");
    }

    @Test
    void theWorkingTreeIsComparedTheSame() throws Exception {
        edit(organizations.get(5), "description: LGWAN access line\n", "description: LGWAN access line (working tree)\n");
        for (String format : List.of("text", "json")) {
            TestInventory.Run full = diff("--base", "HEAD", "--format", format, "--full", "--no-cache");
            assertEquals(3, full.status(), full.err());
            for (int run = 0; run < 2; run++) {
                TestInventory.Run incremental = diff("--base", "HEAD", "--format", format);
                assertEquals(full.out(), incremental.out());
                assertEquals(full.status(), incremental.status());
            }
        }
        git.checkout().addPath("inventory").call();
    }

    // ------------------------------------------------------------------ helpers

    /** HEAD~1 .. HEAD in every format, incremental with a cold and then a warm cache, against --full --no-cache; answers the text report. */
    private String assertSameAsFull(int status, String expected) throws IOException {
        String text = null;
        // every format for the change that touches all routers of a profile; text and JSON (the count of routers compared) for the others
        List<String> formats = expected.equals("DISRUPTIVE") ? List.of("text", "json", "markdown", "junit") : List.of("text", "json");
        for (String format : formats) {
            Path cache = Files.createTempDirectory(temp, "cache");
            TestInventory.Run full = diff("--base", "HEAD~1", "--head", "HEAD", "--format", format, "--full", "--no-cache");
            assertEquals(status, full.status(), full.err());
            for (String run : List.of("cold", "warm")) {
                TestInventory.Run incremental = diff("--base", "HEAD~1", "--head", "HEAD", "--format", format, "--cache", cache.toString());
                assertEquals(full.out(), incremental.out(), format + ", " + run + " cache");
                assertEquals(full.err(), incremental.err(), format + ", " + run + " cache");
                assertEquals(full.status(), incremental.status(), format + ", " + run + " cache");
            }
            if (format.equals("text")) {
                text = full.out() + full.err();
            }
        }
        assertTrue(text.contains(expected), text);
        return text;
    }

    private TestInventory.Run diff(String... extra) {
        String[] args = new String[extra.length + 5];
        System.arraycopy(new String[] {"diff", "--repo", repo.toString(), "--as-of", TestInventory.AS_OF.toString()}, 0, args, 0, 5);
        System.arraycopy(extra, 0, args, 5, extra.length);
        return TestInventory.cli(args);
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), file + ": " + from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
    }

    private void commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        git.commit().setMessage(message).setAuthor("test", "test@example.jp").setCommitter("test", "test@example.jp").setSign(false).call();
    }
}
