package jp.lgwan.routerconfig.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * zebra and staticd in a fresh network namespace with a veth pair eth0/eth1, all state in a folder of
 * its own. Given a hostname, the daemons run in a UTS namespace of their own carrying it, as on a
 * router's host whose hostname is the router's: vtysh run there shows one {@code hostname} line, that
 * one (elsewhere FRR shows the machine's hostname, and vtysh adds its own).
 */
final class FrrInstance implements AutoCloseable {

    static final Path ZEBRA = Paths.get("/usr/lib/frr/zebra");
    static final Path STATICD = Paths.get("/usr/lib/frr/staticd");
    static final Path BGPD = Paths.get("/usr/lib/frr/bgpd");
    static final Path VTYSH = Paths.get("/usr/bin/vtysh");

    record Result(int status, String output) {
    }

    private final String namespace;
    private final Path dir;
    private final String hostname;
    private List<Path> daemons = List.of(ZEBRA, STATICD);

    private FrrInstance(String namespace, Path dir, String hostname) {
        this.namespace = namespace;
        this.dir = dir;
        this.hostname = hostname;
    }

    /** Where the daemons' vty sockets are: vtysh run by anyone in group frrvty reaches them here, from any namespace. */
    Path runDir() {
        return dir.resolve("run");
    }

    Path configDir() {
        return dir.resolve("etc");
    }

    /** The network namespace the daemons and the veth pair live in: the router's host. */
    String namespace() {
        return namespace;
    }

    /** {@code command} as the router's host runs it: in its network namespace, under its hostname if it has one. */
    List<String> inNamespace(String... command) {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        line.addAll(withHostname(List.of(command)));
        return line;
    }

    /** {@code command} under the router's hostname (a UTS namespace of its own), in whatever network namespace it is started. */
    List<String> withHostname(List<String> command) {
        if (hostname == null) {
            return command;
        }
        List<String> line = new ArrayList<>(List.of("unshare", "--uts", "sh", "-c", "hostname \"$0\" && exec \"$@\"", hostname));
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

    /** zebra, staticd and {@code moreDaemons} (bgpd, say: a router with configuration the project does not own). */
    static FrrInstance start(String hostname, List<Path> moreDaemons) throws Exception {
        String namespace = "lgwan-frr-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
        Path dir = Files.createTempDirectory(Paths.get("/tmp"), "lgwan-frr-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        FrrInstance frr = new FrrInstance(namespace, dir, hostname);
        try {
            Files.createDirectories(dir.resolve("etc"));
            Files.writeString(dir.resolve("etc/vtysh.conf"), "");
            Path run = Files.createDirectories(dir.resolve("run"));
            Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwxrwx"));
            run("ip", "netns", "add", namespace);
            run("ip", "netns", "exec", namespace, "ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
            run("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
            List<Path> daemons = new ArrayList<>(List.of(ZEBRA, STATICD));
            daemons.addAll(moreDaemons);
            frr.daemons = daemons;
            for (Path daemon : daemons) {
                String name = daemon.getFileName().toString();
                run(frr.inNamespace(daemon.toString(), "-d", "-u", "frr", "-g", "frr", "-A", "127.0.0.1", "-P", "0",
                        "-z", run.resolve("zserv.api").toString(), "--vty_socket", run.toString(), "-i", run.resolve(name + ".pid").toString())
                        .toArray(String[]::new));
            }
            for (Path daemon : daemons) {
                waitFor(run.resolve(daemon.getFileName() + ".vty"));
            }
            return frr;
        } catch (Exception e) {
            frr.close();
            throw e;
        }
    }

    /** Loads a config as FRR does at boot: vtysh -b reads frr.conf from the config folder. */
    Result boot(String config) throws Exception {
        Files.writeString(dir.resolve("etc/frr.conf"), config, StandardCharsets.US_ASCII);
        return exec(inNamespace(VTYSH.toString(), "--vty_socket", dir.resolve("run").toString(), "--config_dir", dir.resolve("etc").toString(), "-b"));
    }

    Result vtysh(String command) throws Exception {
        return exec(inNamespace(VTYSH.toString(), "--vty_socket", dir.resolve("run").toString(), "--config_dir", dir.resolve("etc").toString(), "-c", command));
    }

    @Override
    public void close() throws Exception {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Path pid = dir.resolve("run").resolve(daemons.get(i).getFileName() + ".pid");
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroy);
            }
        }
        exec(List.of("ip", "netns", "del", namespace));
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void waitFor(Path socket) throws InterruptedException {
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
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
