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
 * {@code dpkg} are stand-ins too (every package "installed").
 */
class CiScriptTest {

    @TempDir
    Path temp;

    @Test
    void theTestCommandAlwaysRunsUnderCi() throws Exception {
        assertEquals("CI=true args=-B -ntp verify", run(null));
        // a runner's own value is kept
        assertEquals("CI=1 args=-B -ntp verify", run("1"));
    }

    private String run(String ci) throws Exception {
        Path checkout = temp.resolve("checkout-" + ci);
        Files.createDirectories(checkout.resolve(".ci"));
        Files.copy(Path.of(".ci", "run"), checkout.resolve(".ci/run"));
        executable(checkout.resolve("mvnw"), "#!/bin/sh\necho \"CI=${CI-unset} args=$*\"\n");
        Path bin = Files.createDirectories(temp.resolve("bin-" + ci));
        executable(bin.resolve("java"), "#!/bin/sh\necho 'openjdk version \"17\"' >&2\n");
        executable(bin.resolve("dpkg"), "#!/bin/sh\nexit 0\n");
        ProcessBuilder builder = new ProcessBuilder("bash", checkout.resolve(".ci/run").toString()).redirectErrorStream(true);
        builder.environment().remove("CI");
        if (ci != null) {
            builder.environment().put("CI", ci);
        }
        builder.environment().put("PATH", bin + ":" + builder.environment().get("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), output);
        return output.lines().filter(line -> line.startsWith("CI=")).findFirst().orElse(output);
    }

    private static void executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
}
