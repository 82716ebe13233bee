package jp.lgwan.routerconfig.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * The SSH side of a virtual router: a MINA SSHD server on a free loopback port, with its own host
 * key (made at start, never stored), the operator's public key (and optionally a password)
 * accepted, and a shell that runs a {@link CliSession} of the router's dialect, echoing what is
 * typed as a terminal would. Faults can be injected: refuse every login, or show another host key.
 */
public final class VirtualSshServer implements AutoCloseable {

    private final SshServer server;
    private final KeyPair hostKey;
    private volatile boolean refuseLogins;
    private volatile String keyboardInteractivePassword;
    private volatile long latencyMillis;
    private volatile long loginDelayMillis;
    private volatile long commitDelayMillis;
    private volatile Predicate<String> commitCommand = line -> false;
    private volatile int hangAfter = -1;
    private volatile Predicate<String> failing = line -> false;
    private volatile String failure = "";
    private volatile int dropAfter = -1;

    /** The timers every virtual router's SSH server shares (idle and authentication timeouts). */
    private static final class Timers {
        static final java.util.concurrent.ScheduledExecutorService SHARED = java.util.concurrent.Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "lab-ssh-timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    private VirtualSshServer(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    public static KeyPair newHostKey() throws GeneralSecurityException {
        return KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    }

    /**
     * A new operator (client) key: Ed25519, which IOS-XE 17 accepts for public-key logins as Junos
     * and OpenSSH do; it signs and verifies about 4 and 7 times faster than ECDSA P-256 on Java 17
     * (MINA uses net.i2p's EdDSA), once per login on each side.
     */
    public static KeyPair newOperatorKey() throws GeneralSecurityException {
        return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    }

    public static VirtualSshServer start(KeyPair hostKey, PublicKey operatorKey, String password, Supplier<CliSession> sessions) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        // one I/O thread per virtual router (MINA's default is cores + 1 per server, started at the first login): a router
        // serves one session at a time, and a fleet of thousands would otherwise hold tens of thousands of idle threads
        CoreModuleProperties.NIO_WORKERS.set(server, 1);
        // and one timer for the whole lab's session timeouts rather than a thread per router
        server.setScheduledExecutorService(Timers.SHARED, false);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        VirtualSshServer virtual = new VirtualSshServer(server, hostKey);
        server.setPublickeyAuthenticator((user, key, session) -> !virtual.refuseLogins && virtual.keyboardInteractivePassword == null
                && operatorKey != null && KeyUtils.compareKeys(key, operatorKey));
        if (password != null) {
            server.setPasswordAuthenticator((user, given, session) -> !virtual.refuseLogins && virtual.keyboardInteractivePassword == null
                    && password.equals(given));
        }
        // set up at start (the methods a server offers are fixed then), answering only once switched on
        server.setKeyboardInteractiveAuthenticator(new org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator() {
            @Override
            public org.apache.sshd.server.auth.keyboard.InteractiveChallenge generateChallenge(org.apache.sshd.server.session.ServerSession session,
                    String username, String lang, String subMethods) {
                // the default asks only where a password authenticator exists; this router asks on its own
                org.apache.sshd.server.auth.keyboard.InteractiveChallenge challenge = new org.apache.sshd.server.auth.keyboard.InteractiveChallenge();
                challenge.setInteractionName("");
                challenge.setInteractionInstruction("");
                challenge.addPrompt("Password: ", false);
                return challenge;
            }

            @Override
            public boolean authenticate(org.apache.sshd.server.session.ServerSession session, String username, java.util.List<String> responses) {
                String expected = virtual.keyboardInteractivePassword;
                return !virtual.refuseLogins && expected != null && responses.size() == 1 && expected.equals(responses.get(0));
            }
        });
        server.setShellFactory(channel -> virtual.new Shell(sessions.get()));
        server.start();
        return virtual;
    }

    public int port() {
        return server.getPort();
    }

    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    /** Routers that take no keys: from now on only keyboard-interactive logins answering {@code password} get in. */
    public void keyboardInteractiveOnly(String password) {
        this.keyboardInteractivePassword = password;
    }

    /** Fault injection: every login fails from now on. */
    public void refuseLogins(boolean refuse) {
        this.refuseLogins = refuse;
    }

    /** Every answer comes this much later (a slow router, or a long line to it). */
    public void latency(Duration latency) {
        this.latencyMillis = latency.toMillis();
    }

    /** The first prompt of every session comes this much later (the round trips of an SSH login over a long line). */
    public void loginDelay(Duration delay) {
        this.loginDelayMillis = delay.toMillis();
    }

    /**
     * The router takes {@code delay} to answer a line {@code isCommit} accepts (the command that
     * applies a configuration, as a real router spends seconds committing), on top of any latency.
     */
    public void commitDelay(Duration delay, Predicate<String> isCommit) {
        this.commitCommand = Objects.requireNonNull(isCommit);
        this.commitDelayMillis = delay.toMillis();
    }

    /** Fault injection: after {@code commands} more commands in a session, the router stops answering (−1: never). */
    public void hangAfter(int commands) {
        this.hangAfter = commands;
    }

    /** Fault injection: a line {@code line} accepts is not run; the router answers {@code answer} instead (a device error). */
    public void answerInstead(Predicate<String> line, String answer) {
        this.failure = Objects.requireNonNull(answer);
        this.failing = Objects.requireNonNull(line);
    }

    /** Fault injection: after {@code commands} more commands in a session, the router drops the connection (−1: never). */
    public void dropAfter(int commands) {
        this.dropAfter = commands;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** A shell channel running one CLI session, line by line, with the server's faults applied. */
    private final class Shell implements Command, Runnable {
        private final CliSession cli;
        private InputStream in;
        private OutputStream out;
        private ExitCallback exit;
        private Thread thread;
        private int commands;

        Shell(CliSession cli) {
            this.cli = cli;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            // a router CLI writes everything to the terminal
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            thread = new Thread(this, "lab-cli");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            try {
                if (loginDelayMillis > 0) {
                    Thread.sleep(loginDelayMillis);
                }
                write(cli.banner() + cli.prompt());
                StringBuilder line = new StringBuilder();
                int c;
                while (!cli.closed() && (c = in.read()) >= 0) {
                    if (c == '\r') {
                        continue;
                    }
                    if (line.length() == 0 && cli.readsKeys()) {
                        // a pager or a (Y/N) question takes one key at once, unechoed (the device prints what it wants)
                        write(cli.handle(String.valueOf((char) c)));
                        continue;
                    }
                    if (c != '\n') {
                        line.append((char) c);
                        continue;
                    }
                    String typed = line.toString();
                    line.setLength(0);
                    // a password is read without echo (the line end still moves the cursor on)
                    String echo = cli.echoes() ? typed : "";
                    commands++;
                    if (dropAfter >= 0 && commands > dropAfter) {
                        return;
                    }
                    if (hangAfter >= 0 && commands > hangAfter) {
                        continue;
                    }
                    long delay = latencyMillis + (commitDelayMillis > 0 && commitCommand.test(typed) ? commitDelayMillis : 0);
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    // a terminal echoes what is typed
                    write(echo + "\r\n" + (failing.test(typed) ? failure + "\n" + cli.prompt() : cli.handle(typed)));
                }
            } catch (IOException e) {
                // the client went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                cli.disconnected();
                exit.onExit(0);
            }
        }

        private void write(String text) throws IOException {
            out.write(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }
}
