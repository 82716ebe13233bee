package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .ci/run} as a CI runner starts it, with or without {@code CI} in its environment: the test
 * command it runs always sees {@code CI} set, so that no interop test can skip there. The script runs
 * on a copy of itself beside a stand-in {@code mvnw} that prints what it was given; {@code java} and
 * {@code dpkg} are stand-ins too (every package "installed"). It builds with Java 25: a
 * {@code JAVA_HOME} of 25 is kept, an older one replaced by Temurin's 25 where it is installed.
 */
class CiScriptTest {

    @TempDir
    Path temp;

    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @Test
    void theTestCommandAlwaysRunsUnderCi() throws Exception {
        Path jdk25 = jdk("25.0.3");
        assertEquals("CI=true JAVA_HOME=" + jdk25 + " args=-B -ntp verify", run(null, jdk25));
        // a runner's own value is kept
        assertEquals("CI=1 JAVA_HOME=" + jdk25 + " args=-B -ntp verify", run("1", jdk25));
    }

    @Test
    void anOlderJavaHomeGivesWayToTemurin25OrStopsTheRun() throws Exception {
        Path jdk17 = jdk("17.0.15");
        if (Files.isExecutable(TEMURIN_25.resolve("bin/java"))) {
            assertEquals("CI=true JAVA_HOME=" + TEMURIN_25 + " args=-B -ntp verify", run(null, jdk17));
        } else {
            assertEquals(".ci/run: needs Java 25: set JAVA_HOME to a Java 25 JDK (none at " + TEMURIN_25 + ")", run(null, jdk17, 1));
        }
    }

    /** A stand-in JDK of {@code version}: its release file and a java that prints the version. */
    private Path jdk(String version) throws Exception {
        Path home = Files.createDirectories(temp.resolve("jdk-" + version + "/bin"));
        Files.writeString(home.getParent().resolve("release"), "IMPLEMENTOR=\"stand-in\"\nJAVA_VERSION=\"" + version + "\"\n");
        executable(home.resolve("java"), "#!/bin/sh\necho 'openjdk version \"" + version + "\"' >&2\n");
        return home.getParent();
    }

    private String run(String ci, Path javaHome) throws Exception {
        return run(ci, javaHome, 0);
    }

    private String run(String ci, Path javaHome, int status) throws Exception {
        Path checkout = temp.resolve("checkout-" + ci);
        Files.createDirectories(checkout.resolve(".ci"));
        Files.copy(Path.of(".ci", "run"), checkout.resolve(".ci/run"));
        executable(checkout.resolve("mvnw"), "#!/bin/sh\necho \"CI=${CI-unset} JAVA_HOME=${JAVA_HOME-unset} args=$*\"\n");
        Path bin = Files.createDirectories(temp.resolve("bin-" + ci));
        executable(bin.resolve("java"), "#!/bin/sh\necho 'openjdk version \"17\"' >&2\n");
        executable(bin.resolve("dpkg"), "#!/bin/sh\nexit 0\n");
        ProcessBuilder builder = new ProcessBuilder("bash", checkout.resolve(".ci/run").toString()).redirectErrorStream(true);
        builder.environment().remove("CI");
        if (ci != null) {
            builder.environment().put("CI", ci);
        }
        builder.environment().put("PATH", bin + ":" + builder.environment().get("PATH"));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        assertEquals(status, process.exitValue(), output);
        return output.lines().filter(line -> line.startsWith("CI=") || line.startsWith(".ci/run:")).findFirst().orElse(output);
    }

    private static void executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
}
