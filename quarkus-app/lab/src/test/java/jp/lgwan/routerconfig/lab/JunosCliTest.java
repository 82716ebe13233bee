package jp.lgwan.routerconfig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.lgwan.routerconfig.inventory.Duplex;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Junos CLI emulator on the rendered Tokyo config: display set, candidate and commit, commit confirmed, delete, errors, modes. */
class JunosCliTest {

    private static final String HOST = "lgrt.metro.tokyo.lgwan.jp";
    private static final String OP = "operator@" + HOST + ">";
    private static final String CONF = "[edit]\noperator@" + HOST + "#";
    private static final String WAN = "ge-0/0/0";
    private static final String LAN = "ge-0/0/1";
    private static final Path GOLDEN = Path.of("quarkus-app/core/src/test/resources/golden/lgrt.metro.tokyo.lgwan.jp.cfg");

    private TestClock clock;
    private ManualTimers timers;
    private VirtualRouter router;
    private String golden;
    /** The statements as the device shows them after boot: the boot config, SNMPv3 passwords as $9$ keys. */
    private List<String> shown;
    private JunosCli.Device device;
    private JunosCli cli;

    @BeforeEach
    void setUp() throws Exception {
        clock = new TestClock();
        timers = new ManualTimers(clock);
        router = new VirtualRouter(HOST, "Juniper vSRX", clock);
        router.addPort(WAN, 1000, "LGWAN carrier line tokyo-carrier-1", InterfaceMode.AUTO);
        router.addPort(LAN, 1000, "Office LAN", InterfaceMode.AUTO);
        // the rendered config with the root-authentication every commit needs (a real router's base config has it)
        golden = Files.readString(GOLDEN) + ROOT_AUTHENTICATION + "\n";
        device = new JunosCli.Device(router, golden, clock, timers);
        shown = device.runningConfig();
        cli = device.newSession();
    }

    private static final String ROOT_AUTHENTICATION = "set system root-authentication encrypted-password \"$6$lab$hash\"";

