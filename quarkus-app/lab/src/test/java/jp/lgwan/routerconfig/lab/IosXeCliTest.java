package jp.lgwan.routerconfig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The IOS-XE CLI emulator on the rendered Sapporo config: show run, interface changes, the revert timer, errors, modes. */
class IosXeCliTest {

    /** The rendered hostname: the first label of lgrt.city.sapporo.lgwan.jp (the rest is its ip domain name). */
    private static final String HOST = "lgrt";
    private static final String WAN = "GigabitEthernet0/0/0";
    private static final String LAN = "GigabitEthernet0/0/1";
    private static final Path GOLDEN = Path.of("quarkus-app/core/src/test/resources/golden/lgrt.city.sapporo.lgwan.jp.cfg");

    private TestClock clock;
    private ManualTimers timers;
    private VirtualRouter router;
    private String golden;
    private IosXeCli.Device device;
    private IosXeCli cli;

    @BeforeEach
    void setUp() throws Exception {
        clock = new TestClock();
        timers = new ManualTimers(clock);
        router = new VirtualRouter(HOST, "Cisco C8200L", clock);
        router.addPort(WAN, 1000, "LGWAN carrier line", InterfaceMode.AUTO);
        router.addPort(LAN, 1000, "Office LAN", InterfaceMode.AUTO);
        // the rendered config with the archive the revert timer needs (a real router's base config has it)
        golden = Files.readString(GOLDEN).replace("ip domain name city.sapporo.lgwan.jp\n",
                "ip domain name city.sapporo.lgwan.jp\n!\narchive\n path bootflash:archive\n maximum 14\n");
        device = new IosXeCli.Device(router, golden, clock, timers);
        cli = device.newSession();
    }

    /** The config lines of the boot config as show running-config prints them: no closing "end", no snmp-server user (never shown). */
    private List<String> goldenLines() {
        List<String> lines = new ArrayList<>(List.of(golden.split("\n")));
        assertEquals("end", lines.remove(lines.size() - 1));
        lines.removeIf(line -> line.startsWith("snmp-server user "));
        return lines;
    }

    private String shownGolden() {
        return String.join("\n", goldenLines()) + "\nend\n";
    }

    /** The config lines of a show running-config answer: after the "Last configuration change" line, before "end". */
    private static List<String> configOf(String showRun) {
        List<String> lines = List.of(showRun.split("\n"));
        int from = 0;
        while (!lines.get(from).startsWith("! Last configuration change at ")) {
            from++;
        }
        return lines.subList(from + 1, lines.indexOf("end"));
    }

