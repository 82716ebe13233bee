package jp.lgwan.routerconfig.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.lgwan.routerconfig.cli.LabRig;
import jp.lgwan.routerconfig.device.RouterSnapshot;
import jp.lgwan.routerconfig.device.SnmpProbe;
import jp.lgwan.routerconfig.device.SnmpTarget;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production path against real software: the packaged jar's {@code serve} — no lab — pushes
 * the sample's FRR router in a planned-outage window over the path it takes with a real router.
 * The router's host ({@link FrrInstance}: namespaces of its own, with its own /etc/frr and /run)
 * runs real FRR as Debian's frr service does (watchfrr supervising zebra, staticd and bgpd, under the
 * router's hostname), OpenSSH's sshd on port 22 of the management address with vtysh as what a
 * login gets, and net-snmp's snmpd (SNMPv3 authPriv, a stable engine ID, the repository's
 * {@code frr-ifmib-pass-persist.py}); the service reaches the management address from the test's
 * namespace over a veth pair. The inventory pins sshd's host key and names the management address;
 * the credential store ({@code lgwan.secrets-dir}) holds the operator's key and the poller's keys.
 *
 * <p>FRR also runs what the project does not own: a {@code router bgp} block and IPv6 forwarding
 * off ({@code no ipv6 forwarding}, Debian's default). A change notification, a window opening now,
 * the push, the SNMP post-check, confirm and save must leave both untouched; then, with the WAN
 * line down at the termination device's side, a second change fails its post-check and is rolled
 * back, again leaving them untouched. The plan recorded before the commit names only the lines
 * the push changes; the save goes through watchfrr ({@code [OK]}, frr.conf still FRR's own file).
 * The time each step took is printed.
 *
 * <p>CI installs frr, snmpd and openssh-server (.ci/run) and must run this; elsewhere, without them
 * or root, it is skipped with the reason.
 */
class FrrProductionPathIT {

    private static final String ORGANIZATION = "018406";
    private static final String ORGANIZATION_FILE = "inventory/organizations/018406-iryokouiki.yaml";
    private static final String ROUTER = "lgrt.iryokouiki.hokkaido.lgwan.jp";
    private static final String WAN_DESCRIPTION = "LGWAN carrier line iryokouiki-carrier-1";
    private static final String AUTH_KEY = "poller-auth-key-for-tests";
    private static final String PRIV_KEY = "poller-priv-key-for-tests";
    /** What the project does not own on this router: a BGP session to a peer on the LAN. */
    private static final String BGP = """
            router bgp 65001
             bgp router-id 172.16.3.1
             neighbor 172.16.3.2 remote-as 65002
            exit
            """;
    private static final Pattern CREATE_USER = Pattern.compile("! host: snmpd createUser (\\S+) SHA-256 .*");
    private static final Pattern ACCESS = Pattern.compile("! host: snmpd access (\\S+) usm priv read (\\S+)");
    private static final Pattern VTYSH_CONF = Pattern.compile("! host: vtysh.conf (banner motd line .*)");
    /** The far end of the router's WAN port, in the line's namespace. */
    private static final String FAR_END = "wan-far";
    /** The prefecture node the router's line reaches (inventory/reference/prefecture-network.yaml hokkaido-node). */
    private static final String NODE_ADDRESS = "100.64.1.1";
    private static final List<String> STEPS = List.of("pre-check", "backup", "compare", "plan", "commit", "post-check", "confirm");

    @BeforeAll
    static void requirePeers() throws Exception {
        String missing = OpenSshVtysh.missing() != null ? OpenSshVtysh.missing()
                : !Files.isExecutable(FrrInstance.ZEBRA) || !Files.isExecutable(FrrInstance.BGPD) || !Files.isExecutable(FrrInstance.VTYSH)
                ? "frr is not installed"
                : FrrHostSnmpd.missing() != null ? FrrHostSnmpd.missing()
                : !Files.isExecutable(Path.of("/usr/bin/ping")) && !Files.isExecutable(Path.of("/bin/ping"))
                ? "ping is not installed (iputils-ping): vtysh's ping runs the host's"
                : !"root".equals(System.getProperty("user.name")) ? "sshd, users and namespaces need root" : null;
        if (missing != null) {
            if (System.getenv("CI") != null) {
                fail("CI must run the FRR production-path test, but " + missing + "; .ci/run installs openssh-server, frr, snmpd and"
                        + " iputils-ping");
            }
            Assumptions.abort("FRR production-path test skipped: " + missing);
        }
    }

    @TempDir
    Path temp;

    private LabRig rig;
    private FrrInstance frr;
    private FrrHostSnmpd snmpd;
    private OpenSshVtysh sshd;
    private SnmpProbe probe;
    /** The namespace of the line's far end: the gateway and the prefecture node. */
    private String node;

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable peer : new AutoCloseable[] {rig, probe, sshd, snmpd, frr}) {
            if (peer != null) {
                peer.close();
            }
        }
        if (node != null) {
            new ProcessBuilder("ip", "netns", "del", node).redirectErrorStream(true).start().waitFor();
        }
    }

    @Test
    void serveConfirmsAVerifiedChangeAndRollsBackAFailedOneLeavingWhatItDoesNotOwnUntouched() throws Exception {
        rig = new LabRig(temp);
        Path repository = rig.repository;
        String organizationFile = Files.readString(repository.resolve(ORGANIZATION_FILE));

        // the router's host: FRR under the router's hostname, its two ports up, forwarding IPv4 (IPv6 stays off). The WAN
        // (eth0) is cabled to the far end of its line in a namespace of its own: the gateway, and the prefecture node the
        // line reaches (reference data: hokkaido-node 100.64.1.1), which answers the router's ping only over that link;
        // the LAN (eth1) to a port of its own.
        frr = FrrInstance.start(ROUTER, List.of(FrrInstance.BGPD));
        node = "lgwan-node-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
        for (String[] command : List.of(new String[] {"ip", "netns", "add", node},
                new String[] {"ip", "-n", frr.namespace(), "link", "del", "eth0"},
                new String[] {"ip", "link", "add", "eth0", "netns", frr.namespace(), "type", "veth", "peer", "name", FAR_END, "netns", node},
                new String[] {"ip", "-n", frr.namespace(), "link", "add", "eth1", "type", "veth", "peer", "name", "lan-far"},
                new String[] {"ip", "-n", frr.namespace(), "link", "set", "lan-far", "up"},
                new String[] {"ip", "-n", node, "link", "set", "lo", "up"},
                new String[] {"ip", "-n", node, "addr", "add", "192.0.2.18/30", "dev", FAR_END},
                new String[] {"ip", "-n", node, "addr", "add", NODE_ADDRESS + "/32", "dev", "lo"},
                new String[] {"ip", "-n", node, "link", "set", FAR_END, "up"})) {
            ip(command);
        }
        for (String port : List.of("eth0", "eth1")) {
            assertEquals(0, frr.host("ip", "link", "set", port, "up").status());
        }
        assertEquals(0, frr.host("sysctl", "-q", "-w", "net.ipv4.ip_forward=1").status());
        Inventory sample = load(repository);
        ConnectionRouter router = sample.organizations().stream().flatMap(o -> o.routers().stream())
                .filter(r -> r.hostname().equals(ROUTER)).findFirst().orElseThrow();
        String sampleConfig = new ConfigRenderer(repository.resolve("templates")).render(sample, router).text();
        String user = only(sampleConfig, CREATE_USER).group(1);
        Matcher access = only(sampleConfig, ACCESS);
        // one vtysh answer serves the helper for 1.5 s: less than the 2 s the service waits after a commit before it polls
        snmpd = FrrHostSnmpd.start(frr, new FrrHostSnmpd.Access(user, access.group(1), access.group(2)), AUTH_KEY, PRIV_KEY,
                "lgwan-" + ROUTER.substring(0, 12), 1.5);
        String management = snmpd.managementAddress();
        sshd = OpenSshVtysh.startOnHost(frr, management, 22);
        // vtysh.conf as Debian ships it with the rendered banner (frr.conf stays FRR's: watchfrr writes it on a save)
        Files.writeString(frr.configDir().resolve("vtysh.conf"), "service integrated-vtysh-config\n" + only(sampleConfig, VTYSH_CONF).group(1) + "\n");

        // the inventory as the router was installed: its management address and sshd's host key, pinned
        String installed = commit(repository, organizationFile
                .replace("management_address: 10.1.0.5", "management_address: " + management)
                .replace("ssh_host_key: \"SHA256:/sdA24P2XUXOaWvEETywPlvoaHN7wLScDwzRw4z7HZY\"", "ssh_host_key: \"" + sshd.pinned() + "\""),
                "lgrt.iryokouiki: installed at " + management);
        Inventory atInstall = load(repository);
        String installedConfig = new ConfigRenderer(repository.resolve("templates")).render(atInstall, routerOf(atInstall)).text();
        // FRR boots the installed config plus what the project does not own
        FrrInstance.Result boot = frr.boot(installedConfig.replaceFirst("(?m)^end$", BGP.replace("$", "\\$") + "end"));
        assertEquals(0, boot.status(), boot.output());
        String before = running();
        String bgpBefore = block(before, "router bgp 65001");
        assertTrue(bgpBefore.contains("neighbor 172.16.3.2 remote-as 65002"), before);
        assertTrue(before.lines().anyMatch("no ipv6 forwarding"::equals), before);

        // the host answers the poller as the service will poll it: snmpd waits for its helpers' vtysh (see
        // FrrHostSnmpd.target), so the service gets 10 s per request and 1 retry (lgwan.device), the whole poll 60 s
        // (lgwan.rollout)
        probe = new SnmpProbe();
        try {
            probe.poll(snmpd.target(user, AUTH_KEY, PRIV_KEY)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            fail("the router's snmpd does not answer: " + e + "\n" + snmpd.log());
        }

        Path secrets = Files.createDirectories(temp.resolve("secrets"));
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(sshd.operator(), "lgwan-ops", null, key);
        secret(secrets, "ssh/operating-body", key.toByteArray());
        secret(secrets, "snmp/verification-poller", ("auth=" + AUTH_KEY + "\npriv=" + PRIV_KEY + "\n").getBytes(StandardCharsets.US_ASCII));

        LabRig.Service service = rig.startServeOnRealRouters("serve", temp.resolve("data"), List.of(
                "-Dlgwan.secrets-dir=" + secrets, "-Dlgwan.device.ssh-user=" + OpenSshVtysh.USER,
                "-Dlgwan.device.snmp-timeout=" + snmpd.target(user, AUTH_KEY, PRIV_KEY).timeout().toMillis() + "ms",
                "-Dlgwan.device.snmp-retries=" + snmpd.target(user, AUTH_KEY, PRIV_KEY).retries(),
                "-Dlgwan.rollout.snmp-timeout=60s"));
        List<String> untouched = new ArrayList<>();

        // 1. a WAN description change: pushed, verified over SNMP, confirmed and saved
        String changed = commit(repository, Files.readString(repository.resolve(ORGANIZATION_FILE))
                .replace("description: " + WAN_DESCRIPTION, "description: " + WAN_DESCRIPTION + " (renumbered)"), "WAN description");
        JsonNode confirmed = pushInWindow(service, changed);
        String after = running();
        System.out.println(ROUTER + " after the confirmed push:\n" + after);
        assertEquals("CONFIRMED", confirmed.get("state").asText(), confirmed.toPrettyString() + rig.outputs());
        assertEquals(STEPS, LabRig.stepNames(confirmed));
        assertEquals(List.of("configure terminal", "interface eth0", "description " + WAN_DESCRIPTION + " (renumbered)", "exit", "end"),
                plan(confirmed), "the plan types the new description and nothing else");
        assertTrue(after.contains(" description " + WAN_DESCRIPTION + " (renumbered)\n"), after);
        // the connectivity test: the router pinged the node over the real link, with vtysh's ping (Ctrl-C after 3 s)
        JsonNode ping = step(confirmed, "post-check").get("ping");
        assertEquals("ping " + NODE_ADDRESS, ping.get("command").asText(), ping.toString());
        assertTrue(ping.get("received").asInt() > 0 && ping.get("received").asInt() == ping.get("sent").asInt(), ping.toString());
        assertTrue(ping.get("rtt_avg_ms").asDouble() > 0, ping.toString());
        System.out.println("FRR production path: the router's ping of " + NODE_ADDRESS + ": " + ping.get("received") + " of " + ping.get("sent")
                + " replies, rtt avg " + ping.get("rtt_avg_ms") + " ms");
        checkUntouched("the confirmed push", after, bgpBefore, untouched);
        // saved through watchfrr: vtysh's [OK], and frr.conf written by watchfrr's vtysh -w as root, still FRR's own file
        JsonNode confirm = step(confirmed, "confirm");
        assertEquals("write memory", confirm.get("saved_by").asText(), confirm.toString());
        assertTrue(confirm.get("save_output").asText().lines().anyMatch("[OK]"::equals), confirm.toString());
        assertTrue(confirm.get("save_output").asText().contains("Integrated configuration saved to /etc/frr/frr.conf"), confirm.toString());
        Path frrConf = frr.configDir().resolve("frr.conf");
        assertEquals("frr", Files.getOwner(frrConf).getName(), "frr.conf's owner after the save");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(frrConf)), "frr.conf's mode after the save");
        String saved = Files.readString(frrConf);
        assertTrue(saved.contains(" description " + WAN_DESCRIPTION + " (renumbered)\n"), "saved:\n" + saved);
        checkUntouched("the saved frr.conf", saved, bgpBefore, untouched);
        printTimings("confirmed", confirmed);

        // 2. the WAN line down at the termination device's side: the pre-check sees it and nothing is pushed; forced
        // with a reason, the change fails its post-check (WAN down, the node unreachable by a real ping) and is rolled back
        ip("ip", "-n", node, "link", "set", FAR_END, "down");
        awaitWanDown(user);
        String failing = commit(repository, Files.readString(repository.resolve(ORGANIZATION_FILE))
                .replace("description: " + WAN_DESCRIPTION + " (renumbered)", "description: " + WAN_DESCRIPTION + " (line down)"), "WAN description again");
        JsonNode refused = pushInWindow(service, failing, null);
        assertEquals("PRE_EXISTING_FAULT", refused.get("state").asText(), refused.toPrettyString() + rig.outputs());
        assertEquals(List.of("pre-check"), LabRig.stepNames(refused));
        assertTrue(running().contains(" description " + WAN_DESCRIPTION + " (renumbered)\n"), "nothing pushed");
        JsonNode rolledBack = pushInWindow(service, failing, Map.of("force_pre_check", List.of(Map.of("router", ROUTER,
                "reason", "test: the line is down on purpose"))));
        String afterRollback = running();
        assertEquals("ROLLED_BACK", rolledBack.get("state").asText(), rolledBack.toPrettyString() + rig.outputs());
        assertEquals(List.of("pre-check", "backup", "compare", "plan", "commit", "post-check", "rollback"), LabRig.stepNames(rolledBack));
        assertEquals("pre-existing fault, forced", rolledBack.get("steps").get(0).get("outcome").asText());
        JsonNode unreachable = step(rolledBack, "post-check").get("ping");
        assertEquals(0, unreachable.get("received").asInt(), unreachable.toString());
        assertFalse(unreachable.has("rtt_avg_ms"), unreachable.toString());
        assertEquals(List.of("configure terminal", "interface eth0", "description " + WAN_DESCRIPTION + " (line down)", "exit", "end"),
                plan(rolledBack), "the plan types the new description and nothing else");
        List<String> failedChecks = new ArrayList<>();
        rolledBack.get("failed_checks").forEach(c -> failedChecks.add(c.get("name").asText()));
        assertTrue(failedChecks.contains("wan-up") && failedChecks.contains("reachability"), rolledBack.get("failed_checks").toString());
        JsonNode rollback = rolledBack.get("steps").get(rolledBack.get("steps").size() - 1).get("evidence");
        assertTrue(rollback.get("runs_backup").asBoolean(), rollback.toString());
        assertTrue(afterRollback.contains(" description " + WAN_DESCRIPTION + " (renumbered)\n") && !afterRollback.contains("(line down)"), afterRollback);
        checkUntouched("the rolled-back push", afterRollback, bgpBefore, untouched);
        printTimings("rolled back", rolledBack);
        String log = Files.readString(service.process.out) + Files.readString(service.process.err);
        assertTrue(log.lines().anyMatch(l -> l.contains("WARN") && l.contains("router " + ROUTER + " ROLLED_BACK at step post-check")),
                "the rolled-back router is logged at WARN naming the step that failed:\n" + rig.outputs());

        assertEquals(List.of(), untouched, "what the project does not own must stay as it was");
    }

    /** The router's step named {@code name}: its evidence. */
    private static JsonNode step(JsonNode router, String name) {
        for (JsonNode step : router.get("steps")) {
            if (step.get("name").asText().equals(name)) {
                return step.get("evidence");
            }
        }
        throw new AssertionError("no step " + name + " in " + router.toPrettyString());
    }

    /** The commands the push recorded before typing them. */
    private static List<String> plan(JsonNode router) {
        List<String> commands = new ArrayList<>();
        step(router, "plan").get("commands").forEach(c -> commands.add(c.asText()));
        return commands;
    }

    /** An approved window opening now with the organization's change scheduled into it, started; the router's record once the job is done. */
    private JsonNode pushInWindow(LabRig.Service service, String revision) throws Exception {
        return pushInWindow(service, revision, null);
    }

    /** As above, the window started with {@code start} as the request's body (null: none). */
    private JsonNode pushInWindow(LabRig.Service service, String revision, Object start) throws Exception {
        long outage = LabRig.windowNow(service, revision, List.of(ORGANIZATION), List.of(ROUTER));
        long job = service.post("operator", "/api/outages/" + outage + "/start", start, 202).get("id").asLong();
        JsonNode finished = service.finished(job, Duration.ofMinutes(3));
        return LabRig.routersOf(finished).get(ROUTER);
    }

    private static void ip(String... command) throws Exception {
        Process ip = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ip.waitFor(), String.join(" ", command) + ": " + output);
    }

    /** Waits until the router's agent shows the WAN down (snmpd keeps its ifTable for a few seconds). */
    private void awaitWanDown(String user) throws Exception {
        probe = probe == null ? new SnmpProbe() : probe;
        SnmpTarget target = snmpd.target(user, AUTH_KEY, PRIV_KEY);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            try {
                RouterSnapshot snapshot = probe.poll(target).get(60, TimeUnit.SECONDS);
                if (snapshot.interfaceNamed("eth0").map(wan -> !wan.operUp()).orElse(false)) {
                    return;
                }
                last = "eth0 still up";
            } catch (java.util.concurrent.ExecutionException slow) {
                last = slow.getCause().getMessage();
            }
            Thread.sleep(500);
        }
        fail("snmpd does not show eth0 down 60 s after its peer went down: " + last);
    }

    private void checkUntouched(String when, String config, String bgpBefore, List<String> untouched) throws Exception {
        if (!block(config, "router bgp 65001").equals(bgpBefore)) {
            untouched.add(when + " changed the BGP block:\n" + bgpBefore + "->\n" + block(config, "router bgp 65001"));
        }
        if (config.lines().noneMatch("no ipv6 forwarding"::equals) || config.lines().anyMatch("ipv6 forwarding"::equals)) {
            untouched.add(when + ": 'no ipv6 forwarding' is gone");
        }
        String forwarding = frr.host("sysctl", "-n", "net.ipv6.conf.all.forwarding").output().strip();
        if (!forwarding.equals("0")) {
            untouched.add(when + ": the host forwards IPv6 (net.ipv6.conf.all.forwarding=" + forwarding + ")");
        }
    }

    /** How long each step took, from the router's start and the time each step was recorded; the save from the confirm step's evidence. */
    private static void printTimings(String what, JsonNode router) {
        // the pre-check is the first step recorded, when its poll has ended: its own evidence says how long that took
        JsonNode preCheck = router.get("steps").get(0);
        Instant previous = Instant.parse(preCheck.get("at").asText()).minusMillis(preCheck.get("evidence").get("poll_ms").asLong());
        Instant started = previous;
        Map<String, Long> millis = new LinkedHashMap<>();
        for (JsonNode step : router.get("steps")) {
            Instant at = Instant.parse(step.get("at").asText());
            millis.put(step.get("name").asText(), Duration.between(previous, at).toMillis());
            previous = at;
            if (step.get("evidence").has("save_ms")) {
                long save = step.get("evidence").get("save_ms").asLong();
                millis.put("confirm", millis.get("confirm") - save);
                millis.put("save", save);
            }
        }
        long total = Duration.between(started, previous).toMillis();
        System.out.println("FRR production path, " + what + ": " + total + " ms in all; per step (ms) " + millis);
    }

    private String running() throws Exception {
        FrrInstance.Result shown = frr.vtysh("show running-config");
        assertEquals(0, shown.status(), shown.output());
        return shown.output();
    }

    /** The block a line opens, up to its {@code exit}; empty when there is none. */
    private static String block(String config, String header) {
        int start = config.indexOf("\n" + header + "\n");
        if (start < 0) {
            return "";
        }
        int end = config.indexOf("\nexit\n", start + 1);
        return end < 0 ? config.substring(start + 1) : config.substring(start + 1, end + 6);
    }

    private static Inventory load(Path repository) throws Exception {
        return new InventoryLoader().load(repository.resolve("inventory"), TestInventory.AS_OF).inventory();
    }

    private static ConnectionRouter routerOf(Inventory inventory) {
        return inventory.organizations().stream().flatMap(o -> o.routers().stream()).filter(r -> r.hostname().equals(ROUTER)).findFirst().orElseThrow();
    }

    private static Matcher only(String config, Pattern pattern) {
        List<Matcher> found = config.lines().map(pattern::matcher).filter(Matcher::matches).toList();
        assertEquals(1, found.size(), pattern + " in\n" + config);
        return found.get(0);
    }

    private static void secret(Path secrets, String reference, byte[] content) throws Exception {
        Path file = secrets.resolve(reference);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** Writes the organization's file and commits it as an engineer would; the commit id. */
    private static String commit(Path repository, String organizationFile, String message) throws Exception {
        assertFalse(organizationFile.equals(Files.readString(repository.resolve(ORGANIZATION_FILE))), "the commit changes something: " + message);
        Files.writeString(repository.resolve(ORGANIZATION_FILE), organizationFile);
        try (Git git = Git.open(repository.toFile())) {
            git.add().addFilepattern(ORGANIZATION_FILE).call();
            PersonIdent engineer = new PersonIdent("Test Engineer", "engineer@example.invalid");
            return git.commit().setMessage(message).setAuthor(engineer).setCommitter(engineer).setSign(false).call().getName();
        }
    }
}
