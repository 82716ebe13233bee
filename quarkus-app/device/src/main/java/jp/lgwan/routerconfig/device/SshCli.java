package jp.lgwan.routerconfig.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.ChannelPipedInputStream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * An interactive CLI over SSH (Apache MINA SSHD): the router's host key must match the fingerprint
 * pinned in the inventory or nothing is sent; every step has a timeout; each command returns its
 * output without the echo and the prompt, and a line the CLI rejects (per the dialect's error
 * patterns) fails with that line named. Credentials are used, never logged.
 */
public final class SshCli implements AutoCloseable {

    /** How to reach and talk to one router's CLI. */
    public record Endpoint(String host, int port, String user, String pinnedHostKey, Duration connectTimeout, Duration authTimeout,
                           Duration commandTimeout) {
    }

    /**
     * Dialect facts the session needs: the prompt at the end of every answer, the lines that mean
     * failure, and questions the device may ask mid-command with the keys that answer them.
     */
    public record Dialect(Pattern prompt, List<Pattern> errors, List<Question> questions) {
        public Dialect(Pattern prompt, List<Pattern> errors) {
            this(prompt, errors, List.of());
        }

        public Dialect {
            errors = List.copyOf(errors);
            questions = List.copyOf(questions);
        }
    }

    /**
     * A question the device asks before the command's prompt comes back ({@code Save new configuration ? (Y/N)}),
     * matched at the end of what it sent so far, and the keys typed to answer it (as they are: no line end is added).
     */
    public record Question(Pattern prompt, String keys) {
    }

    /**
     * Where the account's login shell is not the router's CLI (FRR's vtysh behind a Linux shell): the
     * shell's prompt, at which {@code command} starts the CLI. Where the login lands at the CLI's own
     * prompt, nothing is typed.
     */
    public record Start(Pattern shellPrompt, String command) {
    }

    private static final class ClientHolder {
        static final SshClient CLIENT = start();

        private static SshClient start() {
            SshClient client = SshClient.setUpDefaultClient();
            client.start();
            return client;
        }
    }

    private final ClientSession session;
    private final ChannelShell shell;
    private final OutputStream toDevice;
    private final InputStream fromDevice;
    private final Endpoint endpoint;
    private final Dialect dialect;
    private final StringBuilder pending = new StringBuilder();
    private String lastPrompt = "";
    /** A question the device may ask instead of prompting, and the answer that declines it; null for none. */
    private Pattern question;
    private String declineWith;
    /** The question asked (and declined) while the last command ran, null when none was. */
    private String asked;

    private SshCli(ClientSession session, ChannelShell shell, Endpoint endpoint, Dialect dialect) {
        this.session = session;
        this.shell = shell;
        this.toDevice = shell.getInvertedIn();
        this.fromDevice = shell.getInvertedOut();
        this.endpoint = endpoint;
        this.dialect = dialect;
    }

    /** Opens a shell with a public key, or a password where the inventory allows one (null key). */
    public static SshCli open(Endpoint endpoint, Dialect dialect, KeyPair key, String password) throws DeviceException {
        return open(endpoint, dialect, key, password, null);
    }

