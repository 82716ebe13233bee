package jp.lgwan.routerconfig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.lgwan.routerconfig.inventory.Duplex;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The FRR vtysh emulator on the rendered Iryokouiki config: show run, interface and route changes, ports, errors, modes. */
class FrrVtyshCliTest {

    private static final String HOST = "lgrt.iryokouiki.hokkaido.lgwan.jp";
    private static final Path GOLDEN = Path.of("quarkus-app/core/src/test/resources/golden/lgrt.iryokouiki.hokkaido.lgwan.jp.cfg");

    /** The golden config as vtysh shows it: no comments, no banner, no end, one "!" between groups, routes before interfaces. */
    private static final List<String> STORED = List.of(
            "hostname " + HOST,
            "log syslog informational",
            "service integrated-vtysh-config",
            "!",
            "ip route 100.64.0.0/10 192.0.2.18",
            "ip route 198.18.0.0/24 192.0.2.18",
            "ip route 100.64.1.1/32 192.0.2.18",
            "!",
            "interface eth0",
            " description LGWAN carrier line iryokouiki-carrier-1",
            " ip address 192.0.2.17/30",
            "exit",
            "!",
            "interface eth1",
            " description Office LAN",
            " ip address 172.16.3.1/24",
            "exit",
            "!");

    private static final InterfaceMode FIXED = InterfaceMode.fixed(100, Duplex.FULL);

    private VirtualRouter router;
    private FrrVtyshCli.Device device;
    private FrrVtyshCli cli;

    @BeforeEach
    void setUp() throws Exception {
        TestClock clock = new TestClock();
        router = new VirtualRouter("other-name.lgwan.jp", "FRRouting 8.4.4", clock);
        router.addPort("eth0", 1000, "LGWAN carrier line", InterfaceMode.AUTO);
        router.addPort("eth1", 1000, "Office LAN", FIXED);
        device = new FrrVtyshCli.Device(router, Files.readString(GOLDEN), clock, new ManualTimers(clock));
        cli = device.newSession();
    }

    private static String show(List<String> lines) {
        StringBuilder out = new StringBuilder("Building configuration...\n\nCurrent configuration:\n!\nfrr version 8.4.4\nfrr defaults traditional\n");
        lines.forEach(l -> out.append(l).append('\n'));
        return out.append("end\n").toString();
    }

    private List<String> stored() {
        return new ArrayList<>(STORED);
    }

    @Test
    void showRunningConfigPrintsTheHeaderAndTheLinesWithoutComments() {
        assertEquals("", cli.banner());
        assertEquals(HOST + "#", cli.prompt());
        assertEquals(HOST + "#", cli.handle("terminal length 0"));
        assertEquals(STORED, device.runningConfig());
        assertEquals(show(STORED) + HOST + "#", cli.handle("show running-config"));
        assertFalse(device.revertPending());
        assertTrue(device.runningConfig().stream().noneMatch(l -> l.startsWith("! ") || l.startsWith("banner")));
        assertEquals("Building Configuration...\n[OK]\n" + HOST + "#", cli.handle("write memory"));
    }

    @Test
    void promptsFollowTheModes() {
        assertEquals(HOST + "(config)#", cli.handle("configure terminal"));
        assertEquals(HOST + "(config-if)#", cli.handle("interface eth0"));
        assertEquals(HOST + "(config)#", cli.handle("exit"));
        assertEquals(HOST + "(config-if)#", cli.handle("interface eth1"));
        assertEquals(HOST + "#", cli.handle("end"));
        assertEquals(HOST + "(config)#", cli.handle("configure terminal"));
        assertEquals(HOST + "#", cli.handle("exit"));
        assertEquals(STORED, device.runningConfig());
    }

    @Test
    void hostnameReplacesTheLineAndThePrompt() {
        cli.handle("configure terminal");
        assertEquals("lgrt.new.lgwan.jp(config)#", cli.handle("hostname lgrt.new.lgwan.jp"));
        List<String> expected = stored();
        expected.set(0, "hostname lgrt.new.lgwan.jp");
        assertEquals(expected, device.runningConfig());
        assertEquals("lgrt.new.lgwan.jp#", device.newSession().prompt());
    }

    @Test
    void descriptionReplaceAndRemoveUpdateTheBlockAndThePort() {
        cli.handle("configure terminal");
        cli.handle("interface eth1");
        assertEquals(HOST + "(config-if)#", cli.handle("description Office LAN 2F"));
        List<String> expected = stored();
        expected.set(expected.indexOf(" description Office LAN"), " description Office LAN 2F");
        assertEquals(expected, device.runningConfig());
        VirtualRouter.PortView port = router.portView("eth1").orElseThrow();
        assertEquals("Office LAN 2F", port.description());
        assertEquals(FIXED, port.mode());
        assertTrue(port.adminUp());

        assertEquals(HOST + "(config-if)#", cli.handle("no description"));
        expected.remove(" description Office LAN 2F");
        assertEquals(expected, device.runningConfig());
        assertNull(router.portView("eth1").orElseThrow().description());
        assertEquals(FIXED, router.portView("eth1").orElseThrow().mode());
        assertEquals("LGWAN carrier line", router.portView("eth0").orElseThrow().description());

        assertEquals(HOST + "#", cli.handle("end"));
        assertTrue(cli.handle("show running-config").contains("interface eth1\n ip address 172.16.3.1/24\nexit\n"));
    }

