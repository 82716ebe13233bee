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
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Yamaha RTX CLI emulator on the rendered Matsuno config: show config, in-place changes, ports, no, errors, exit. */
class YamahaRtxCliTest {

    private static final String HOST = "lgrt.town.matsuno.lgwan.jp";
    private static final String PROMPT = "# ";
    private static final Path GOLDEN = Path.of("quarkus-app/src/test/resources/golden/lgrt.town.matsuno.lgwan.jp.cfg");
    private static final String HEADER = "# RTX830 Rev.15.02.31 (Fri Jul 10 09:59:21 2020)\n"
            + "# MAC Address : 00:a0:de:00:00:01, 00:a0:de:00:00:02\n"
            + "# Memory 256Mbytes, 2LAN\n"
            + "# main:  RTX830 ver=00 serial=S00000001 MAC-Address=00:a0:de:00:00:01 MAC-Address=00:a0:de:00:00:02\n";

    private TestClock clock;
    private VirtualRouter router;
    private List<String> goldenLines;
    private YamahaRtxCli.Device device;
    private YamahaRtxCli cli;

    @BeforeEach
    void setUp() throws Exception {
        clock = new TestClock();
        router = new VirtualRouter(HOST, "Yamaha RTX830 Rev.15.02.31", clock);
        router.addPort("lan2", 1000, "LGWAN prefecture WAN matsuno-prefwan-1", InterfaceMode.AUTO);
        router.addPort("lan1", 1000, "Office LAN", InterfaceMode.AUTO);
        String golden = Files.readString(GOLDEN);
        goldenLines = new ArrayList<>();
        for (String line : golden.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                goldenLines.add(line);
            }
        }
        assertTrue(golden.contains("\n# lan1: "), "the golden file has comment lines to skip");
        device = new YamahaRtxCli.Device(router, golden, clock, new IosXeCliTest.ManualTimers(clock));
        cli = device.newSession();
    }

    private static String show(List<String> config, String date) {
        StringBuilder out = new StringBuilder(HEADER).append("# Reporting Date: ").append(date).append('\n');
        config.forEach(line -> out.append(line).append('\n'));
        return out.append(PROMPT).toString();
    }

    @Test
    void showConfigPrintsTheHeaderThenTheConfigWithoutComments() {
        assertEquals("", cli.banner());
        assertEquals("# ", cli.prompt());
        assertEquals(PROMPT, cli.handle("console lines infinity"));
        assertEquals(PROMPT, cli.handle("console character ascii"));
        assertEquals(PROMPT, cli.handle("console columns 200"));
        assertEquals(PROMPT, cli.handle(""));

        assertEquals(show(goldenLines, "Nov 25 10:00:00 2026"), cli.handle("show config"));
        assertEquals(goldenLines, device.runningConfig());
        assertEquals(18, goldenLines.size(), "20 lines, 2 of them comments");
        assertFalse(device.revertPending());

        clock.advance(Duration.ofHours(1).plusSeconds(5));
        assertTrue(cli.handle("show config").contains("\n# Reporting Date: Nov 25 11:00:05 2026\n"), "the date follows the clock");
        assertEquals("Saving ... CONFIG0 Done.\n" + PROMPT, cli.handle("save"));
    }

    /** {@code show status lanN}: what the post-check reads where RTX has no ifXTable or EtherLike-MIB. */
    @Test
    void showStatusShowsTheLinkAsThePortRunsIt() {
        String status = cli.handle("show status lan2");
        assertTrue(status.endsWith(PROMPT), status);
        assertEquals(List.of(
                "LAN2",
                "Description:                    LGWAN prefecture WAN matsuno-prefwan-1",
                "IP Address:                     " + goldenLines.stream().filter(l -> l.startsWith("ip lan2 address ")).findFirst().orElseThrow()
                        .substring("ip lan2 address ".length()),
                "Ethernet address:               00:a0:de:00:00:02",
                "Operation mode setting:         Auto Negotiation (1000BASE-T Full Duplex)",
                "Maximum Transmission Unit(MTU): 1500 octets",
                "Transmitted:                    0 packets (0 octets)",
                "Received:                       0 packets (0 octets)"),
                status.substring(0, status.length() - PROMPT.length()).lines().toList());

        // the carrier's device forced to 100-full: the auto port falls back to half duplex
        router.cable("lan2", InterfaceMode.parse("100-full"));
        assertTrue(cli.handle("show status lan2").contains("\nOperation mode setting:         Auto Negotiation (100BASE-TX Half Duplex)\n"));
        // the port forced to 100-fdx as well: the setting and the link agree
        cli.handle("lan type lan2 100-fdx");
        assertTrue(cli.handle("show status lan2").contains("\nOperation mode setting:         100BASE-TX Full Duplex (100BASE-TX Full Duplex)\n"));
        // fixed at different speeds: no link
        cli.handle("lan type lan2 10-fdx");
        assertTrue(cli.handle("show status lan2").contains("\nOperation mode setting:         10BASE-T Full Duplex (Link Down)\n"));

        assertEquals(YamahaRtxCli.INVALID_PARAMETER + "\n" + PROMPT, cli.handle("show status lan9"));
        assertEquals(YamahaRtxCli.INVALID_PARAMETER + "\n" + PROMPT, cli.handle("show status"));
    }

    @Test
    void descriptionReplacesItsLineInPlaceAndSetsThePortDescription() {
        int at = goldenLines.indexOf("description lan1 \"Office LAN\"");
        assertTrue(at > 0);

        assertEquals(PROMPT, cli.handle("description lan1 \"Office LAN 2F\""));

        List<String> expected = new ArrayList<>(goldenLines);
        expected.set(at, "description lan1 \"Office LAN 2F\"");
        assertEquals(expected, device.runningConfig());
        assertEquals("Office LAN 2F", router.portView("lan1").orElseThrow().description());
        assertEquals("LGWAN prefecture WAN matsuno-prefwan-1", router.portView("lan2").orElseThrow().description(), "the other port is untouched");
        assertEquals(InterfaceMode.AUTO, router.portView("lan1").orElseThrow().mode());

        assertEquals(PROMPT, cli.handle("no description lan1"));
        assertFalse(device.runningConfig().stream().anyMatch(l -> l.startsWith("description lan1 ")));
        assertNull(router.portView("lan1").orElseThrow().description());
    }

    @Test
    void lanTypeSetsTheFixedModeAndItsRemovalGoesBackToAuto() {
        assertEquals(PROMPT, cli.handle("lan type lan2 100-fdx"));
        assertEquals("lan type lan2 100-fdx", device.runningConfig().get(goldenLines.size()), "a new line goes at the end");
        assertEquals(goldenLines.size() + 1, device.runningConfig().size());
        VirtualRouter.PortView lan2 = router.portView("lan2").orElseThrow();
        assertEquals(InterfaceMode.parse("100-full"), lan2.mode());
        assertEquals("LGWAN prefecture WAN matsuno-prefwan-1", lan2.description(), "the description comes from the config");
        assertTrue(lan2.adminUp());
        assertEquals(InterfaceMode.AUTO, router.portView("lan1").orElseThrow().mode());

        assertEquals(PROMPT, cli.handle("lan type lan2 10-hdx"));
        assertEquals(InterfaceMode.parse("10-half"), router.portView("lan2").orElseThrow().mode());
        assertEquals(goldenLines.size() + 1, device.runningConfig().size(), "replaced, not added");

        assertEquals(PROMPT, cli.handle("no lan type lan2"));
        assertEquals(InterfaceMode.AUTO, router.portView("lan2").orElseThrow().mode());
        assertEquals(goldenLines, device.runningConfig());

        assertEquals(PROMPT, cli.handle("lan type lan1 1000-fdx"));
        assertEquals(InterfaceMode.parse("1000-full"), router.portView("lan1").orElseThrow().mode());
        assertEquals(PROMPT, cli.handle("lan type lan1 auto"));
        assertEquals(InterfaceMode.AUTO, router.portView("lan1").orElseThrow().mode());
    }

    @Test
    void settingsReplaceByKeyAndNoRemovesThem() {
        assertEquals(PROMPT, cli.handle("no ip route 100.64.0.0/10"));
        assertFalse(device.runningConfig().contains("ip route 100.64.0.0/10 gateway 203.0.113.14"));
        assertTrue(device.runningConfig().contains("ip route 100.65.38.1/32 gateway 203.0.113.14"), "other routes stay");
        assertEquals(goldenLines.size() - 1, device.runningConfig().size());

        assertEquals(PROMPT, cli.handle("no ip route 100.64.0.0/10"), "no of something absent is silent");
        assertEquals(PROMPT, cli.handle("no syslog host 198.18.0.50"));
        assertEquals(PROMPT, cli.handle("no snmpv3 host 198.18.0.0-198.18.0.255"));
        assertEquals(PROMPT, cli.handle("no schedule at 1"));
        assertEquals(goldenLines.size() - 4, device.runningConfig().size());

        int at = goldenLines.indexOf("speed lan2 100000000");
        assertEquals(PROMPT, cli.handle("speed lan2 50000000"));
        assertEquals("speed lan2 50000000", device.runningConfig().get(at - 1), "in place (one route line above is gone)");
        assertEquals(PROMPT, cli.handle("snmp sysname lgrt-test"));
        assertTrue(device.runningConfig().contains("snmp sysname lgrt-test"));
        assertFalse(device.runningConfig().contains("snmp sysname " + HOST));
        assertEquals(PROMPT, cli.handle("syslog host 198.18.0.51"));
        assertEquals("syslog host 198.18.0.51", device.runningConfig().get(device.runningConfig().size() - 1), "another host is another line");
        assertEquals(PROMPT, cli.handle("# a comment"));
        assertFalse(device.runningConfig().contains("# a comment"));

        YamahaRtxCli other = device.newSession();
        assertTrue(other.handle("show config").contains("\nspeed lan2 50000000\n"), "sessions share the running config");
    }

    @Test
    void errorsArePrintedBeforeThePrompt() {
        assertEquals("Error: Invalid command name\n" + PROMPT, cli.handle("frobnicate"));
        assertEquals("Error: Invalid command name\n" + PROMPT, cli.handle("no frobnicate"));
        assertEquals("Error: Invalid command name\n" + PROMPT, cli.handle("show running-config"));
        assertEquals("Error: Invalid parameter\n" + PROMPT, cli.handle("lan type lan2 42-fdx"));
        assertEquals("Error: Invalid parameter\n" + PROMPT, cli.handle("lan type wan9 100-fdx"));
        assertEquals("Error: Invalid parameter\n" + PROMPT, cli.handle("ip lan1 address 999.1.1.1/24"));
        assertEquals("Error: Invalid parameter\n" + PROMPT, cli.handle("description lan1 \"unclosed"));
        assertEquals("Error: Invalid parameter\n" + PROMPT, cli.handle("no ip route"));
        assertEquals(goldenLines, device.runningConfig(), "nothing changed");
        assertEquals(InterfaceMode.AUTO, router.portView("lan2").orElseThrow().mode());
        assertThrows(IllegalArgumentException.class, () -> new YamahaRtxCli.Device(router, "frobnicate\n", clock, new IosXeCliTest.ManualTimers(clock)));
    }

    @Test
    void exitClosesTheSession() {
        assertFalse(cli.closed());
        assertEquals("", cli.handle("exit"));
        assertTrue(cli.closed());
        assertEquals("", cli.prompt());
        assertEquals("", cli.handle("show config"));
        assertFalse(device.newSession().closed(), "the device opens new sessions");
    }
}
