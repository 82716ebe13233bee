package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.lgwan.routerconfig.inventory.TestInventory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's commands, run as a user runs them: {@code java -jar quarkus-app/target/quarkus-app/quarkus-run.jar ...}. */
class PackagedJarIT {

    private static final Path JAR = Paths.get(System.getProperty("app.runner", "quarkus-app/target/quarkus-app/quarkus-run.jar"));

    @TempDir
    Path temp;

    record Result(int status, String out, String err) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(new ProcessBuilder(command));
    }

    private Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "command finished");
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void validatesTheSampleInventoryWithoutBootingTheService() throws Exception {
        Result result = run("validate", "--as-of", TestInventory.AS_OF.toString());
        assertEquals(0, result.status(), result.out() + result.err());
        assertTrue(result.out().startsWith("valid: 16 files, 13 organizations"), result.out());
        // a booted Quarkus logs its start ("started in", "Installed features") and the HTTP port
        assertEquals("", result.err());
    }

    @Test
    void reportsABrokenFileWithFileLineAndExitOne() throws Exception {
        TestInventory inventory = TestInventory.copyOfMinimal(temp.resolve("inv"));
        inventory.write("organizations/011002-sapporo.yaml", "code: \"011002\"\nkind: municipality\nkind: prefecture\n\tname: x\n");
        Result result = run("validate", "--inventory", inventory.dir().toString());
        assertEquals(1, result.status(), result.out());
        assertEquals(inventory.file("organizations/011002-sapporo.yaml") + ":4:1: yaml-tab: tab character in indentation; indent with spaces",
                result.out().lines().findFirst().orElseThrow());
        assertEquals("", result.err());
    }

    /** Debian's default Java beside the Temurin 25 the build runs on (README "Set up"). */
    private static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

    @Test
    void anOlderJavaIsRefusedAtOnceWithOneLine() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JAVA_17.resolve("bin/java")), "no Java 17 at " + JAVA_17 + " to try the jar with");
        Result jar = run(new ProcessBuilder(JAVA_17.resolve("bin/java").toString(), "-jar", JAR.toString(), "validate"));
        assertEquals(2, jar.status(), jar.err());
        assertEquals("lgwan-config: needs Java 25 or later, and this is Java 17 (" + JAVA_17 + "): set JAVA_HOME to a Java 25 (README \"Set up\")\n",
                jar.err());
        assertEquals("", jar.out());

        // the launcher the build installs beside the jar says so before it starts a JVM
        ProcessBuilder launcher = new ProcessBuilder(JAR.getParent().getParent().resolve("bin/lgwan-config").toString(), "validate");
        launcher.environment().put("JAVA_HOME", JAVA_17.toString());
        Result script = run(launcher);
        assertEquals(2, script.status(), script.err());
        assertEquals("lgwan-config: needs Java 25 or later, and " + JAVA_17.resolve("bin/java") + " is Java 17: set JAVA_HOME to a Java 25"
                + " (README \"Set up\")\n", script.err());
    }

    /**
     * The launcher runs a short command on C1 and the parallel collector (BENCHMARKS.md: a third less wall time and half the CPU on
     * 2 cores), the service and the lab on the JVM's defaults; LGWAN_JAVA_OPTS still has the last word.
     */
    @Test
    void theLauncherStartsAShortCommandOnC1AndTheServiceOnTheDefaults() throws Exception {
        String validate = launcher("-XX:+PrintCommandLineFlags", "validate", "--as-of", TestInventory.AS_OF.toString());
        assertTrue(validate.contains("-XX:TieredStopAtLevel=1") && validate.contains("-XX:+UseParallelGC"), validate);
        assertTrue(validate.contains("valid: 16 files"), validate);
        String serve = launcher("-XX:+PrintCommandLineFlags", "serve", "--help");
        assertFalse(serve.contains("TieredStopAtLevel") || serve.contains("UseParallelGC"), serve);
        String overridden = launcher("-XX:+PrintCommandLineFlags -XX:TieredStopAtLevel=4", "--version");
        assertTrue(overridden.contains("-XX:TieredStopAtLevel=4"), overridden);
        // a collector of the user's own is the only one (two stop the JVM), and a small heap is not warned about into the report
        String serial = launcher("-XX:+PrintCommandLineFlags -XX:+UseSerialGC", "--version");
        assertTrue(serial.contains("-XX:+UseSerialGC") && !serial.contains("UseParallelGC"), serial);
        String small = launcher("-Xmx64m", "validate", "--as-of", TestInventory.AS_OF.toString());
        assertTrue(small.startsWith("valid: 16 files, 13 organizations"), small);
    }

    /** What {@code lgwan-config ARGS} prints with {@code LGWAN_JAVA_OPTS=options}, on the JVM the tests run on. */
    private String launcher(String options, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAR.getParent().getParent().resolve("bin/lgwan-config").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("LGWAN_JAVA_OPTS", options);
        Result result = run(builder);
        assertEquals(0, result.status(), result.out() + result.err());
        return result.out();
    }

    @Test
    void unknownCommandIsAUsageError() throws Exception {
        Result result = run("serve-nothing");
        assertEquals(2, result.status());
        assertTrue(result.err().contains("Unmatched argument"), result.err());
        assertFalse(result.err().contains("Exception"), result.err());
    }
}
