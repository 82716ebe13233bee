package jp.lgwan.routerconfig.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.inventory.SnmpAuthProtocol;

/**
 * net-snmp's snmpd on an FRR router's host, as an operator would run it there: in the router's
 * network namespace (so IF-MIB shows the router's interfaces with the kernel's ifIndexes), as the
 * unprivileged {@code Debian-snmp} with group {@code frrvty} (so the pass_persist helper's vtysh
 * reaches FRR's sockets), with an SNMPv3 authPriv user (SHA-256, AES-128), and the repository's
 * {@code templates/frr/frr-ifmib-pass-persist.py} answering ifAlias, ifHighSpeed and ifSpeed from
 * FRR. The poller reaches it over a management link: a veth pair from the test's namespace into
 * the router's, on a /30 of 198.19.0.0/16 (RFC 2544 benchmarking space) not in use here; deleting
 * the router's namespace removes the pair.
 */
final class FrrHostSnmpd implements AutoCloseable {

    static final Path SNMPD = Paths.get("/usr/sbin/snmpd");
    static final Path PYTHON = Paths.get("/usr/bin/python3");
    static final Path HELPER = Paths.get("templates/frr/frr-ifmib-pass-persist.py");
    static final String RUN_AS = "Debian-snmp";
    static final String VTY_GROUP = "frrvty";

    /** IF-MIB columns the helper answers: ifAlias, ifHighSpeed, ifSpeed. */
    static final List<String> HELPER_COLUMNS = List.of(".1.3.6.1.2.1.31.1.1.1.18", ".1.3.6.1.2.1.31.1.1.1.15", ".1.3.6.1.2.1.2.2.1.5");

    /** What the rendered config's "! host: snmpd" lines ask of the host's snmpd. */
    record Access(String user, String group, String view) {
    }

    private final Path dir;
    private final FrrInstance frr;
    private String hostLink;
    private String agentAddress;
    private Process snmpd;

    private FrrHostSnmpd(Path dir, FrrInstance frr) {
        this.dir = dir;
        this.frr = frr;
    }

    /** Why this cannot run here, or null. */
    static String missing() throws Exception {
        return !Files.isExecutable(SNMPD) ? "snmpd is not installed (apt-get install snmpd)"
                : !Files.isExecutable(PYTHON) ? PYTHON + " is missing"
                : new ProcessBuilder("id", RUN_AS).start().waitFor() != 0 ? "snmpd's user " + RUN_AS + " does not exist (the snmpd package creates it)"
                : null;
    }

    static FrrHostSnmpd start(FrrInstance frr, Access access, String authKey, String privKey) throws Exception {
        return start(frr, access, authKey, privKey, null, null);
    }

