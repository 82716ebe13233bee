package jp.lgwan.routerconfig.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.device.SshCli;
import jp.lgwan.routerconfig.lab.VirtualSshServer;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * OpenSSH's sshd with the files of one {@link FrrInstance}'s host, whose forced command is that
 * host's vtysh: the Cisco-style console an FRR router gives over SSH. The host key is OpenSSH's own
 * ed25519 key, pinned by the fingerprint ssh-keygen prints; the login user is in groups frrvty
 * (vtysh's sockets) and frr (to read vtysh.conf in Debian's /etc/frr) and is removed again if it
 * was created here.
 */
final class OpenSshVtysh implements AutoCloseable {

    static final Path SSHD = Paths.get("/usr/sbin/sshd");
    static final Path SSH_KEYGEN = Paths.get("/usr/bin/ssh-keygen");
    /** A login user of this JVM's own: test runs in other JVMs on the same machine (other worktrees) neither share nor remove it. */
    static final String USER = "lgwan-ops-" + ProcessHandle.current().pid();

    private final Path dir;
    private boolean createdUser;
    private Process sshd;
    private KeyPair operator;
    private String pinned;
    private String address;
    private int port;

    private OpenSshVtysh(Path dir) {
        this.dir = dir;
    }

    /** Why sshd cannot run here, or null. */
    static String missing() {
        return !Files.isExecutable(SSHD) || !Files.isExecutable(SSH_KEYGEN) ? "openssh-server is not installed" : null;
    }

    /** On a free port of 127.0.0.1 in the test's own network namespace. */
    static OpenSshVtysh start(FrrInstance frr) throws Exception {
        return start(frr, false);
    }

    /**
     * As {@link #start(FrrInstance)}, but the login lands in an interactive bash (prompt {@code user@host:/$ }) with
     * {@code vtysh} on its PATH: a router host whose operators log in to a shell first.
     */
    static OpenSshVtysh startBehindBash(FrrInstance frr) throws Exception {
        return start(frr, true);
    }

    private static OpenSshVtysh start(FrrInstance frr, boolean behindBash) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return start(frr, "127.0.0.1", port, false, behindBash);
    }

    /**
     * As on the router's host: inside its network namespace, on {@code address}:{@code port} (its
     * management address, port 22), reached from the test's namespace over the management link.
     */
    static OpenSshVtysh startOnHost(FrrInstance frr, String address, int port) throws Exception {
        return start(frr, address, port, true, false);
    }

    private static OpenSshVtysh start(FrrInstance frr, String address, int port, boolean onHost, boolean behindBash) throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("/tmp"), "lgwan-ssh-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        OpenSshVtysh console = new OpenSshVtysh(dir);
        console.address = address;
        console.port = port;
        try {
            console.createdUser = ensureUser();
            run(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_ed25519").toString());
            console.pinned = run(SSH_KEYGEN.toString(), "-l", "-E", "sha256", "-f", dir.resolve("host_ed25519.pub").toString()).split(" ")[1];
            console.operator = VirtualSshServer.newHostKey();
            Files.writeString(dir.resolve("authorized_keys"), PublicKeyEntry.toString(console.operator.getPublic()) + "\n");
            // sshd runs with the host's /etc/frr and /run: vtysh's default paths are the host's FRR
            Path wrapper = dir.resolve("vtysh-console");
            Files.writeString(wrapper, behindBash
                    ? "#!/bin/sh\ncd /\nexec env PATH=/usr/bin:/bin PS1='\\u@\\h:\\w\\$ ' /bin/bash --norc --noprofile -i\n"
                    : "#!/bin/sh\nexec " + FrrInstance.VTYSH + "\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "Port " + console.port, "ListenAddress " + address, "HostKey " + dir.resolve("host_ed25519"), "PidFile " + dir.resolve("sshd.pid"),
                    "UsePAM no", "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PubkeyAuthentication yes",
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "StrictModes no", "AllowUsers " + USER, "PermitRootLogin no",
                    "ForceCommand " + wrapper, ""));
            // as the router's host runs it (its /run holds sshd's privilege separation directory), under its hostname if it has one
            String[] sshd = {SSHD.toString(), "-f", dir.resolve("sshd_config").toString(), "-D", "-e"};
            console.sshd = new ProcessBuilder(onHost ? frr.inNamespace(sshd) : frr.asHost(List.of(sshd)))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
            waitForPort(address, console.port);
            return console;
        } catch (Exception | AssertionError e) {
            console.close();
            throw e;
        }
    }

    /** The operator's key, authorized for the login user. */
    KeyPair operator() {
        return operator;
    }

    /** The SHA256 fingerprint of sshd's host key, as ssh-keygen prints it. */
    String pinned() {
        return pinned;
    }

    int port() {
        return port;
    }

    SshCli.Endpoint endpoint() {
        return endpoint(pinned);
    }

    SshCli.Endpoint endpoint(String pin) {
        return new SshCli.Endpoint(address, port, USER, pin, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Override
    public void close() throws Exception {
        try {
            if (sshd != null) {
                sshd.destroy();
                sshd.waitFor(10, TimeUnit.SECONDS);
            }
            if (createdUser) {
                // the listener is gone, but a session (sshd's child, vtysh) may still be ending: userdel refuses a user in use
                for (int i = 0; i < 50 && sessions().findAny().isPresent(); i++) {
                    Thread.sleep(100);
                }
                sessions().forEach(ProcessHandle::destroyForcibly);
                run("userdel", USER);
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** The processes of the login user, which exists for this test only. */
    private static Stream<ProcessHandle> sessions() {
        return ProcessHandle.allProcesses().filter(p -> p.info().user().map(USER::equals).orElse(false));
    }

    /**
     * A login user in groups frrvty (vtysh's sockets) and frr, unlocked for key logins; answers whether it was created
     * here. Debian keeps /etc/frr {@code frr:frr 0750}: without group frr, vtysh prints {@code % Can't open configuration
     * file /etc/frr/vtysh.conf due to 'Permission denied'.} at each login and its {@code show running-config} lacks
     * {@code service integrated-vtysh-config}, which every push would then type again (measured with FRR 8.4.4). The
     * group gives read access only: frr.conf is {@code 0640} and the folder {@code 0750}.
     */
    private static boolean ensureUser() throws Exception {
        if (new ProcessBuilder("id", USER).start().waitFor() == 0) {
            return false;
        }
        run("useradd", "-M", "-s", "/bin/sh", "-G", "frrvty,frr", USER);
        run("usermod", "-p", "*", USER);
        return true;
    }

    private static void waitForPort(String address, int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket(address, port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("sshd did not listen on " + address + ":" + port);
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        return output.strip();
    }
}