    private String run(String... lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(cli.handle(line));
        }
        return out.toString();
    }

    private void makeWanFixed100Full() {
        run("configure terminal", "interface GigabitEthernet0/0/0", "speed 100", "duplex full", "no negotiation auto", "end");
    }

    @Test
    void showRunningConfigPrintsTheRenderedConfigUnderTheIosHeader() {
        assertEquals("", cli.banner());
        assertEquals(HOST + "#", cli.prompt());
        assertEquals(HOST + "#", cli.handle("terminal length 0"));
        assertEquals(HOST + "#", cli.handle("terminal width 511"));

        String shown = cli.handle("show running-config");
        assertEquals("Building configuration...\n"
                + "\n"
                + "Current configuration : " + shownGolden().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " bytes\n"
                + "!\n"
                + "! Last configuration change at 10:00:00 JST Wed Nov 25 2026\n"
                + shownGolden()
                + HOST + "#", shown);
        assertEquals(goldenLines(), configOf(shown));
        assertEquals(goldenLines(), device.runningConfig());
        assertEquals("Building configuration...\n[OK]\n" + HOST + "#", cli.handle("write memory"));
    }

    @Test
    void fixedSpeedAndDuplexChangeTheRunningConfigAndThePort() {
        assertEquals(InterfaceMode.AUTO, router.portView(WAN).orElseThrow().mode());
        clock.advance(Duration.ofMinutes(5));

        assertEquals(IosXeCli.ENTER_CONFIG + "\n" + HOST + "(config)#", cli.handle("configure terminal"));
        assertEquals(HOST + "(config-if)#", cli.handle("interface GigabitEthernet0/0/0"));
        assertEquals(HOST + "(config-if)#", cli.handle("speed 100"));
        assertEquals(HOST + "(config-if)#", cli.handle("duplex full"));
        assertEquals(InterfaceMode.AUTO, router.portView(WAN).orElseThrow().mode(), "negotiation auto still wins");
        assertEquals(HOST + "(config-if)#", cli.handle("no negotiation auto"));
        assertEquals(HOST + "#", cli.handle("end"));

        VirtualRouter.PortView wan = router.portView(WAN).orElseThrow();
        assertEquals(InterfaceMode.parse("100-full"), wan.mode());
        assertEquals("LGWAN carrier line sapporo-carrier-1", wan.description());
        assertTrue(wan.adminUp());
        assertEquals("Office LAN", router.portView(LAN).orElseThrow().description(), "the untouched port keeps its state");

        String shown = cli.handle("show running-config");
        assertTrue(shown.contains("! Last configuration change at 10:05:00 JST Wed Nov 25 2026\n"), shown);
        assertTrue(shown.contains("interface GigabitEthernet0/0/0\n"
                + " description LGWAN carrier line sapporo-carrier-1\n"
                + " ip address 192.0.2.1 255.255.255.252\n"
                + " speed 100\n"
                + " duplex full\n"
                + " no negotiation auto\n"
                + " service-policy output LGWAN-WAN-SHAPE\n"
                + "!\n"
                + "interface GigabitEthernet0/0/1\n"
                + " description Office LAN\n"
                + " ip address 172.16.0.1 255.255.255.0\n"
                + " negotiation auto\n"
                + "!\n"), shown);
        List<String> config = configOf(shown);
        assertEquals(goldenLines().size() + 2, config.size());
        assertTrue(shown.contains("Current configuration : " + (String.join("\n", config).length() + 1 + "end\n".length()) + " bytes\n"), shown);
    }

    @Test
    void speedWithoutDuplexFollowsTheIosRuleAndShutdownTakesThePortDown() {
        run("configure terminal", "interface GigabitEthernet0/0/1", "no negotiation auto", "speed 100");
        assertEquals(InterfaceMode.parse("100-half"), router.portView(LAN).orElseThrow().mode());
        run("speed 1000");
        assertEquals(InterfaceMode.parse("1000-full"), router.portView(LAN).orElseThrow().mode());
        run("description Office LAN  (2nd floor)", "shutdown");
        VirtualRouter.PortView lan = router.portView(LAN).orElseThrow();
        assertEquals("Office LAN  (2nd floor)", lan.description());
        assertFalse(lan.adminUp());
        run("no shutdown", "negotiation auto", "end");
        lan = router.portView(LAN).orElseThrow();
        assertTrue(lan.adminUp());
        assertEquals(InterfaceMode.AUTO, lan.mode());
        List<String> config = configOf(cli.handle("show running-config"));
        assertFalse(config.contains(" shutdown"));
        assertFalse(config.contains(" no shutdown"), "IOS does not show no shutdown");
        assertTrue(config.contains(" negotiation auto"));
    }

    @Test
    void aRevertTimerRestoresTheConfigAndThePortWhenNotConfirmed() {
        assertEquals(IosXeCli.NO_ROLLBACK_PENDING + "\n" + HOST + "#", cli.handle("show archive config rollback timer"));
        assertEquals(IosXeCli.ENTER_CONFIG + "\n" + HOST + "(config)#", cli.handle("configure terminal revert timer 1"));
        run("interface GigabitEthernet0/0/0", "speed 100", "duplex full", "no negotiation auto", "end");
        assertEquals(InterfaceMode.parse("100-full"), router.portView(WAN).orElseThrow().mode());
        assertEquals("Time configured: 10:00:00 JST Wed Nov 25 2026\nTimer type: revert\nTimer value: 1 min\n" + HOST + "#",
                cli.handle("show archive config rollback timer"));
        assertTrue(device.revertPending());

        timers.advance(Duration.ofSeconds(59));
        assertEquals(InterfaceMode.parse("100-full"), router.portView(WAN).orElseThrow().mode(), "not yet");
        assertTrue(configOf(cli.handle("show running-config")).contains(" speed 100"));

        timers.advance(Duration.ofSeconds(1));
        assertFalse(device.revertPending());
        assertEquals(goldenLines(), device.runningConfig());
        String shown = cli.handle("show running-config");
        assertEquals(goldenLines(), configOf(shown));
        assertTrue(shown.contains("! Last configuration change at 10:01:00 JST Wed Nov 25 2026\n"), "the revert is a change");
        VirtualRouter.PortView wan = router.portView(WAN).orElseThrow();
        assertEquals(InterfaceMode.AUTO, wan.mode());
        assertEquals("LGWAN carrier line sapporo-carrier-1", wan.description());
        assertEquals(IosXeCli.NO_ROLLBACK_PENDING + "\n" + HOST + "#", cli.handle("show archive config rollback timer"));
    }

    @Test
    void configureConfirmKeepsTheChange() {
        run("configure terminal revert timer 1", "interface GigabitEthernet0/0/0", "speed 100", "duplex full", "no negotiation auto", "end");
        assertEquals(1, timers.pending());
        assertEquals(HOST + "#", cli.handle("configure confirm"));
        assertEquals(0, timers.pending(), "the timer was cancelled");
        assertEquals(IosXeCli.NO_ROLLBACK_PENDING + "\n" + HOST + "#", cli.handle("show archive config rollback timer"));

        timers.advance(Duration.ofMinutes(2));
        timers.tasks.forEach(t -> t.body.run()); // even a timer that fired late finds nothing to revert
        assertEquals(InterfaceMode.parse("100-full"), router.portView(WAN).orElseThrow().mode());
        assertTrue(device.runningConfig().contains(" speed 100"));
    }

    @Test
    void configureRevertNowRestoresAtOnce() {
        run("configure terminal revert timer 5", "interface GigabitEthernet0/0/0", "shutdown", "exit", "hostname other", "end");
        assertFalse(router.portView(WAN).orElseThrow().adminUp());
        assertEquals("other#", cli.prompt(), "the prompt follows the hostname line");
        assertEquals(HOST + "#", cli.handle("configure revert now"));
        assertTrue(router.portView(WAN).orElseThrow().adminUp());
        assertEquals(goldenLines(), device.runningConfig());
        assertEquals(0, timers.pending());
    }

    @Test
    void invalidAndIncompleteInputIsMarkedLikeIos() {
        String caret = " ".repeat(HOST.length() + 1) + "^\n";
        assertEquals(caret + IosXeCli.INVALID_INPUT + "\n\n" + HOST + "#", cli.handle("frobnicate"));
        assertEquals(caret + IosXeCli.INVALID_INPUT + "\n\n" + HOST + "#", cli.handle("hostname x"), "a config command at exec");

        run("configure terminal");
        assertEquals(" ".repeat((HOST + "(config)#").length()) + "^\n" + IosXeCli.INVALID_INPUT + "\n\n" + HOST + "(config)#",
                cli.handle("frobnicate"));
        assertEquals(IosXeCli.INCOMPLETE + "\n\n" + HOST + "(config)#", cli.handle("interface"));
        assertEquals(" ".repeat((HOST + "(config)#").length()) + "^\n" + IosXeCli.INVALID_INPUT + "\n\n" + HOST + "(config)#",
                cli.handle("show running-config"), "exec commands need do in config mode");

        run("interface GigabitEthernet0/0/0");
        String prompt = HOST + "(config-if)#";
        assertEquals(" ".repeat(prompt.length() + "speed ".length()) + "^\n" + IosXeCli.INVALID_INPUT + "\n\n" + prompt,
                cli.handle("speed 42"));
        assertEquals(IosXeCli.INCOMPLETE + "\n\n" + prompt, cli.handle("description"));
        assertEquals(" ".repeat(prompt.length() + "do ".length()) + "^\n" + IosXeCli.INVALID_INPUT + "\n\n" + prompt,
                cli.handle("do configure terminal revert timer 5"), "no configure under do");
        assertEquals("% Ambiguous command:  \"s\"\n" + prompt, cli.handle("s"));
        run("end");
        assertEquals(InterfaceMode.AUTO, router.portView(WAN).orElseThrow().mode());
        assertEquals(goldenLines(), device.runningConfig(), "rejected lines change nothing");
        assertEquals(" ".repeat(HOST.length() + 1 + "configure terminal revert timer ".length()) + "^\n" + IosXeCli.INVALID_INPUT + "\n\n" + HOST + "#",
                cli.handle("configure terminal revert timer 121"));
    }

    @Test
    void promptsFollowTheModes() {
        assertEquals(HOST + "(config)#", run("configure terminal").substring(IosXeCli.ENTER_CONFIG.length() + 1));
        assertEquals(HOST + "(config-pmap)#", cli.handle("policy-map LGWAN-WAN-SHAPE"));
        assertEquals(HOST + "(config-pmap-c)#", cli.handle("class class-default"));
        assertEquals(HOST + "(config-pmap-c)#", cli.handle("shape average 500000000"));
        assertEquals(HOST + "(config-pmap)#", cli.handle("exit"));
        assertEquals(HOST + "(config)#", cli.handle("exit"));
        assertEquals(HOST + "(config-line)#", cli.handle("line vty 0 4"));
        assertEquals(HOST + "(config-line)#", cli.handle("transport input ssh"));
        assertEquals(HOST + "(config-std-nacl)#", cli.handle("ip access-list standard MGMT-SSH"), "a global command leaves the sub-mode");
        assertEquals(HOST + "(config-std-nacl)#", cli.handle("20 permit 198.51.100.0 0.0.0.255"));
        assertEquals(HOST + "(config-if)#", cli.handle("interface GigabitEthernet0/0/1"));
        assertEquals(HOST + "(config)#", cli.handle("ip route 203.0.113.0 255.255.255.0 192.0.2.2"), "back to global from config-if");
        assertEquals(HOST + "(config-archive)#", cli.handle("archive"));
        assertEquals(HOST + "(config-archive)#", cli.handle("path bootflash:archive"));
        assertEquals(HOST + "#", cli.handle("end"));

        List<String> config = device.runningConfig();
        assertTrue(config.contains("  shape average 500000000"));
        assertFalse(config.contains("  shape average 1000000000"));
        int acl = config.indexOf("ip access-list standard MGMT-SSH");
        assertEquals(List.of(" 10 permit 198.18.0.0 0.0.0.255", " 20 permit 198.51.100.0 0.0.0.255"), config.subList(acl + 1, acl + 3));
        int routes = config.indexOf("ip route 203.0.113.0 255.255.255.0 192.0.2.2");
        assertEquals("ip route 198.18.0.0 255.255.255.0 192.0.2.2", config.get(routes - 1), "a new route goes after the others");
        int archive = config.indexOf("archive");
        assertEquals(List.of("archive", " path bootflash:archive", " maximum 14"), config.subList(archive, archive + 3), "the archive block entered, kept");
    }

    @Test
    void exitAtExecClosesTheSession() {
        run("configure terminal", "interface GigabitEthernet0/0/0");
        assertEquals(HOST + "(config)#", cli.handle("exit"));
        assertEquals(HOST + "#", cli.handle("exit"));
        assertFalse(cli.closed());
        assertEquals("", cli.handle("exit"));
        assertTrue(cli.closed());
    }

    @Test
    void sessionsOfOneDeviceShareTheRunningConfig() {
        IosXeCli other = device.newSession();
        run("conf t", "int gi0/0/1", "desc Office LAN 3F", "end");
        assertTrue(configOf(other.handle("sh run")).contains(" description Office LAN 3F"));
        assertEquals("Office LAN 3F", router.portView(LAN).orElseThrow().description());
        assertEquals(HOST + "#", other.prompt(), "modes are per session");
    }

    @Test
    void globalLinesReplaceAddAndRemoveLikeIos() {
        run("configure terminal",
                "ip route 100.64.0.0 255.192.0.0 192.0.2.2", // identical: not added twice
                "no ip route 100.64.1.1 255.255.255.255 192.0.2.2",
                "ntp server 198.18.0.125",
                "logging host 198.18.0.51",
                "no snmp-server user lgwan-poller LGWAN-POLLER v3",
                "ip ssh version 2",
                "interface Loopback0", "ip address 10.255.255.1 255.255.255.255", "exit",
                "no interface GigabitEthernet0/0/1",
                "banner login ^C",
                "Authorized access only.",
                "Second line.",
                "^C");
        assertEquals("Enter TEXT message.  End with the character '^C'.\n", cli.handle("banner motd ^C"));
        assertEquals("", cli.prompt(), "no prompt while reading banner text");
        assertEquals("", cli.handle("Maintenance tonight."));
        assertEquals(HOST + "(config)#", cli.handle("^C"));
        assertEquals("Current privilege level is 15\n" + HOST + "(config)#", cli.handle("do show privilege"));
        run("end");

        List<String> config = device.runningConfig();
        assertEquals(1, config.stream().filter("ip route 100.64.0.0 255.192.0.0 192.0.2.2"::equals).count());
        assertFalse(config.contains("ip route 100.64.1.1 255.255.255.255 192.0.2.2"));
        assertEquals("ntp server 198.18.0.125", config.get(config.indexOf("ntp server 198.18.0.124") + 1));
        assertEquals("logging host 198.18.0.51", config.get(config.indexOf("logging host 198.18.0.50") + 1));
        assertTrue(config.stream().noneMatch(l -> l.startsWith("snmp-server user")));
        assertEquals(Map.of(), device.snmpUsers());
        assertEquals(1, config.stream().filter("ip ssh version 2"::equals).count());
        assertFalse(config.contains("interface GigabitEthernet0/0/1"));
        assertEquals(List.of("!", "interface Loopback0", " ip address 10.255.255.1 255.255.255.255", "!", "ip route 100.64.0.0 255.192.0.0 192.0.2.2"),
                config.subList(config.indexOf("interface Loopback0") - 1, config.indexOf("interface Loopback0") + 4));
        int banner = config.indexOf("banner login ^C");
        assertEquals(List.of("banner login ^C", "Authorized access only.", "Second line.", "^C", "banner motd ^C", "Maintenance tonight.", "^C"),
                config.subList(banner, banner + 7));
        VirtualRouter.PortView lan = router.portView(LAN).orElseThrow();
        assertNull(lan.description(), "a removed interface block leaves the port at defaults");
        assertEquals(InterfaceMode.AUTO, lan.mode());
    }

    @Test
    void pastingTheRenderedConfigChangesNothing() {
        run("configure terminal");
        for (String line : goldenLines()) {
            String out = cli.handle(line);
            assertFalse(out.contains("%"), line + " -> " + out);
        }
        run("end");
        assertEquals(goldenLines(), device.runningConfig());
    }

    @Test
    void snmpUsersAreTakenButNeverShownAndListedByShowSnmpUser() {
        assertTrue(configOf(cli.handle("show running-config")).stream().noneMatch(l -> l.startsWith("snmp-server user")));
        assertEquals("User name: lgwan-poller\nEngine ID: 800000090300A0DE00000001\nstorage-type: nonvolatile\t active\n"
                + "Authentication Protocol: SHA-2 256\nPrivacy Protocol: AES128\nGroup-name: LGWAN-POLLER\n\n" + HOST + "#",
                cli.handle("show snmp user lgwan-poller"));
        assertEquals(HOST + "#", cli.handle("show snmp user nobody"));
        run("configure terminal", "snmp-server user noc NOC-RO v3 auth sha-2 256 k1k1k1k1 priv aes 128 k2k2k2k2", "end");
        assertEquals(List.of("lgwan-poller", "noc"), List.copyOf(new java.util.TreeSet<>(device.snmpUsers().keySet())));
        assertEquals(goldenLines(), device.runningConfig(), "still not shown");
    }

    @Test
    void theRevertTimerNeedsTheArchive() {
        run("configure terminal", "no archive", "end");
        assertEquals(IosXeCli.ARCHIVE_NOT_ENABLED + "\n" + HOST + "#", cli.handle("show archive"));
        assertEquals(IosXeCli.ARCHIVE_OFF + "\n" + HOST + "#", cli.handle("configure terminal revert timer 5"), "stays in exec");
        assertFalse(device.revertPending());
        run("configure terminal", "archive", "path bootflash:archive", "end");
        assertTrue(cli.handle("show archive").startsWith("The maximum archive configurations allowed is 14.\n"));
        assertEquals(IosXeCli.ENTER_CONFIG + "\n" + HOST + "(config)#", cli.handle("configure terminal revert timer 5"));
        assertTrue(device.revertPending());
    }

    @Test
    void removingAUserAsksFirstAndNoKeepsIt() {
        run("configure terminal", "username ops privilege 15 secret 9 $9$abc");
        assertTrue(device.runningConfig().contains("username ops privilege 15 secret 9 $9$abc"));
        assertEquals(IosXeCli.REMOVE_USER, cli.handle("no username ops"), "no prompt until answered");
        assertEquals("", cli.prompt());
        assertEquals(HOST + "(config)#", cli.handle("n"));
        assertTrue(device.runningConfig().contains("username ops privilege 15 secret 9 $9$abc"), "declined");
        assertEquals(IosXeCli.REMOVE_USER, cli.handle("no username ops"));
        assertEquals(HOST + "(config)#", cli.handle(""));
        assertTrue(device.runningConfig().stream().noneMatch(l -> l.startsWith("username ops")), "Return confirms");
    }

    @Test
    void aHostnameWithDotsIsWarnedAboutAndTakenAnyway() {
        run("configure terminal");
        assertEquals(IosXeCli.ILLEGAL_HOSTNAME + "\nlgrt.city.sapporo.lgwan.jp(config)#", cli.handle("hostname lgrt.city.sapporo.lgwan.jp"));
    }
}
