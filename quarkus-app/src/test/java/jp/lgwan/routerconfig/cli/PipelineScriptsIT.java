package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell steps every pipeline runs (pipelines/scripts), run as CI runs them: in a throwaway
 * git repository holding the sample inventory and templates, with the packaged tool.
 */
class PipelineScriptsIT {

    private static final Path JAR = Paths.get(System.getProperty("app.runner", "quarkus-app/target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    private static final String SAPPORO = "inventory/organizations/011002-sapporo.yaml";
    private static final String AS_OF = "2026-11-25";

    @TempDir
    Path temp;

    private Path repo;

    record Result(int status, String output) {
    }

    @BeforeEach
    void repository() throws Exception {
        repo = temp.resolve("repo");
        for (String folder : List.of("inventory", "templates", "pipelines")) {
            copy(Paths.get(folder), repo.resolve(folder));
        }
        git("init", "-q", "-b", "main");
        git("add", ".");
        git("commit", "-q", "-m", "sample");
    }

    @Test
    void everyPipelineRunsTheseScripts() throws IOException {
        for (String pipeline : List.of("pipelines/github-actions/inventory.yml", "pipelines/gitlab-ci/.gitlab-ci.yml", "pipelines/jenkins/Jenkinsfile")) {
            String text = Files.readString(Paths.get(pipeline));
            assertTrue(text.contains("bash pipelines/scripts/validate.sh"), pipeline);
            assertTrue(text.contains("bash pipelines/scripts/diff.sh"), pipeline);
        }
    }

    @Test
    void validateOnTheSamplePassesAndWritesBothReports() throws Exception {
        Result run = sh("bash pipelines/scripts/validate.sh");
        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("valid: 16 files, 13 organizations, 14 routers; 0 errors, 0 warnings"), run.output());
        assertTrue(Files.readString(repo.resolve("target/inventory-validation.xml")).contains("<testsuite name=\"inventory validation\" tests=\"16\" failures=\"0\""));
        assertEquals("0", Files.readString(repo.resolve("target/inventory-validation.rc")).strip());
    }

    @Test
    void anInvalidChangeFailsAndIsAnnotatedOnItsLine() throws Exception {
        edit("description: Office LAN", "description: \"Office LAN\\nshutdown\"");
        Result run = sh("bash pipelines/scripts/validate.sh");
        assertEquals(1, run.status(), run.output());
        Result github = sh("awk -f pipelines/scripts/github-annotations.awk target/inventory-validation.txt");
        assertTrue(github.output().startsWith("::error file=" + SAPPORO + ",line=46,col=22::cli-safe: routers[0].interfaces[1].description: contains a newline"),
                github.output());
        Result gitlab = sh("awk -f pipelines/scripts/gitlab-codequality.awk target/inventory-validation.txt");
        assertTrue(gitlab.output().startsWith("[{\"description\":\"cli-safe: routers[0].interfaces[1].description: contains a newline (\\\\n)"), gitlab.output());
        assertTrue(gitlab.output().contains("\"location\":{\"path\":\"" + SAPPORO + "\",\"lines\":{\"begin\":46}}}]"), gitlab.output());
    }

    @Test
    void diffOfABranchWritesMarkdownAndJsonAndDoesNotFail() throws Exception {
        git("checkout", "-q", "-b", "faster-line");
        edit("bandwidth_mbps: 1000\n    reaches: hokkaido-node", "bandwidth_mbps: 500\n    reaches: hokkaido-node");
        git("commit", "-q", "-am", "sapporo carrier line 500 Mbps");
        Result run = sh("bash pipelines/scripts/diff.sh main");
        assertEquals(0, run.status(), run.output());
        String markdown = Files.readString(repo.resolve("target/config-diff.md"));
        assertTrue(markdown.contains("| `lgrt.city.sapporo.lgwan.jp` | cisco-iosxe | **NEEDS_OUTAGE** |"), markdown);
        assertTrue(markdown.contains("-  shape average 1000000000\n+  shape average 500000000"), markdown);
        assertTrue(Files.readString(repo.resolve("target/config-diff.json")).contains("\"highest_risk\":\"NEEDS_OUTAGE\""));
    }

    @Test
    void diffFailsOnABrokenHeadAndOnMissingArguments() throws Exception {
        git("checkout", "-q", "-b", "broken");
        edit("code: \"011002\"", "code: \"011003\"");
        git("commit", "-q", "-am", "typo");
        assertEquals(1, sh("bash pipelines/scripts/diff.sh main").status());
        assertEquals(2, sh("bash pipelines/scripts/diff.sh").status());
        assertEquals(2, sh("bash pipelines/scripts/diff.sh no-such-branch").status());
    }

    private void edit(String from, String to) throws IOException {
        Path file = repo.resolve(SAPPORO);
        String text = Files.readString(file);
        assertTrue(text.contains(from), from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=ci", "-c", "user.email=ci@example.jp", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Result result = exec(command);
        assertEquals(0, result.status(), String.join(" ", command) + ": " + result.output());
    }

    private Result sh(String script) throws Exception {
        return exec(List.of("bash", "-c", script));
    }

    private Result exec(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("APP_JAR", JAR.toString());
        env.put("INVENTORY_AS_OF", AS_OF);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
        return new Result(process.exitValue(), output);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