    @Test
    void ipAddressesAddAndRemoveInTheBlock() {
        cli.handle("configure terminal");
        cli.handle("interface eth0");
        assertEquals(HOST + "(config-if)#", cli.handle("ip address 192.0.2.21/30"));
        assertEquals(HOST + "(config-if)#", cli.handle("ip address 192.0.2.21/30"));
        List<String> expected = stored();
        expected.add(expected.indexOf(" ip address 192.0.2.17/30") + 1, " ip address 192.0.2.21/30");
        assertEquals(expected, device.runningConfig());
        assertEquals(HOST + "(config-if)#", cli.handle("no ip address 192.0.2.17/30"));
        expected.remove(" ip address 192.0.2.17/30");
        assertEquals(expected, device.runningConfig());
    }

    @Test
    void newInterfaceGetsABlockWithItsExit() {
        cli.handle("configure terminal");
        assertEquals(HOST + "(config-if)#", cli.handle("interface eth2"));
        assertEquals(HOST + "(config-if)#", cli.handle("description Spare"));
        List<String> expected = stored();
        expected.addAll(expected.size() - 1, List.of("!", "interface eth2", " description Spare", "exit"));
        assertEquals(expected, device.runningConfig());
    }

    @Test
    void ipRouteAddAndRemove() {
        cli.handle("configure terminal");
        assertEquals(HOST + "(config)#", cli.handle("ip route 10.0.0.0/8 192.0.2.18"));
        assertEquals(HOST + "(config)#", cli.handle("ip route 10.0.0.0/8 192.0.2.18"));
        List<String> expected = stored();
        // FRR lists static routes by prefix length, then address, whatever order they came in
        expected.add(expected.indexOf("ip route 100.64.0.0/10 192.0.2.18"), "ip route 10.0.0.0/8 192.0.2.18");
        assertEquals(expected, device.runningConfig());

        assertEquals(HOST + "(config)#", cli.handle("no ip route 100.64.0.0/10 192.0.2.18"));
        expected.remove("ip route 100.64.0.0/10 192.0.2.18");
        assertEquals(expected, device.runningConfig());

        // a config-level command typed in a block applies at the config level
        cli.handle("interface eth0");
        assertEquals(HOST + "(config)#", cli.handle("no ip route 10.0.0.0/8 192.0.2.18"));
        expected.remove("ip route 10.0.0.0/8 192.0.2.18");
        assertEquals(expected, device.runningConfig());
    }

    @Test
    void topLevelLinesOfTheTemplateAreAcceptedAndBannerIsNotShown() {
        cli.handle("configure terminal");
        assertEquals(HOST + "(config)#", cli.handle("log syslog informational"));
        assertEquals(HOST + "(config)#", cli.handle("service integrated-vtysh-config"));
        assertEquals(HOST + "(config)#", cli.handle("banner motd line Authorized access only."));
        assertEquals(STORED, device.runningConfig());
    }

    @Test
    void unknownCommandsEchoTheLine() {
        assertEquals("% Unknown command: speed 100\n" + HOST + "#", cli.handle("speed 100"));
        cli.handle("configure terminal");
        cli.handle("interface eth0");
        assertEquals("% Unknown command: speed 100\n" + HOST + "(config-if)#", cli.handle("speed 100"));
        assertEquals("% Unknown command: duplex full\n" + HOST + "(config-if)#", cli.handle("duplex full"));
        assertEquals("% Command incomplete: description\n" + HOST + "(config-if)#", cli.handle("description"));
        assertEquals("% Unknown command: ntp server 198.18.0.123\n" + HOST + "(config-if)#", cli.handle("ntp server 198.18.0.123"));
        assertEquals(STORED, device.runningConfig());
        assertEquals(InterfaceMode.AUTO, router.portView("eth0").orElseThrow().mode());
    }

    @Test
    void exitAtExecClosesTheSession() {
        assertFalse(cli.closed());
        assertEquals("", cli.handle("exit"));
        assertTrue(cli.closed());
        assertEquals("", cli.prompt());
        assertEquals("", cli.handle("show running-config"));
        FrrVtyshCli other = device.newSession();
        assertFalse(other.closed());
        assertEquals(HOST + "#", other.prompt());
    }

    @Test
    void hostnameFallsBackToTheRouter() {
        FrrVtyshCli bare = new FrrVtyshCli(router, "interface eth0\n description X\nexit\n!\nend\n",
                new TestClock(), null);
        assertEquals("other-name.lgwan.jp#", bare.prompt());
        assertEquals(List.of("interface eth0", " description X", "exit", "!"), bare.device().runningConfig());
    }
}
