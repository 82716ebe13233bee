package jp.lgwan.routerconfig.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An FRR router's Linux host, as Debian's {@code frr} package runs one, in namespaces of its own:
 * a network namespace with a veth pair eth0/eth1; a mount namespace in which {@code /etc/frr} and
 * {@code /run} are folders of this instance (so FRR, its scripts and vtysh use their default paths,
 * and the machine's own {@code /etc/frr} and {@code /run/frr} are never read or written); given a
 * hostname, a UTS namespace carrying it, as on a router's host whose hostname is the router's (vtysh
 * run there shows one {@code hostname} line, that one; elsewhere FRR shows the machine's hostname and
 * vtysh adds its own). Every command of the host ({@link #inNamespace}) enters those namespaces
 * afresh with the same folders bound, so the daemons, sshd, snmpd and vtysh all see one host.
 *
 * <p>FRR starts as Debian's {@code frr.service} starts it ({@code ExecStart=/usr/lib/frr/frrinit.sh
 * start}): watchfrr reads {@code /etc/frr/daemons}, starts zebra, staticd and the daemons enabled
 * there, supervises them, and is what makes vtysh's {@code write memory} a clean save — vtysh asks
 * watchfrr ({@code write integrated}), which runs {@code vtysh -w} as root, so {@code frr.conf}
 * stays FRR's own (FRRouting/frr {@code vtysh/vtysh.c} vtysh_write_memory, {@code
 * watchfrr/watchfrr_vty.c} config_write_integrated, FRR 8.4.4; measured here: {@code [OK]}, the
 * file {@code frr:frr 0640}). {@link Supervision#NONE} starts the daemons without watchfrr, for
 * tests of what a save then does. The folders have Debian's owners and modes: {@code /etc/frr}
 * {@code frr:frr 0750} (the frr package's postinst: {@code chmod o-rwx}), {@code /run/frr}
 * {@code frr:frr 0755} ({@code /usr/lib/tmpfiles.d/frr.conf}).
 */
final class FrrInstance implements AutoCloseable {

    static final Path ZEBRA = Paths.get("/usr/lib/frr/zebra");
    static final Path STATICD = Paths.get("/usr/lib/frr/staticd");
    static final Path BGPD = Paths.get("/usr/lib/frr/bgpd");
    static final Path VTYSH = Paths.get("/usr/bin/vtysh");
    /** Debian's frr.service ExecStart/ExecStop: watchfrr and, through it, the daemons. */
    static final Path FRRINIT = Paths.get("/usr/lib/frr/frrinit.sh");
    /** The daemons' own start/stop script (watchfrr runs it to start each daemon); {@code start} alone starts all, unsupervised. */
    static final Path WATCHFRR_SH = Paths.get("/usr/lib/frr/watchfrr.sh");

    /** How the host runs FRR's daemons. */
    enum Supervision {
        /** As Debian's frr service: {@code frrinit.sh start}, watchfrr supervising the daemons and writing frr.conf on a save. */
        WATCHFRR,
        /** The daemons alone ({@code watchfrr.sh start}, no watchfrr): vtysh's save writes frr.conf itself, as whoever runs it. */
        NONE
    }

    record Result(int status, String output) {
    }

    private final String namespace;
    private final Path dir;
    private final String hostname;

    private FrrInstance(String namespace, Path dir, String hostname) {
        this.namespace = namespace;
        this.dir = dir;
        this.hostname = hostname;
    }

    /** The host's {@code /run/frr}: the daemons' vty sockets, which vtysh run by anyone in group frrvty reaches from any namespace. */
    Path runDir() {
        return dir.resolve("run/frr");
    }

    /** The host's {@code /etc/frr}: daemons, vtysh.conf, frr.conf. */
    Path configDir() {
        return dir.resolve("etc");
    }

    /** The network namespace the daemons and the veth pair live in: the router's host. */
    String namespace() {
        return namespace;
    }

    /** {@code command} as the router's host runs it: in its network namespace, with its folders and hostname. */
    List<String> inNamespace(String... command) {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        line.addAll(asHost(List.of(command)));
        return line;
    }

    /**
     * {@code command} with the host's {@code /etc/frr} and {@code /run} (a mount namespace of its own) and its hostname
     * (a UTS namespace of its own), in whatever network namespace it is started.
     */
    List<String> asHost(List<String> command) {
        List<String> line = new ArrayList<>(List.of("unshare", "--mount", "--uts", "--propagation", "private", "sh", "-c",
                "mount --bind \"$0/etc\" /etc/frr && mount --bind \"$0/run\" /run && { [ -z \"$1\" ] || hostname \"$1\"; } && shift && exec \"$@\"",
                dir.toString(), hostname == null ? "" : hostname));
        line.addAll(command);
        return line;
    }

    /** Runs {@code command} on the router's host and waits for it. */
    Result host(String... command) throws Exception {
        return exec(inNamespace(command));
    }

    static FrrInstance start() throws Exception {
        return start(null);
    }

    /** With {@code hostname} null, the daemons keep the machine's hostname. */
    static FrrInstance start(String hostname) throws Exception {
        return start(hostname, List.of());
    }

    /** zebra, staticd and {@code moreDaemons} (bgpd, say: a router with configuration the project does not own), under watchfrr. */
    static FrrInstance start(String hostname, List<Path> moreDaemons) throws Exception {
        return start(hostname, moreDaemons, Supervision.WATCHFRR);
    }

    static FrrInstance start(String hostname, List<Path> moreDaemons, Supervision supervision) throws Exception {
        String namespace = "lgwan-frr-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
        Path dir = Files.createTempDirectory(Paths.get("/tmp"), "lgwan-frr-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        FrrInstance frr = new FrrInstance(namespace, dir, hostname);
        try {
            Path etc = Files.createDirectories(dir.resolve("etc"));
            // Debian's /etc/frr/daemons as the package ships it (zebra and staticd always run), with moreDaemons enabled
            StringBuilder daemons = new StringBuilder();
            for (Path daemon : moreDaemons) {
                daemons.append(daemon.getFileName()).append("=yes\n");
            }
            daemons.append("vtysh_enable=yes\n")
                    .append("zebra_options=\"  -A 127.0.0.1 -s 90000000\"\n")
                    .append("bgpd_options=\"   -A 127.0.0.1\"\n")
                    .append("staticd_options=\"-A 127.0.0.1\"\n");
            frrFile(etc.resolve("daemons"), daemons.toString());
            frrFile(etc.resolve("vtysh.conf"), "service integrated-vtysh-config\n");
            // present (empty) as Debian's is: without it, frrcommon.sh would make per-daemon files (zebra.conf ...)
            frrFile(etc.resolve("frr.conf"), "");
            owner(etc, "frr", "frr");
            Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwxr-x---"));
            Path run = Files.createDirectories(dir.resolve("run"));
            owner(Files.createDirectories(run.resolve("frr")), "frr", "frr");
            // sshd's privilege separation directory, which the host's /run must have
            Files.createDirectories(run.resolve("sshd"));
            run("ip", "netns", "add", namespace);
            run("ip", "netns", "exec", namespace, "ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
            run("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
            List<String> started = new ArrayList<>(List.of("zebra", "staticd"));
            moreDaemons.forEach(daemon -> started.add(daemon.getFileName().toString()));
            if (supervision == Supervision.WATCHFRR) {
                started.add("watchfrr");
                run(frr.inNamespace(FRRINIT.toString(), "start").toArray(String[]::new));
            } else {
                run(frr.inNamespace(WATCHFRR_SH.toString(), "start").toArray(String[]::new));
            }
            for (String daemon : started) {
                waitFor(frr.runDir().resolve(daemon + ".vty"));
            }
            return frr;
        } catch (Exception | AssertionError e) {
            frr.close();
            throw e;
        }
    }

    /** Loads a config as FRR does at boot: vtysh -b reads the host's /etc/frr/frr.conf. */
    Result boot(String config) throws Exception {
        Files.writeString(configDir().resolve("frr.conf"), config, StandardCharsets.US_ASCII);
        return host(VTYSH.toString(), "-b");
    }

    Result vtysh(String command) throws Exception {
        return host(VTYSH.toString(), "-c", command);
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.isRegularFile(configDir().resolve("daemons"))) {
                // Debian's ExecStop: watchfrr first (else it restarts what stops), then every daemon, zebra last
                exec(inNamespace(FRRINIT.toString(), "stop"));
            }
        } finally {
            // whatever did not stop (a stop that timed out, a start that failed half-way)
            if (Files.isDirectory(runDir())) {
                try (DirectoryStream<Path> pids = Files.newDirectoryStream(runDir(), "*.pid")) {
                    for (Path pid : pids) {
                        // only an FRR program of this host's pid file, never a process that reused the number
                        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
                                .filter(p -> p.info().command().map(c -> c.startsWith("/usr/lib/frr/")).orElse(false))
                                .ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            }
            exec(List.of("ip", "netns", "del", namespace));
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** A file of FRR's, as the package keeps them: frr:frr, u=rw,g=r,o= (/etc/frr/daemons' own note). */
    private static void frrFile(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        owner(file, "frr", "frr");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    }

    private static Path owner(Path path, String user, String group) throws IOException {
        UserPrincipalLookupService names = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = names.lookupPrincipalByName(user);
        GroupPrincipal ownerGroup = names.lookupPrincipalByGroupName(group);
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(owner);
        view.setGroup(ownerGroup);
        return path;
    }

    private static void waitFor(Path socket) throws InterruptedException {
        for (int i = 0; i < 200 && !Files.exists(socket); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(socket), "FRR daemon did not open " + socket);
    }

    private static void run(String... command) throws Exception {
        Result result = exec(List.of(command));
        if (result.status() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + result.output());
        }
    }

    private static Result exec(List<String> command) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }
}
