package jp.lgwan.routerconfig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * The NEC IX CLI emulator on the rendered Kumakogen config: show run, block and top-level changes,
 * ports, errors, modes, and the one configuration mode sessions share.
 */
class NecIxCliTest {

    private static final char CTRL_Z = 0x1a;
    private static final String BANNER = NecIxCli.CONFIGURE_BANNER + "\n";

    private static final String HOST = "lgrt.town.kumakogen.lgwan.jp";
    private static final String WAN = "GigaEthernet0.0";
    private static final String LAN = "GigaEthernet1.0";
    private static final Path GOLDEN = Path.of("quarkus-app/core/src/test/resources/golden/lgrt.town.kumakogen.lgwan.jp.cfg");

    private TestClock clock;
    private VirtualRouter router;
    private String golden;
    private NecIxCli.Device device;
    private NecIxCli cli;

    @BeforeEach
    void setUp() throws Exception {
        clock = new TestClock();
        router = new VirtualRouter(HOST, "NEC IX2310", clock);
        router.addPort(WAN, 1000, "LGWAN carrier line", InterfaceMode.AUTO);
        router.addPort(LAN, 1000, "Office LAN", InterfaceMode.AUTO);
        golden = Files.readString(GOLDEN);
        device = new NecIxCli.Device(router, golden, clock, new ManualTimers(clock));
        cli = device.newSession();
    }

    private List<String> goldenLines() {
        return new ArrayList<>(List.of(golden.split("\n")));
    }