    /** As {@link #open(Endpoint, Dialect, KeyPair, String)}, typing {@code start} where the login lands in a shell (null: never). */
    public static SshCli open(Endpoint endpoint, Dialect dialect, KeyPair key, String password, Start start) throws DeviceException {
        AtomicReference<String> seenHostKey = new AtomicReference<>();
        ClientSession session = null;
        try {
            session = ClientHolder.CLIENT.connect(endpoint.user(), endpoint.host(), endpoint.port()).verify(endpoint.connectTimeout()).getSession();
            session.setServerKeyVerifier((clientSession, address, serverKey) -> {
                String fingerprint = fingerprint(serverKey);
                seenHostKey.set(fingerprint);
                return fingerprint.equals(endpoint.pinnedHostKey());
            });
            if (key != null) {
                session.addPublicKeyIdentity(key);
            }
            if (password != null) {
                session.addPasswordIdentity(password);
            }
            session.auth().verify(endpoint.authTimeout());
            ChannelShell shell = session.createShellChannel();
            // a "dumb" terminal: no colour, title or bracketed-paste escapes in the output
            shell.setPtyType("dumb");
            shell.setPtyColumns(511);
            shell.open().verify(endpoint.connectTimeout());
            SshCli cli = new SshCli(session, shell, endpoint, dialect);
            cli.firstPrompt(start);
            return cli;
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            String seen = seenHostKey.get();
            if (seen != null && !seen.equals(endpoint.pinnedHostKey())) {
                throw new DeviceException(where(endpoint) + ": host key " + seen + " does not match the pinned " + endpoint.pinnedHostKey()
                        + "; refusing to talk to it");
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (reason.contains("No more authentication methods") || reason.toLowerCase().contains("auth")) {
                throw new DeviceException(where(endpoint) + ": authentication failed for user " + endpoint.user());
            }
            throw new DeviceException(where(endpoint) + ": " + reason, e);
        }
    }

    /** The SHA-256 fingerprint of a public key as OpenSSH prints it: {@code SHA256:<base64>}. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    /**
     * Reads up to the CLI's first prompt. Where the login may land in a shell ({@code start}), the
     * shell's prompt is answered with the command that starts the CLI. No prompt in time names the
     * likely cause: a login shell or mode the dialect does not expect.
     */
    private void firstPrompt(Start start) throws DeviceException {
        try {
            if (start == null) {
                readUntilPrompt(endpoint.connectTimeout(), null);
                return;
            }
            if (readReply(endpoint.connectTimeout(), start.shellPrompt()).matched() != start.shellPrompt()) {
                return;
            }
            send(start.command());
            readUntilPrompt(endpoint.connectTimeout(), null);
        } catch (DeviceException e) {
            if (e.getMessage().contains(": no prompt within ")) {
                throw new DeviceException(e.getMessage() + " — the login did not reach the router's CLI prompt: the account may land in"
                        + " a login shell or a mode this dialect does not expect (its cli.prompt" + (start == null
                        ? "; a Linux login shell in front of the CLI needs cli.session_start" : ", cli.session_start") + ")");
            }
            throw e;
        }
    }

    /**
     * Where the device may ask {@code question} (a pattern at the end of its output) instead of
     * prompting — IOS asks {@code [confirm]} before removing a user — it is answered {@code answer}
     * (declining it), and the command that caused it fails naming the question, instead of waiting
     * for a prompt that never comes.
     */
    public void decline(Pattern question, String answer) {
        this.question = question;
        this.declineWith = answer;
    }

    /** Sends a line the device answers with no prompt (the text of a banner); the next {@link #command} reads past it. */
    public void send(String line) throws DeviceException {
        try {
            toDevice.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            toDevice.flush();
        } catch (IOException e) {
            throw new DeviceException(where(endpoint) + ": connection lost sending '" + line + "'", e);
        }
    }

    /** Sends one line and returns what the device answered, without the echo and the prompt. */
    public String command(String line) throws DeviceException {
        send(line);
        asked = null;
        String answer = stripEcho(readUntilPrompt(endpoint.commandTimeout(), null), line);
        if (asked != null) {
            throw new DeviceException(where(endpoint) + ": the router asked '" + asked + "' after '" + line + "'; answered '" + declineWith
                    + "' (declined)");
        }
        rejectErrors(line, answer);
        return answer;
    }

    /**
     * Sends a command that may run until interrupted (vtysh's {@code ping WORD} runs the host's ping with no
     * count): where its prompt does not come within {@code after}, types Ctrl-C (ETX, which the session's PTY
     * turns into SIGINT for the command; iputils ping then prints its summary) and reads on to the prompt.
     * A command that ends by itself in time is not interrupted: a Ctrl-C at the prompt would bring an extra one.
     */
    public String interrupting(String line, Duration after) throws DeviceException {
        send(line);
        asked = null;
        String answer;
        try {
            answer = readUntilPrompt(after, null);
        } catch (DeviceException stillRunning) {
            if (!stillRunning.getMessage().contains(": no prompt within ")) {
                throw stillRunning;
            }
            try {
                toDevice.write(3);
                toDevice.flush();
            } catch (IOException e) {
                throw new DeviceException(where(endpoint) + ": connection lost interrupting '" + line + "'", e);
            }
            answer = readUntilPrompt(endpoint.commandTimeout(), null);
        }
        answer = stripEcho(answer, line);
        rejectErrors(line, answer);
        return answer;
    }

    /**
     * Types {@code command}, and when the device asks for a password ({@code passwordPrompt}) types {@code password}
     * without ever echoing, logging or naming it; fails naming the command if the device refuses. Where the device
     * asks for none the command's prompt simply comes back.
     *
     * @return false where the device asked for a password and {@code password} is null (the session then waits at
     *         the request: close it), else true
     */
    public boolean elevate(String command, Pattern passwordPrompt, String password) throws DeviceException {
        send(command);
        Reply asked = readReply(endpoint.commandTimeout(), passwordPrompt);
        String answer = stripEcho(asked.output(), command);
        if (asked.matched() == passwordPrompt) {
            if (password == null) {
                return false;
            }
            send(password);
            // the device does not echo a password; what comes back is its verdict and the next prompt
            answer = readUntilPrompt(endpoint.commandTimeout(), null);
        }
        rejectErrors(command, answer);
        return true;
    }

    private void rejectErrors(String line, String answer) throws DeviceException {
        for (Pattern error : dialect.errors()) {
            Matcher matcher = error.matcher(answer);
            if (matcher.find()) {
                throw new DeviceException(where(endpoint) + ": the router rejected '" + line + "': " + answer.strip().lines()
                        .filter(l -> error.matcher(l).find()).findFirst().orElse(matcher.group()).strip());
            }
        }
    }

    /** The last prompt seen, e.g. {@code host(config)#}. */
    public String lastPrompt() {
        return lastPrompt;
    }

    /** What came before a prompt or an awaited request, and which pattern ended it. */
    private record Reply(String output, Pattern matched) {
    }

    private String readUntilPrompt(Duration timeout, Pattern orRequest) throws DeviceException {
        return readReply(timeout, orRequest).output();
    }

    /**
     * Reads until the prompt, or {@code orRequest} (a password request), ends what the device sent; a question of the
     * dialect found there instead is answered and reading goes on.
     */
    private Reply readReply(Duration timeout, Pattern orRequest) throws DeviceException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[8192];
        // where the text not yet searched for questions starts: an answered question is not answered again
        int unanswered = 0;
        try {
            while (true) {
                int read = read(buffer, deadline);
                if (read > 0) {
                    pending.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1).replace("\r", ""));
                    // a prompt spans at most two lines and ends the output: only the last lines need searching, not a
                    // whole configuration again after every chunk of it
                    int from = Math.max(unanswered, lastLines(pending));
                    if (endsWith(dialect.prompt(), from)) {
                        Matcher prompt = endMatch(dialect.prompt(), from);
                        String output = pending.substring(0, prompt.start());
                        lastPrompt = prompt.group();
                        pending.setLength(0);
                        return new Reply(output, dialect.prompt());
                    }
                    if (orRequest != null && endsWith(orRequest, from)) {
                        String output = pending.substring(0, endMatch(orRequest, from).start());
                        pending.setLength(0);
                        return new Reply(output, orRequest);
                    }
                    for (Question expected : dialect.questions()) {
                        if (endsWith(expected.prompt(), from)) {
                            unanswered = pending.length();
                            toDevice.write(expected.keys().getBytes(StandardCharsets.US_ASCII));
                            toDevice.flush();
                            break;
                        }
                    }
                    if (question != null && endsWith(question, from)) {
                        // a question to decline (the command then fails): no prompt follows until it is answered
                        String text = pending.toString();
                        asked = text.substring(text.lastIndexOf('\n') + 1).strip();
                        pending.append('\n');
                        send(declineWith);
                    }
                    continue;
                }
                if (read < 0 || shell.isClosed()) {
                    throw new DeviceException(where(endpoint) + ": the router closed the session");
                }
                if (System.nanoTime() > deadline) {
                    throw new DeviceException(where(endpoint) + ": no prompt within " + timeout.toMillis() + " ms; last output: "
                            + tail(pending.toString()));
                }
            }
        } catch (IOException e) {
            if (shell.isClosed()) {
                throw new DeviceException(where(endpoint) + ": the router closed the session");
            }
            throw new DeviceException(where(endpoint) + ": connection lost", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException(where(endpoint) + ": interrupted");
        }
    }

    /**
     * Reads what the device sent, waiting for it until {@code deadline} at most: 0 when nothing came
     * in time, −1 at the end of the channel. MINA's channel stream blocks on a condition; polling it
     * every few milliseconds instead cost a hundred concurrent sessions a good part of a core.
     */
    private int read(byte[] buffer, long deadline) throws IOException, InterruptedException {
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (fromDevice instanceof ChannelPipedInputStream piped) {
            if (piped.available() == 0 && remainingMillis <= 0) {
                return 0;
            }
            piped.setTimeout(Math.max(1, remainingMillis));
            try {
                return piped.read(buffer, 0, buffer.length);
            } catch (java.io.InterruptedIOException e) {
                throw new InterruptedException(e.getMessage());
            } catch (SocketException e) {
                // how MINA's pipe says its timeout expired ("Timeout (N) exceeded after M cycles"): nothing came in time
                return 0;
            }
        }
        int available = fromDevice.available();
        if (available > 0) {
            return fromDevice.read(buffer, 0, Math.min(buffer.length, available));
        }
        Thread.sleep(2);
        return 0;
    }

    private boolean endsWith(Pattern pattern, int from) {
        return endMatch(pattern, from) != null;
    }

    /** The match of {@code pattern} that ends what was read (searched from {@code from}), or null. */
    private Matcher endMatch(Pattern pattern, int from) {
        Matcher matcher = pattern.matcher(pending).region(from, pending.length()).useAnchoringBounds(false).useTransparentBounds(true);
        while (matcher.find()) {
            if (matcher.end() == pending.length()) {
                return matcher;
            }
        }
        return null;
    }

    /** Where the last three lines of {@code text} start (0 when it has fewer). */
    private static int lastLines(CharSequence text) {
        int newlines = 0;
        for (int i = text.length() - 1; i >= 0; i--) {
            if (text.charAt(i) == '\n' && ++newlines == 3) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String stripEcho(String output, String line) {
        String trimmed = output.startsWith(line) ? output.substring(line.length()) : output;
        return trimmed.startsWith("\n") ? trimmed.substring(1) : trimmed;
    }

    private static String tail(String text) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() > 120 ? "…" + oneLine.substring(oneLine.length() - 120) : oneLine;
    }

    private static String where(Endpoint endpoint) {
        return endpoint.host() + ":" + endpoint.port();
    }

    private static void closeQuietly(ClientSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (IOException ignored) {
                // closing after a failure: the failure is what we report
            }
        }
    }

    @Override
    public void close() {
        try {
            shell.close();
        } catch (IOException ignored) {
            // the session close below releases it anyway
        }
        closeQuietly(session);
    }
}
