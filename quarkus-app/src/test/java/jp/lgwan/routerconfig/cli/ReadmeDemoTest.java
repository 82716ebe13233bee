package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.lgwan.routerconfig.inventory.TestInventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demos as a newcomer runs them, text taken from README.md and run by bash in this
 * checkout: each changes only its scratch clone or copy under {@code /tmp/lgwan} (here moved into a
 * temporary folder), never this checkout — whose inventory {@code GoldenConfigTest} checks — and
 * prints what the README shows. The packaged jar is stood in for by the same {@code Main} on the
 * test class path.
 */
class ReadmeDemoTest {

    private static final String JAR_COMMAND = "java -jar quarkus-app/target/quarkus-app/quarkus-run.jar";
    private static final String SCRATCH = "/tmp/lgwan";
    private static final Pattern SHELL_BLOCK = Pattern.compile("```sh\n(.*?)```\n", Pattern.DOTALL);
    private static final Pattern OUTPUT_BLOCK = Pattern.compile("\\G\\s*```\n(.*?)```\n", Pattern.DOTALL);
    private static final Pattern COMMIT = Pattern.compile("\\b[0-9a-f]{12}\\b");

    @TempDir
    Path temp;

    record Run(int status, String out, String err) {
    }

    @Test
    void theBrokenExampleShipsAsAFileAndValidatesAsShown() throws Exception {
        String block = shellBlock("quarkus-app/docs/examples/broken/011002-sapporo.yaml");
        assertTrue(Files.isRegularFile(Path.of("quarkus-app/docs/examples/broken/011002-sapporo.yaml")));
        Run run = run(block);
        assertEquals(1, run.status(), run.out() + run.err());
        assertEquals(inScratch(outputAfter(block)), run.out());
    }

    @Test
    void theDiffExampleRunsOnAScratchCloneAndPrintsWhatTheReadmeShows() throws Exception {
        String block = shellBlock("diff --repo /tmp/lgwan/try");
        Run run = run(block);
        assertEquals(3, run.status(), run.out() + run.err());
        // the commit the clone starts from is the reader's own
        assertEquals(COMMIT.matcher(outputAfter(block)).replaceAll("COMMIT"), COMMIT.matcher(run.out()).replaceAll("COMMIT"),
                "the README's diff example no longer prints what it shows: update README.md (validate, diff)");
    }

    @Test
    void theLabDemoCommitsItsChangeToItsScratchCloneOnly() throws Exception {
        String start = shellBlock("serve --lab \\");
        // the service itself is ServeIT's business; here the clone it serves from, and the engineer's change
        String clone = start.lines().filter(line -> line.contains("git clone")).findFirst().orElseThrow();
        String change = shellBlock("git -C $D commit");
        Run run = run(clone + "\n" + change + "echo \"REV=$REV\"\n");
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().startsWith("valid: 16 files, 13 organizations, 14 routers"), run.out());
        Path demo = temp.resolve("lgwan/demo");
        String rev = run.out().lines().filter(line -> line.startsWith("REV=")).findFirst().orElseThrow().substring(4);
        assertEquals(rev, git(demo, "rev-parse", "HEAD"));
        assertEquals("inventory/organizations/013951-niseko.yaml\ninventory/organizations/384844-matsuno.yaml",
                git(demo, "show", "--format=", "--name-only", "HEAD"));
    }

    /** No shell block of a README edits this checkout's inventory or templates, or commits to it. */
    @Test
    void noReadmeDemoEditsTheCheckout() throws IOException {
        List<String> offending = new ArrayList<>();
        for (String readme : List.of("README.md", "inventory/README.md", "templates/README.md", "pipelines/README.md")) {
            Matcher blocks = SHELL_BLOCK.matcher(Files.readString(Path.of(readme)));
            while (blocks.find()) {
                for (String line : blocks.group(1).replace("\\\n", " ").split("\n")) {
                    boolean edits = line.matches(".*\\b(sed -i|cp|mv|rm|tee)\\b.*(^|\\s)(\\./)?(inventory|templates)/.*");
                    boolean commits = line.matches(".*\\bgit (commit|add|reset|checkout|switch)\\b.*") && !line.contains("git -C ");
                    if (edits || commits) {
                        offending.add(readme + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), offending, "a README demo that edits the checkout turns ./mvnw verify red: run it on a scratch clone");
    }

    static String shellBlock(String containing) throws IOException {
        Matcher blocks = SHELL_BLOCK.matcher(readme());
        String found = null;
        while (blocks.find()) {
            if (blocks.group(1).contains(containing)) {
                assertEquals(null, found, "two README blocks contain " + containing);
                found = blocks.group(1);
            }
        }
        if (found == null) {
            fail("no shell block in README.md contains " + containing);
        }
        return found;
    }

    /** The plain block right after a shell block: what it prints. */
    private static String outputAfter(String shellBlock) throws IOException {
        String readme = readme();
        Matcher output = OUTPUT_BLOCK.matcher(readme);
        assertTrue(output.find(readme.indexOf(shellBlock) + shellBlock.length() + "```\n".length()), "no output block after " + shellBlock);
        return output.group(1);
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    private String inScratch(String text) {
        return text.replace(SCRATCH, temp.resolve("lgwan").toString());
    }

    /** Runs README text with bash in this checkout, and checks that the checkout is as it was. */
    private Run run(String script) throws Exception {
        String before = checkoutState();
        Path cli = temp.resolve("lgwan-cli");
        // the README's commands judge end of support as of today; here as of the tests' day, which the sample stays valid on
        // (its earliest OS releases end on 2029-03-31)
        Files.writeString(cli, "#!/bin/sh\ncase \"$1\" in validate|diff|render|generate-fleet) c=$1; shift; set -- \"$c\" --as-of "
                + TestInventory.AS_OF + " \"$@\";; esac\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp \"$TEST_CLASS_PATH\" jp.lgwan.routerconfig.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", inScratch(script).replace(JAR_COMMAND, cli.toString()))
                .redirectErrorStream(false);
        builder.environment().put("TEST_CLASS_PATH", System.getProperty("java.class.path"));
        // a CI runner may have no git identity of its own
        for (String role : new String[] {"AUTHOR", "COMMITTER"}) {
            builder.environment().put("GIT_" + role + "_NAME", "newcomer");
            builder.environment().put("GIT_" + role + "_EMAIL", "newcomer@example.jp");
        }
        builder.redirectError(temp.resolve("stderr").toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the demo did not finish");
        String err = Files.readString(temp.resolve("stderr"));
        assertEquals(before, checkoutState(), "the demo changed this checkout: " + script + "\n" + err);
        return new Run(process.exitValue(), out, err);
    }

    /** HEAD and every change of the working tree, ignored files included (a scratch copy in the checkout would show). */
    private static String checkoutState() throws Exception {
        Path here = Path.of("").toAbsolutePath();
        return git(here, "rev-parse", "HEAD") + "\n" + git(here, "status", "--porcelain", "--untracked-files=all", "--", "inventory", "templates", "quarkus-app/docs/examples");
    }

    private static String git(Path directory, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }
}