    private String run(String... lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(cli.handle(line));
        }
        return out.toString();
    }

    @Test
    void showRunningConfigPrintsTheRenderedConfigUnderTheCurrentTime() {
        assertEquals("", cli.banner());
        assertEquals(HOST + "#", cli.prompt());
        assertEquals(BANNER + HOST + "(config)#", cli.handle("configure"));
        assertEquals(HOST + "(config)#", cli.handle("terminal length 0"));

        assertEquals("! Current time Nov 25-Wed-2026 10:00:00 JST\n" + golden + HOST + "(config)#",
                cli.handle("show running-config"));
        assertEquals(goldenLines(), device.runningConfig());
        assertFalse(device.revertPending());

        clock.advance(Duration.ofHours(1).plusSeconds(5));
        assertTrue(cli.handle("show running-config").startsWith("! Current time Nov 25-Wed-2026 11:00:05 JST\n"));
        assertEquals("Building configuration...\n% Warning: do NOT enter CNTL/Z while saving to avoid config corruption.\n" + HOST + "(config)#",
                cli.handle("write memory"));
        assertEquals(goldenLines(), device.runningConfig());
    }

    @Test
    void descriptionChangeReplacesTheLineInPlaceAndSetsThePort() {
        assertEquals(BANNER + HOST + "(config)#", cli.handle("configure"));
        assertEquals(HOST + "(config-GigaEthernet1.0)#", cli.handle("interface GigaEthernet1.0"));
        assertEquals(HOST + "(config-GigaEthernet1.0)#", cli.handle("description Office LAN 2F"));
        assertEquals(HOST + "#", cli.handle(CTRL_Z + ""), "Ctrl-Z goes to operation mode");

        List<String> expected = goldenLines();
        expected.set(expected.indexOf("  description Office LAN"), "  description Office LAN 2F");
        assertEquals(expected, device.runningConfig());
        VirtualRouter.PortView lan = router.portView(LAN).orElseThrow();
        assertEquals("Office LAN 2F", lan.description());
        assertEquals(InterfaceMode.AUTO, lan.mode());
        assertTrue(lan.adminUp());
        assertEquals("LGWAN carrier line", router.portView(WAN).orElseThrow().description(), "an unchanged port is not pushed");

        run("configure", "interface GigaEthernet1.0", "no description", "exit", "exit");
        expected.remove("  description Office LAN 2F");
        assertEquals(expected, device.runningConfig());
        assertEquals(null, router.portView(LAN).orElseThrow().description());
    }

    @Test
    void deviceSpeedAndDuplexSetTheModeOfItsPort() {
        assertEquals(InterfaceMode.AUTO, router.portView(WAN).orElseThrow().mode());
        run("configure");
        assertEquals(HOST + "(config-GigaEthernet0)#", cli.handle("device GigaEthernet0"));
        assertEquals(HOST + "(config-GigaEthernet0)#", cli.handle("speed 10"));
        assertEquals(InterfaceMode.fixed(10, Duplex.FULL), router.portView(WAN).orElseThrow().mode());
        assertEquals("LGWAN prefecture WAN kumakogen-prefwan-1", router.portView(WAN).orElseThrow().description());
        cli.handle("duplex half");
        assertEquals(InterfaceMode.fixed(10, Duplex.HALF), router.portView(WAN).orElseThrow().mode());

        List<String> expected = goldenLines();
        int at = expected.indexOf("device GigaEthernet0");
        expected.set(at + 1, "  speed 10");
        expected.set(at + 2, "  duplex half");
        assertEquals(expected, device.runningConfig());

        cli.handle("no speed");
        assertEquals(InterfaceMode.AUTO, router.portView(WAN).orElseThrow().mode());
        expected.remove(at + 1);
        assertEquals(expected, device.runningConfig());

        assertEquals(HOST + "(config)#", cli.handle("exit"));
        run("device GigaEthernet1", "speed 100", "duplex full", "exit", "exit");
        assertEquals(InterfaceMode.fixed(100, Duplex.FULL), router.portView(LAN).orElseThrow().mode());
        int lanDevice = expected.indexOf("device GigaEthernet1");
        expected.add(lanDevice + 1, "  speed 100");
        expected.add(lanDevice + 2, "  duplex full");
        assertEquals(expected, device.runningConfig());

        run("configure", "device GigaEthernet0");
        assertEquals(NecIxCli.invalidCommand("speed") + "\n" + HOST + "(config-GigaEthernet0)#", cli.handle("speed 123"));
    }

    @Test
    void shutdownAndNoShutdownReplaceEachOtherAndSetTheAdminStatus() {
        run("configure", "interface GigaEthernet0.0", "shutdown");
        assertFalse(router.portView(WAN).orElseThrow().adminUp());
        List<String> expected = goldenLines();
        int at = expected.indexOf("interface GigaEthernet0.0") + 4;
        assertEquals("  no shutdown", expected.get(at));
        expected.set(at, "  shutdown");
        assertEquals(expected, device.runningConfig());

        cli.handle("no shutdown");
        assertTrue(router.portView(WAN).orElseThrow().adminUp());
        assertEquals(goldenLines(), device.runningConfig());
    }

    @Test
    void topLevelLinesAreReplacedAddedAndRemoved() {
        run("configure", "no ntp server 198.18.0.124");
        List<String> expected = goldenLines();
        expected.remove("ntp server 198.18.0.124");
        assertEquals(expected, device.runningConfig());

        run("ntp server 198.18.0.125", "syslog ip host 198.18.0.51", "ip route 100.64.0.0/10 203.0.113.14");
        expected.add(expected.indexOf("ntp server 198.18.0.123") + 1, "ntp server 198.18.0.125");
        expected.add(expected.indexOf("syslog ip host 198.18.0.50") + 1, "syslog ip host 198.18.0.51"); // one per address
        expected.set(expected.indexOf("ip route 100.64.0.0/10 203.0.113.10"), "ip route 100.64.0.0/10 203.0.113.14");
        assertEquals(expected, device.runningConfig());

        run("no syslog ip enable", "no syslog ip host 198.18.0.50", "no syslog ip host 198.18.0.51");
        int at = expected.indexOf("syslog ip enable");
        expected.subList(at, at + 4).clear(); // the three lines and their "!"
        assertEquals(expected, device.runningConfig());

        run("syslog ip enable");
        expected.add(expected.indexOf("device GigaEthernet0"), "syslog ip enable");
        expected.add(expected.indexOf("device GigaEthernet0"), "!");
        assertEquals(expected, device.runningConfig());
    }

    @Test
    void aTopLevelCommandTypedInABlockLeavesTheBlock() {
        run("configure", "interface GigaEthernet1.0");
        assertEquals(HOST + "(config)#", cli.handle("ntp server 198.18.0.125"));
        List<String> expected = goldenLines();
        expected.add(expected.indexOf("ntp server 198.18.0.124") + 1, "ntp server 198.18.0.125");
        assertEquals(expected, device.runningConfig());

        assertEquals(HOST + "(config-GigaEthernet0.0)#", cli.handle("interface GigaEthernet0.0"));
        assertEquals(HOST + "(config-GigaEthernet1)#", cli.handle("device GigaEthernet1"));
        assertEquals(HOST + "(config-GigaEthernet0.0)#", cli.handle("interface GigaEthernet0.0"));
        assertEquals(HOST + "(config)#", cli.handle("configure"));
    }

    @Test
    void aNewInterfaceBlockGoesLastAndHostnameChangesThePrompt() {
        run("configure", "interface Tunnel0.0", "description to DC", "exit");
        List<String> expected = goldenLines();
        expected.addAll(List.of("interface Tunnel0.0", "  description to DC", "!"));
        assertEquals(expected, device.runningConfig());

        run("no interface Tunnel0.0");
        assertEquals(goldenLines(), device.runningConfig());

        assertEquals("lab-ix(config)#", cli.handle("hostname lab-ix"));
        assertEquals("lab-ix#", cli.handle("exit"));
        assertEquals(BANNER + "lab-ix(config)#", device.newSession().handle("configure"));
    }

    @Test
    void unknownCommandsAreInvalidAndChangeNothing() {
        assertEquals("% frobnicate -- Invalid command.\n" + HOST + "#", cli.handle("frobnicate"));
        assertEquals("% hostname -- Invalid command.\n" + HOST + "#", cli.handle("hostname x"), "config commands need configuration mode");
        run("configure");
        assertEquals("% frobnicate -- Invalid command.\n" + HOST + "(config)#", cli.handle("frobnicate"));
        assertEquals("% description -- Invalid command.\n" + HOST + "(config)#", cli.handle("description orphan"));
        assertEquals("% end -- Invalid command.\n" + HOST + "(config)#", cli.handle("end"), "no tool that drives an IX types end");
        assertEquals(goldenLines(), device.runningConfig());
    }

    @Test
    void exitLeavesOneLevelAndClosesTheSessionInOperationMode() {
        run("configure", "interface GigaEthernet0.0");
        assertEquals(HOST + "(config)#", cli.handle("exit"));
        assertEquals(HOST + "#", cli.handle("exit"));
        assertFalse(cli.closed());
        assertEquals("", cli.handle("exit"));
        assertTrue(cli.closed());
        assertEquals("", cli.prompt());
        assertEquals("", cli.handle("configure"));
    }

    @Test
    void showRunningConfigWriteMemoryAndTerminalLengthWorkOnlyInConfigurationMode() {
        assertEquals("% running-config -- Invalid command.\n" + HOST + "#", cli.handle("show running-config"));
        assertEquals("% write -- Invalid command.\n" + HOST + "#", cli.handle("write memory"));
        assertEquals("% terminal -- Invalid command.\n" + HOST + "#", cli.handle("terminal length 0"));
        assertEquals(goldenLines(), device.startupConfig(), "nothing saved");
        run("configure");
        assertTrue(cli.handle("show running-config").startsWith("! Current time "));
    }

    @Test
    void oneSessionAtATimeIsInConfigurationMode() {
        NecIxCli other = device.newSession();
        run("configure", "interface GigaEthernet1.0");
        assertEquals(NecIxCli.OCCUPIED + "\n" + HOST + "#", other.handle("configure"), "held by the first session, even in a block");
        assertEquals(NecIxCli.OCCUPIED + "\n" + HOST + "#", other.handle("enable-config"));
        assertEquals("% running-config -- Invalid command.\n" + HOST + "#", other.handle("show running-config"));

        run("exit");
        assertEquals(NecIxCli.OCCUPIED + "\n" + HOST + "#", other.handle("configure"), "still in configuration mode at its top");
        run("exit");
        assertEquals(BANNER + HOST + "(config)#", other.handle("configure"), "freed by leaving it");
        assertEquals(NecIxCli.OCCUPIED + "\n" + HOST + "#", cli.handle("configure"));

        other.disconnected();
        assertEquals(BANNER + HOST + "(config)#", cli.handle("configure"), "freed when the holder's session ends");
    }

    @Test
    void svintrConfigTakesConfigurationModeAndDropsTheHolderToOperationMode() {
        NecIxCli other = device.newSession();
        run("configure", "interface GigaEthernet1.0");
        assertEquals(BANNER + HOST + "(config)#", other.handle("svintr-config"));
        assertEquals(HOST + "#", cli.prompt(), "the holder is back in operation mode");
        assertEquals("% description -- Invalid command.\n" + HOST + "#", cli.handle("description dropped"));
        assertEquals(goldenLines(), device.runningConfig());
    }

    @Test
    void sessionsShareTheRunningConfig() {
        NecIxCli other = device.newSession();
        run("configure", "interface GigaEthernet1.0", "description shared", "exit", "exit");
        other.handle("configure");
        assertTrue(other.handle("show running-config").contains("\n  description shared\n"));
        assertEquals(HOST + "(config)#", other.prompt());
    }
}
