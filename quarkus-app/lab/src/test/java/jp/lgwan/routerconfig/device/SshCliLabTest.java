package jp.lgwan.routerconfig.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import jp.lgwan.routerconfig.lab.CliSession;
import jp.lgwan.routerconfig.lab.VirtualSshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SSH CLI client against a lab SSH server (MINA SSHD on both ends, keys made at run time). */
class SshCliLabTest {

    private static final SshCli.Dialect DIALECT = new SshCli.Dialect(Pattern.compile("[\\w.-]+(\\([\\w-]+\\))?#\\s?$"),
            List.of(Pattern.compile("^% (Invalid input|Incomplete command|Ambiguous command)", Pattern.MULTILINE)));

    /** A tiny CLI: "show x" prints two lines, "configure" changes the prompt, "bad" is rejected, "hang" never answers. */
    static final class ToyCli implements CliSession {
        private String mode = "";
        private boolean closed;

        @Override
        public String banner() {
            return "Welcome\n";
        }

        @Override
        public String prompt() {
            return "r1" + mode + "#";
        }

        @Override
        public String handle(String line) {
            return switch (line) {
                case "show x" -> "line one\nline two\n" + prompt();
                case "configure" -> {
                    mode = "(config)";
                    yield prompt();
                }
                case "bad" -> "       ^\n% Invalid input detected at '^' marker.\n\n" + prompt();
                case "hang" -> "";
                case "exit" -> {
                    closed = true;
                    yield "";
                }
                default -> prompt();
            };
        }

        @Override
        public boolean closed() {
            return closed;
        }
    }

    private KeyPair operator;
    private VirtualSshServer server;

    @BeforeEach
    void start() throws Exception {
        operator = VirtualSshServer.newHostKey();
        server = VirtualSshServer.start(VirtualSshServer.newHostKey(), operator.getPublic(), null, ToyCli::new);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private SshCli.Endpoint endpoint(String pinned) {
        return new SshCli.Endpoint("127.0.0.1", server.port(), "operator", pinned, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    @Test
    void runsCommandsWithoutEchoOrPrompt() throws Exception {
        try (SshCli cli = SshCli.open(endpoint(SshCli.fingerprint(server.hostKey())), DIALECT, operator, null)) {
            assertEquals("line one\nline two\n", cli.command("show x"));
            assertEquals("", cli.command("configure"));
            assertEquals("r1(config)#", cli.lastPrompt());
        }
    }

    @Test
    void aHostKeyThatIsNotThePinnedOneIsRefused() throws Exception {
        String pinned = SshCli.fingerprint(VirtualSshServer.newHostKey().getPublic());
        DeviceException refused = assertThrows(DeviceException.class, () -> SshCli.open(endpoint(pinned), DIALECT, operator, null));
        assertEquals("127.0.0.1:" + server.port() + ": host key " + SshCli.fingerprint(server.hostKey()) + " does not match the pinned "
                + pinned + "; refusing to talk to it", refused.getMessage());
    }

    @Test
    void aKeyTheRouterDoesNotKnowFailsAuthentication() throws Exception {
        KeyPair stranger = VirtualSshServer.newHostKey();
        DeviceException refused = assertThrows(DeviceException.class,
                () -> SshCli.open(endpoint(SshCli.fingerprint(server.hostKey())), DIALECT, stranger, null));
        assertEquals("127.0.0.1:" + server.port() + ": authentication failed for user operator", refused.getMessage());
    }

    @Test
    void aRejectedLineIsNamed() throws Exception {
        try (SshCli cli = SshCli.open(endpoint(SshCli.fingerprint(server.hostKey())), DIALECT, operator, null)) {
            DeviceException rejected = assertThrows(DeviceException.class, () -> cli.command("bad"));
            assertEquals("127.0.0.1:" + server.port() + ": the router rejected 'bad': % Invalid input detected at '^' marker.", rejected.getMessage());
        }
    }

    @Test
    void aCommandThatNeverAnswersTimesOut() throws Exception {
        try (SshCli cli = SshCli.open(endpoint(SshCli.fingerprint(server.hostKey())), DIALECT, operator, null)) {
            DeviceException timeout = assertThrows(DeviceException.class, () -> cli.command("hang"));
            assertTrue(timeout.getMessage().contains("no prompt within 2000 ms"), timeout.getMessage());
        }
    }

    @Test
    void keyboardInteractiveWhereTheRouterTakesNoKeys() throws Exception {
        server.keyboardInteractiveOnly("router-password");
        try (SshCli cli = SshCli.open(endpoint(SshCli.fingerprint(server.hostKey())), DIALECT, null, "router-password")) {
            assertEquals("line one\nline two\n", cli.command("show x"));
        }
        DeviceException refused = assertThrows(DeviceException.class,
                () -> SshCli.open(endpoint(SshCli.fingerprint(server.hostKey())), DIALECT, operator, null));
        assertTrue(refused.getMessage().endsWith("authentication failed for user operator"), refused.getMessage());
    }

    @Test
    void loginsRefusedByFaultInjection() throws Exception {
        server.refuseLogins(true);
        DeviceException refused = assertThrows(DeviceException.class,
                () -> SshCli.open(endpoint(SshCli.fingerprint(server.hostKey())), DIALECT, operator, null));
        assertFalse(refused.getMessage().contains("BEGIN"), "no key material in errors");
        assertTrue(refused.getMessage().endsWith("authentication failed for user operator"), refused.getMessage());
    }
}
