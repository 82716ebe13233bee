package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.lgwan.routerconfig.inventory.TestInventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s checks that come before anything starts, in a process of its own as a user runs it: a
 * refused start exits 2 with one line and leaves no embedded PostgreSQL data behind.
 */
class ServeCommandTest {

    @TempDir
    Path temp;

    record Run(int status, String err) {
    }

    @Test
    void aBusyPortIsRefusedNamingPortBeforeTheDatabaseStarts() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();
            Run run = serve("--lab", "--port", Integer.toString(port));
            assertEquals(2, run.status(), run.err());
            assertEquals("serve: --port " + port + ": cannot listen on 127.0.0.1:" + port
                    + " (Address already in use): another serve, or another program, has it; stop it or give another --port\n", run.err());
            assertFalse(Files.exists(temp.resolve("data")), "the embedded PostgreSQL was started");
        }
    }

    @Test
    void aPortOutOfRangeIsRefused() throws Exception {
        Run run = serve("--port", "70000");
        assertEquals(2, run.status(), run.err());
        assertEquals("serve: --port 70000: a port is a number from 1 to 65535 (0: any free one)\n", run.err());
        Run notANumber = serve("--port", "http");
        assertEquals(2, notANumber.status(), notANumber.err());
        assertEquals("serve: Invalid value for option '--port': 'http' is not an int; lgwan-config serve --help lists its options\n", notANumber.err());
        assertFalse(Files.exists(temp.resolve("data")));
    }

    private Run serve(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dlgwan.inventory.as-of=" + TestInventory.AS_OF, Main.class.getName(), "serve",
                "--inventory", "inventory", "--templates", "templates", "--data", temp.resolve("data").toString()));
        command.addAll(List.of(options));
        Path stderr = temp.resolve("stderr");
        // to a file: a serve that went on to start must not block the test on its open stream
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertFalse(process.isAlive(), "serve is still running: " + err);
        return new Run(process.exitValue(), err);
    }
}