    /** The boot config as shown: its lines, each SNMPv3 password as the key the device made of it. */
    private List<String> goldenLines() {
        List<String> lines = new ArrayList<>(List.of(golden.strip().split("\n")));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("-password \"{{secret:")) {
                String prefix = lines.get(i).substring(0, lines.get(i).indexOf("-password")) + "-key ";
                lines.set(i, shown.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow());
            }
        }
        return lines;
    }

    private String run(String... lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(cli.handle(line));
        }
        return out.toString();
    }

    /** The statements {@code show configuration | display set} prints now. */
    private List<String> shownConfig() {
        String out = cli.handle(cli.prompt().endsWith("#") ? "run show configuration | display set" : "show configuration | display set");
        List<String> lines = new ArrayList<>(List.of(out.split("\n")));
        lines.remove(lines.size() - 1); // the prompt
        if (lines.get(lines.size() - 1).equals("[edit]")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private VirtualRouter.PortView port(String name) {
        return router.portView(name).orElseThrow();
    }

    @Test
    void showConfigurationDisplaySetRoundTripsTheRenderedConfig() {
        assertEquals("", cli.banner());
        assertEquals(OP, cli.prompt());
        assertEquals("Screen length set to 0\n" + OP, cli.handle("set cli screen-length 0"));
        assertEquals("Screen width set to 511\n" + OP, cli.handle("set cli screen-width 511"));
        String text = String.join("\n", goldenLines()) + "\n";
        assertEquals(text + OP, cli.handle("show configuration | display set"));
        assertEquals(text + OP, cli.handle("show configuration | display set | no-more"));
        // the SNMPv3 passwords show as $9$ keys, never as typed
        assertEquals(2, goldenLines().stream().filter(l -> l.matches("set snmp v3 usm local-engine user lgwan-poller \\S+ (authentication|privacy)-key \"\\$9\\$[^\"]+\"")).count(),
                goldenLines().toString());
        assertEquals(goldenLines(), device.runningConfig());
        assertEquals(goldenLines(), device.candidateConfig());
    }

    @Test
    void promptsFollowTheModeAndExitClosesTheSession() {
        assertEquals(JunosCli.ENTERING + "\n" + CONF, cli.handle("configure"));
        assertEquals(CONF, cli.prompt());
        assertEquals(JunosCli.EXITING + "\n" + OP, cli.handle("exit configuration-mode"));
        assertEquals(JunosCli.ENTERING + "\n" + CONF, cli.handle("configure"));
        assertEquals(JunosCli.EXITING + "\n" + OP, cli.handle("exit"));
        assertEquals(OP, cli.handle(""));
        assertFalse(cli.closed());
        assertEquals("", cli.handle("exit"));
        assertTrue(cli.closed());
        assertEquals("", cli.prompt());
        assertEquals("", cli.handle("show configuration | display set"));
    }

    @Test
    void setAndCommitChangeTheConfigurationAndThePort() {
        assertEquals(InterfaceMode.AUTO, port(WAN).mode());
        run("configure");
        assertEquals(CONF, cli.handle("set interfaces ge-0/0/0 speed 100m"));
        assertEquals(CONF, cli.handle("set interfaces ge-0/0/0 link-mode full-duplex"));

        // the candidate only: nothing committed, the port untouched
        assertEquals(goldenLines(), device.runningConfig());
        assertEquals(goldenLines(), shownConfig());
        assertEquals(InterfaceMode.AUTO, port(WAN).mode());
        assertTrue(cli.handle("show | display set").contains("set interfaces ge-0/0/0 speed 100m\nset interfaces ge-0/0/0 link-mode full-duplex\n"));

        assertEquals(JunosCli.COMMIT_COMPLETE + "\n" + CONF, cli.handle("commit"));
        assertEquals(InterfaceMode.fixed(100, Duplex.FULL), port(WAN).mode());
        assertEquals("LGWAN carrier line tokyo-carrier-1", port(WAN).description());
        assertTrue(port(WAN).adminUp());
        List<String> expected = new ArrayList<>(goldenLines());
        // a new statement goes after the last one of its interface
        expected.add(4, "set interfaces ge-0/0/0 speed 100m");
        expected.add(5, "set interfaces ge-0/0/0 link-mode full-duplex");
        assertEquals(expected, device.runningConfig());
        assertEquals(expected, shownConfig());

        // half duplex, then back to auto by deleting the speed
        run("set interfaces ge-0/0/0 link-mode half-duplex", "commit");
        assertEquals(InterfaceMode.fixed(100, Duplex.HALF), port(WAN).mode());
        assertEquals(1, device.runningConfig().stream().filter(l -> l.contains("link-mode")).count());
        run("delete interfaces ge-0/0/0 speed", "delete interfaces ge-0/0/0 link-mode", "commit");
        assertEquals(InterfaceMode.AUTO, port(WAN).mode());
        assertEquals(goldenLines(), device.runningConfig());
    }

    @Test
    void singleValuedLeavesReplaceTheirValueAndIdenticalStatementsAreNotRepeated() {
        run("configure",
                "set interfaces ge-0/0/1 description \"Office LAN 2F\"",
                "set interfaces ge-0/0/1 unit 0 family inet address 172.17.0.1/24",
                "set class-of-service interfaces ge-0/0/0 shaping-rate 50m",
                "set system login message \"Authorized access only.\"",
                "set system host-name lgrt-new");
        List<String> candidate = device.candidateConfig();
        assertEquals(goldenLines().size(), candidate.size());
        assertEquals("set system host-name lgrt-new", candidate.get(0));
        assertEquals("set system login message \"Authorized access only.\"", candidate.get(1));
        assertEquals("set interfaces ge-0/0/1 description \"Office LAN 2F\"", candidate.get(4));
        assertEquals("set class-of-service interfaces ge-0/0/0 shaping-rate 50m", candidate.get(6));

        // the prompt follows the committed host-name
        assertEquals(JunosCli.COMMIT_COMPLETE + "\n[edit]\noperator@lgrt-new#", cli.handle("commit"));
        assertEquals("Office LAN 2F", port(LAN).description());
        assertEquals("LGWAN carrier line tokyo-carrier-1", port(WAN).description());
    }

    @Test
    void disableTakesThePortDownAndDeletingItBringsItBack() {
        run("configure", "set interfaces ge-0/0/1 disable", "commit");
        assertFalse(port(LAN).adminUp());
        assertTrue(port(WAN).adminUp());
        run("delete interfaces ge-0/0/1 disable", "commit");
        assertTrue(port(LAN).adminUp());
    }

    @Test
    void commitConfirmedRollsBackWhenNotConfirmed() {
        run("configure", "set interfaces ge-0/0/0 speed 100m", "set interfaces ge-0/0/0 link-mode full-duplex");
        assertEquals("commit confirmed will be automatically rolled back in 1 minutes unless confirmed\n"
                + JunosCli.COMMIT_COMPLETE + "\n" + CONF, cli.handle("commit confirmed 1"));
        assertTrue(device.revertPending());
        assertEquals(InterfaceMode.fixed(100, Duplex.FULL), port(WAN).mode());
        assertTrue(device.runningConfig().contains("set interfaces ge-0/0/0 speed 100m"));

        timers.advance(Duration.ofSeconds(59));
        assertTrue(device.revertPending());
        assertEquals(InterfaceMode.fixed(100, Duplex.FULL), port(WAN).mode());

        timers.advance(Duration.ofSeconds(1));
        assertFalse(device.revertPending());
        assertEquals(goldenLines(), device.runningConfig());
        assertEquals(goldenLines(), device.candidateConfig());
        assertEquals(InterfaceMode.AUTO, port(WAN).mode());
        assertEquals(goldenLines(), shownConfig());
        assertEquals(CONF, cli.prompt());
    }

    @Test
    void aPlainCommitConfirmsAPendingConfirmedCommit() {
        run("configure", "set interfaces ge-0/0/0 speed 100m", "set interfaces ge-0/0/0 link-mode full-duplex", "commit confirmed 5");
        assertTrue(device.revertPending());
        assertEquals(JunosCli.COMMIT_COMPLETE + "\n" + CONF, cli.handle("commit"));
        assertFalse(device.revertPending());
        assertEquals(0, timers.pending());

        timers.advance(Duration.ofMinutes(10));
        assertEquals(InterfaceMode.fixed(100, Duplex.FULL), port(WAN).mode());
        assertTrue(device.runningConfig().contains("set interfaces ge-0/0/0 link-mode full-duplex"));
    }

    @Test
    void commitConfirmedWithoutMinutesWaitsTenAndCommitCheckDoesNotConfirm() {
        run("configure", "set interfaces ge-0/0/1 description LAN");
        assertEquals("commit confirmed will be automatically rolled back in 10 minutes unless confirmed\n"
                + JunosCli.COMMIT_COMPLETE + "\n" + CONF, cli.handle("commit confirmed"));
        assertEquals("LAN", port(LAN).description());
        assertEquals(JunosCli.CHECK_SUCCEEDS + "\n" + CONF, cli.handle("commit check"));
        timers.advance(Duration.ofMinutes(10));
        assertEquals("Office LAN", port(LAN).description());
        assertEquals(goldenLines(), device.runningConfig());
    }

    @Test
    void deleteRemovesEveryStatementUnderThePrefix() {
        run("configure");
        assertEquals(CONF, cli.handle("delete routing-options static"));
        assertEquals(CONF, cli.handle("delete interfaces ge-0/0/1 description"));
        assertEquals(JunosCli.NOT_FOUND + "\n" + CONF, cli.handle("delete interfaces ge-0/0/9"));
        run("commit");
        List<String> expected = new ArrayList<>(goldenLines());
        expected.removeIf(l -> l.startsWith("set routing-options static ") || l.startsWith("set interfaces ge-0/0/1 description "));
        assertEquals(goldenLines().size() - 4, expected.size());
        assertEquals(expected, device.runningConfig());
        assertNull(port(LAN).description());
        assertEquals(InterfaceMode.AUTO, port(LAN).mode());
    }

    @Test
    void rollbackLoadsAnEarlierRevisionIntoTheCandidate() {
        run("configure", "set system ntp server 198.18.0.125", "commit");
        List<String> second = device.runningConfig();
        run("set interfaces ge-0/0/1 disable");
        assertEquals(JunosCli.LOAD_COMPLETE + "\n" + CONF, cli.handle("rollback 0"));
        assertEquals(second, device.candidateConfig());
        assertEquals(JunosCli.LOAD_COMPLETE + "\n" + CONF, cli.handle("rollback 1"));
        assertEquals(goldenLines(), device.candidateConfig());
        assertEquals(second, device.runningConfig());
        run("commit");
        assertEquals(goldenLines(), device.runningConfig());
    }

    @Test
    void errorsAreReportedPerMode() {
        assertEquals(JunosCli.UNKNOWN_COMMAND + "\n" + OP, cli.handle("frobnicate"));
        assertEquals(JunosCli.SYNTAX_ERROR + "\n" + OP, cli.handle("show configuration | display xml"));
        run("configure");
        assertEquals(JunosCli.SYNTAX_ERROR + "\n" + CONF, cli.handle("set frobnicate x"));
        assertEquals(JunosCli.SYNTAX_ERROR + "\n" + CONF, cli.handle("frobnicate"));
        assertEquals(JunosCli.SYNTAX_ERROR + "\n" + CONF, cli.handle("set interfaces ge-0/0/0 speed 7m"));
        assertEquals(JunosCli.SYNTAX_ERROR + "\n" + CONF, cli.handle("set interfaces ge-0/0/0 description \"open"));
        assertEquals(JunosCli.SYNTAX_ERROR + "\n" + CONF, cli.handle("set cli screen-length 0"));
        assertEquals(goldenLines(), device.candidateConfig());

        run("set interfaces ge-0/0/0 speed 100m");
        assertEquals(JunosCli.SYNTAX_ERROR + "\n" + CONF, cli.handle("commit confirmed soon"));
        assertEquals(JunosCli.SYNTAX_ERROR + "\n" + CONF, cli.handle("commit confirmed 0"));
        assertEquals(JunosCli.SYNTAX_ERROR + "\n" + CONF, cli.handle("commit confirmed 65536"));
        assertFalse(device.revertPending());
        assertEquals(0, timers.pending());
        assertEquals(goldenLines(), device.runningConfig());
        assertEquals(InterfaceMode.AUTO, port(WAN).mode());
    }

    @Test
    void leavingWithUncommittedChangesKeepsTheCandidate() {
        run("configure", "set snmp location Tokyo");
        assertEquals(OP, cli.handle("exit configuration-mode"));
        assertEquals(goldenLines(), device.runningConfig());
        assertEquals(JunosCli.UNCOMMITTED + "\n" + JunosCli.ENTERING + "\n" + CONF, cli.handle("configure"));
        assertTrue(device.candidateConfig().contains("set snmp location Tokyo"));
        assertEquals("Screen length set to 0\n" + CONF, cli.handle("run set cli screen-length 0"));
        assertEquals(JunosCli.COMMIT_COMPLETE + "\n" + JunosCli.EXITING + "\n" + OP, cli.handle("commit and-quit"));
        assertTrue(device.runningConfig().contains("set snmp location Tokyo"));
    }

    @Test
    void sessionsShareTheDevice() {
        JunosCli other = device.newSession();
        run("configure", "set interfaces ge-0/0/0 speed 10m", "set interfaces ge-0/0/0 link-mode half-duplex", "commit confirmed 3");
        assertEquals(JunosCli.ENTERING + "\n" + CONF, other.handle("configure"));
        assertEquals(JunosCli.COMMIT_COMPLETE + "\n" + CONF, other.handle("commit"));
        assertFalse(device.revertPending());
        timers.advance(Duration.ofMinutes(3));
        assertEquals(InterfaceMode.fixed(10, Duplex.HALF), port(WAN).mode());
    }

    @Test
    void theInitialConfigMustBeSetStatements() {
        assertThrows(IllegalArgumentException.class, () -> new JunosCli.Device(router, "system { host-name x; }\n", clock, timers));
        JunosCli own = new JunosCli(router, "\n# comment\nset system host-name a\nset system host-name a\n", clock, timers);
        assertEquals("operator@a>", own.prompt());
        assertEquals(List.of("set system host-name a"), own.device().runningConfig());
    }

    @Test
    void aCommitWithoutRootAuthenticationFailsAndCommitsNothing() {
        run("configure", "delete system root-authentication", "set system host-name other");
        assertEquals(JunosCli.MISSING_ROOT_AUTHENTICATION + "\n" + CONF, cli.handle("commit"));
        assertEquals(JunosCli.MISSING_ROOT_AUTHENTICATION + "\n" + CONF, cli.handle("commit confirmed 5"));
        assertFalse(device.revertPending());
        assertEquals(goldenLines(), device.runningConfig());
    }

    @Test
    void anSnmpPasswordIsStoredAsANewNineKeyEachTime() {
        run("configure", "set snmp v3 usm local-engine user lgwan-poller authentication-sha256 authentication-password \"s3cret-s3cret\"", "commit");
        List<String> once = device.runningConfig().stream().filter(l -> l.contains("authentication-key")).toList();
        run("set snmp v3 usm local-engine user lgwan-poller authentication-sha256 authentication-password \"s3cret-s3cret\"", "commit");
        List<String> twice = device.runningConfig().stream().filter(l -> l.contains("authentication-key")).toList();
        assertEquals(1, once.size(), once.toString());
        assertEquals(1, twice.size(), "the key replaces the old one");
        assertFalse(once.equals(twice), "a new salt each time");
        assertTrue(device.runningConfig().stream().noneMatch(l -> l.contains("s3cret")), "the password never shows");
    }
}