    /**
     * With {@code engineId} (text, as snmpd.conf's {@code engineID} takes it) the agent keeps that
     * SNMPv3 engine ID, as an installed agent keeps the one in its persistent state; null lets
     * net-snmp make one. {@code helperCacheSeconds}: how long one vtysh answer serves the helper
     * (its {@code --cache-seconds}); null for the helper's default.
     */
    static FrrHostSnmpd start(FrrInstance frr, Access access, String authKey, String privKey, String engineId, Double helperCacheSeconds)
            throws Exception {
        Path dir = Files.createTempDirectory(Paths.get("/tmp"), "lgwan-snmpd-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        FrrHostSnmpd agent = new FrrHostSnmpd(dir, frr);
        try {
            agent.managementLink();
            Path helper = dir.resolve("frr-ifmib-pass-persist.py");
            Files.copy(HELPER, helper, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path persist = Files.createDirectories(dir.resolve("persist"));
            run(List.of("chown", RUN_AS, persist.toString()));
            // snmpd runs as the host: the helper's vtysh finds the host's FRR at its default paths, as README's snmpd.conf lines have it
            String passPersist = PYTHON + " " + helper + (helperCacheSeconds == null ? "" : " --cache-seconds " + helperCacheSeconds);
            List<String> conf = new ArrayList<>(List.of(
                    "agentaddress udp:" + agent.agentAddress + ":161",
                    engineId == null ? "" : "engineID " + engineId,
                    "createUser " + access.user() + " SHA-256 \"" + authKey + "\" AES \"" + privKey + "\"",
                    "view " + access.view() + " included .1",
                    "group " + access.group() + " usm " + access.user(),
                    "access " + access.group() + " \"\" usm priv exact " + access.view() + " none none"));
            HELPER_COLUMNS.forEach(column -> conf.add("pass_persist " + column + " " + passPersist));
            Files.writeString(dir.resolve("snmpd.conf"), String.join("\n", conf) + "\n");
            agent.launch();
            return agent;
        } catch (Exception | AssertionError e) {
            agent.close();
            throw e;
        }
    }

    /**
     * Starts snmpd as Debian's service does, with this agent's folders: its config read from the
     * search path (SNMPCONFPATH: this folder, then the persistent one), so it also reads back the
     * persistent state it wrote when it last stopped — its engine id stays and its engine boots count up
     * (with {@code -C}, which reads only the {@code -c} file, every start is a new engine with boots 1:
     * measured with net-snmp 5.9.3).
     */
    private void launch() throws Exception {
        Files.deleteIfExists(dir.resolve("snmpd.log"));
        ProcessBuilder builder = new ProcessBuilder(frr.inNamespace(SNMPD.toString(), "-f",
                "-Lf", dir.resolve("snmpd.log").toString(), "-p", dir.resolve("snmpd.pid").toString(), "-u", RUN_AS, "-g", VTY_GROUP))
                .redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.out").toFile());
        builder.environment().put("SNMPCONFPATH", dir + ":" + dir.resolve("persist"));
        builder.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        builder.environment().put("MIBS", "");
        snmpd = builder.start();
        awaitStarted();
    }

    /**
     * What an operator's {@code systemctl restart snmpd} does: the agent stops and starts again, with
     * the same engine id (kept in its persistent folder) and one boot more; the host and FRR go on.
     */
    void restart() throws Exception {
        stop();
        launch();
    }

    /**
     * The router's agent as the poller reaches it over the management link. snmpd answers a walk of
     * the helper's columns only after each helper has started python and asked vtysh (about 1.1 s for
     * the first walk, 0.2 s after, on this machine at a load average of 24; 0.7 s a vtysh call at 25),
     * and a retry sent meanwhile only queues behind the request: so 10 s per request and 1 retry.
     */
    SnmpTarget target(String user, String authKey, String privKey) {
        return new SnmpTarget(agentAddress, 161, SnmpTarget.Version.V3, user, SnmpAuthProtocol.SHA256, authKey, privKey, null, Duration.ofSeconds(10), 1);
    }

    /** The router's management address in its namespace, which the test's (root) namespace reaches over the management link. */
    String managementAddress() {
        return agentAddress;
    }

    /** What snmpd logged so far (the helper's complaints go to its stderr, which snmpd does not keep). */
    String log() throws IOException {
        return Files.readString(dir.resolve("snmpd.log"), StandardCharsets.UTF_8);
    }

    private void managementLink() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            int subnet = ThreadLocalRandom.current().nextInt(1 << 14);
            String base = "198.19." + (subnet >> 6) + ".";
            int host = (subnet & 63) << 2;
            String name = "lgsnmp" + subnet;
            String inUse = exec(List.of("ip", "-4", "-o", "addr", "show")).output();
            if (inUse.contains(" " + base + (host + 1) + "/") || inUse.contains(" " + base + (host + 2) + "/")
                    || exec(List.of("ip", "link", "add", name, "type", "veth", "peer", "name", "mgmt0", "netns", frr.namespace())).status() != 0) {
                continue;
            }
            hostLink = name;
            agentAddress = base + (host + 2);
            run(List.of("ip", "addr", "add", base + (host + 1) + "/30", "dev", name));
            run(List.of("ip", "link", "set", name, "up"));
            run(frr.inNamespace("ip", "addr", "add", agentAddress + "/30", "dev", "mgmt0"));
            run(frr.inNamespace("ip", "link", "set", "mgmt0", "up"));
            return;
        }
        throw new IOException("no free management link in 198.19.0.0/16 after 5 tries");
    }

    private void awaitStarted() throws Exception {
        Path log = dir.resolve("snmpd.log");
        for (int i = 0; i < 100; i++) {
            if (Files.exists(log) && Files.readString(log).contains("NET-SNMP version")) {
                return;
            }
            assertTrue(snmpd.isAlive(), "snmpd ended: " + Files.readString(dir.resolve("snmpd.out")) + (Files.exists(log) ? Files.readString(log) : ""));
            Thread.sleep(50);
        }
        throw new IOException("snmpd did not start: " + (Files.exists(log) ? Files.readString(log) : "no log"));
    }

    /** Stops snmpd and the helpers it started. */
    private void stop() throws Exception {
        if (snmpd != null) {
            snmpd.destroy();
            if (!snmpd.waitFor(10, TimeUnit.SECONDS)) {
                snmpd.destroyForcibly();
                snmpd.waitFor(10, TimeUnit.SECONDS);
            }
        }
        // the helpers read end of file once snmpd is gone; wait for them, then end any that did not listen
        String marker = dir.resolve("frr-ifmib-pass-persist.py").toString();
        for (int i = 0; i < 50 && helpers(marker).findAny().isPresent(); i++) {
            Thread.sleep(100);
        }
        helpers(marker).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() throws Exception {
        stop();
        if (hostLink != null) {
            exec(List.of("ip", "link", "del", hostLink));
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The helper processes of this agent: their command line names the copy in this agent's own folder. */
    private static Stream<ProcessHandle> helpers(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
    }

    private static void run(List<String> command) throws Exception {
        FrrInstance.Result result = exec(command);
        if (result.status() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + result.output());
        }
    }

    private static FrrInstance.Result exec(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return new FrrInstance.Result(process.exitValue(), output);
    }
}
