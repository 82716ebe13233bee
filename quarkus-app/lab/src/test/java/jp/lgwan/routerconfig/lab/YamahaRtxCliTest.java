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

/**
 * The Yamaha RTX CLI emulator on the rendered Matsuno config: login level and elevation, console
 * settings as configuration lines (paging, wrapping, prompt), show config, in-place changes, ports,
 * no, errors, save and the save question on exit.
 */
class YamahaRtxCliTest {

    private static final String HOST = "lgrt.town.matsuno.lgwan.jp";
    private static final String ADMIN = "# ";
    private static final String USER = "> ";
    private static final String SECRET = "rtx-admin-secret";
    private static final Path GOLDEN = Path.of("quarkus-app/core/src/test/resources/golden/lgrt.town.matsuno.lgwan.jp.cfg");
    private static final String HEADER = "# RTX830 Rev.15.02.31 (Fri Jul 10 09:59:21 2020)\n"
            + "# MAC Address : 00:a0:de:00:00:01, 00:a0:de:00:00:02\n"
            + "# Memory 256Mbytes, 2LAN\n"
            + "# main:  RTX830 ver=00 serial=S00000001 MAC-Address=00:a0:de:00:00:01 MAC-Address=00:a0:de:00:00:02\n";
    private static final List<String> SESSION_SETTINGS = List.of("console character ascii", "console lines infinity", "console columns 200");

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
        device = new YamahaRtxCli.Device(router, golden, clock, new ManualTimers(clock), SECRET);
        cli = device.newSession();
    }

    /** Elevates and sets the console up as the driver does; the running config then holds the settings. */
    private void administrator() {
        assertEquals(USER, cli.prompt());
        assertEquals("Password: ", cli.handle("administrator"));
        assertFalse(cli.echoes(), "a password is read unechoed");
        assertEquals(ADMIN, cli.handle(SECRET));
        assertTrue(cli.echoes());
        SESSION_SETTINGS.forEach(setting -> assertEquals(ADMIN, cli.handle(setting)));
    }

    private List<String> withSettings(List<String> config) {
        List<String> lines = new ArrayList<>(config);
        lines.addAll(SESSION_SETTINGS);
        return lines;
    }

    private static String show(List<String> config, String date) {
        StringBuilder out = new StringBuilder(HEADER).append("# Reporting Date: ").append(date).append('\n');
        config.forEach(line -> out.append(line).append('\n'));
        return out.append(ADMIN).toString();
    }

    @Test
    void aLoginLandsAtTheUserLevelAndAdministratorWithItsPasswordReachesTheAdministratorLevel() {
        assertEquals("", cli.banner());
        assertEquals(USER, cli.prompt());
        assertEquals(YamahaRtxCli.ADMINISTRATOR_ONLY + "\n" + USER, cli.handle("show config"));
        assertEquals(YamahaRtxCli.ADMINISTRATOR_ONLY + "\n" + USER, cli.handle("description lan1 \"x\""));
        assertEquals(YamahaRtxCli.ADMINISTRATOR_ONLY + "\n" + USER, cli.handle("save"));
        assertEquals(goldenLines, device.runningConfig(), "nothing changed below the administrator level");

        assertEquals("Password: ", cli.handle("administrator"));
        assertEquals(YamahaRtxCli.INCORRECT_PASSWORD + "\n" + USER, cli.handle("not-the-password"));
        assertEquals("Password: ", cli.handle("administrator"));
        assertEquals(ADMIN, cli.handle(SECRET));
        assertEquals(ADMIN, cli.handle("administrator"), "already there");
    }

    @Test
    void withoutAnAdministratorPasswordAdministratorAsksForNone() throws Exception {
        YamahaRtxCli fresh = new YamahaRtxCli.Device(router, Files.readString(GOLDEN), clock, new ManualTimers(clock)).newSession();
        assertEquals(ADMIN, fresh.handle("administrator"));
    }

    @Test
    void anAdministratorPasswordInTheBootConfigIsTheOneAsked() throws Exception {
        String boot = Files.readString(GOLDEN) + "administrator password encrypted " + YamahaRtxCli.Device.encrypted("from-config") + "\n";
        YamahaRtxCli session = new YamahaRtxCli.Device(router, boot, clock, new ManualTimers(clock)).newSession();
        session.handle("administrator");
        assertEquals(ADMIN, session.handle("from-config"));
        session.handle("console lines infinity");
        assertTrue(session.handle("show config").contains("\nadministrator password encrypted "), "shown as a config line");
    }

    @Test
    void consoleSettingsAreConfigurationLinesAndAGeneralUserMaySetThem() {
        assertEquals(USER, cli.handle("console lines 50"), "a general user may set console settings");
        List<String> expected = new ArrayList<>(goldenLines);
        expected.add("console lines 50");
        assertEquals(expected, device.runningConfig());
        administrator();
        expected.set(goldenLines.size(), "console lines infinity");
        expected.addAll(List.of("console character ascii", "console columns 200"));
        assertEquals(expected, device.runningConfig(), "console lines infinity replaced the line in place");
        assertEquals(YamahaRtxCli.OUT_OF_RANGE + "\n" + ADMIN, cli.handle("console lines 5"));
        assertEquals(YamahaRtxCli.OUT_OF_RANGE + "\n" + ADMIN, cli.handle("console columns 201"));
        assertEquals(YamahaRtxCli.ILLEGAL_KEYWORD + "\n" + ADMIN, cli.handle("console character klingon"));
        assertEquals("console lines infinity\nconsole character ascii\nconsole columns 200\n" + ADMIN,
                cli.handle("show config | grep console"), "read as Yamaha's collection reads them");

        SESSION_SETTINGS.forEach(setting -> cli.handle("no " + setting.substring(0, setting.lastIndexOf(' '))));
        assertEquals(goldenLines, device.runningConfig(), "no console … removes the line (back to the default)");
    }

    @Test
    void theConsolePromptPrefixesThePrompt() {
        administrator();
        assertEquals("RTX830# ", cli.handle("console prompt RTX830"));
        assertEquals("[RTX1210] # ", cli.handle("console prompt \"[RTX1210] \""));
        assertEquals(YamahaRtxCli.SAVED + "\n[RTX1210] > ", cli.handle("exit save"));
    }

    @Test
    void showConfigPrintsTheHeaderThenTheConfigWithoutComments() {
        administrator();
        assertEquals(show(withSettings(goldenLines), "Nov 25 10:00:00 2026"), cli.handle("show config"));
        assertEquals(18, goldenLines.size(), "20 lines, 2 of them comments");
        assertFalse(device.revertPending());

        clock.advance(Duration.ofHours(1).plusSeconds(5));
        assertTrue(cli.handle("show config").contains("\n# Reporting Date: Nov 25 11:00:05 2026\n"), "the date follows the clock");
        assertEquals(YamahaRtxCli.SAVED + "\n" + ADMIN, cli.handle("save"));
        assertEquals(withSettings(goldenLines), device.startupConfig());
    }

    @Test
    void withoutConsoleLinesInfinityShowConfigPagesAndWithoutColumnsItWrapsAt80() {
        cli.handle("administrator");
        cli.handle(SECRET);
        String first = cli.handle("show config");
        assertTrue(first.endsWith("\n" + YamahaRtxCli.MORE), "a screen of 24 lines, then the pager: " + first);
        assertEquals(24, first.split("\n").length, "23 lines and the pager's mark: " + first);
        assertTrue(cli.readsKeys(), "the pager takes single keys");
        String usm = goldenLines.stream().filter(l -> l.startsWith("snmpv3 usm user")).findFirst().orElseThrow();
        assertTrue(usm.length() > 80);
        assertTrue(first.contains("\n" + usm.substring(0, 80) + "\n" + usm.substring(80) + "\n"), "wrapped with a bare line end: " + first);

        String rest = cli.handle(" ");
        assertTrue(rest.endsWith("schedule at 1 */* 00:00:00 * ntpdate 198.18.0.123 syslog\n" + ADMIN), rest);
        assertFalse(cli.readsKeys());

        cli.handle("show config");
        assertEquals("\n" + ADMIN, cli.handle("q"), "q ends the listing");
        assertEquals(YamahaRtxCli.SAVED + "\n" + ADMIN, cli.handle("save"), "commands work again after the pager");
    }

    /** {@code show status lanN}: what the post-check reads where RTX has no ifXTable or EtherLike-MIB. */
    @Test
    void showStatusShowsTheLinkAsThePortRunsIt() {
        administrator();
        String status = cli.handle("show status lan2");
        assertTrue(status.endsWith(ADMIN), status);
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
                status.substring(0, status.length() - ADMIN.length()).lines().toList());

        // the carrier's device forced to 100-full: the auto port falls back to half duplex
        router.cable("lan2", InterfaceMode.parse("100-full"));
        assertTrue(cli.handle("show status lan2").contains("\nOperation mode setting:         Auto Negotiation (100BASE-TX Half Duplex)\n"));
        // the port forced to 100-fdx as well: the setting and the link agree
        cli.handle("lan type lan2 100-fdx");
        assertTrue(cli.handle("show status lan2").contains("\nOperation mode setting:         100BASE-TX Full Duplex (100BASE-TX Full Duplex)\n"));
        // fixed at different speeds: no link
        cli.handle("lan type lan2 10-fdx");
        assertTrue(cli.handle("show status lan2").contains("\nOperation mode setting:         10BASE-T Full Duplex (Link Down)\n"));

        assertEquals(YamahaRtxCli.INVALID_PARAMETER + "\n" + ADMIN, cli.handle("show status lan9"));
        assertEquals(YamahaRtxCli.INVALID_PARAMETER + "\n" + ADMIN, cli.handle("show status"));
    }

    @Test
    void descriptionReplacesItsLineInPlaceAndSetsThePortDescription() {
        administrator();
        int at = goldenLines.indexOf("description lan1 \"Office LAN\"");
        assertTrue(at > 0);

        assertEquals(ADMIN, cli.handle("description lan1 \"Office LAN 2F\""));

        List<String> expected = withSettings(goldenLines);
        expected.set(at, "description lan1 \"Office LAN 2F\"");
        assertEquals(expected, device.runningConfig());
        assertEquals("Office LAN 2F", router.portView("lan1").orElseThrow().description());
        assertEquals("LGWAN prefecture WAN matsuno-prefwan-1", router.portView("lan2").orElseThrow().description(), "the other port is untouched");
        assertEquals(InterfaceMode.AUTO, router.portView("lan1").orElseThrow().mode());

        assertEquals(ADMIN, cli.handle("no description lan1"));
        assertFalse(device.runningConfig().stream().anyMatch(l -> l.startsWith("description lan1 ")));
        assertNull(router.portView("lan1").orElseThrow().description());
    }

    @Test
    void lanTypeSetsTheFixedModeAndItsRemovalGoesBackToAuto() {
        administrator();
        int end = goldenLines.size() + SESSION_SETTINGS.size();
        assertEquals(ADMIN, cli.handle("lan type lan2 100-fdx"));
        assertEquals("lan type lan2 100-fdx", device.runningConfig().get(end), "a new line goes at the end");
        VirtualRouter.PortView lan2 = router.portView("lan2").orElseThrow();
        assertEquals(InterfaceMode.parse("100-full"), lan2.mode());
        assertEquals("LGWAN prefecture WAN matsuno-prefwan-1", lan2.description(), "the description comes from the config");
        assertTrue(lan2.adminUp());
        assertEquals(InterfaceMode.AUTO, router.portView("lan1").orElseThrow().mode());

        assertEquals(ADMIN, cli.handle("lan type lan2 10-hdx"));
        assertEquals(InterfaceMode.parse("10-half"), router.portView("lan2").orElseThrow().mode());
        assertEquals(end + 1, device.runningConfig().size(), "replaced, not added");

        assertEquals(ADMIN, cli.handle("no lan type lan2"));
        assertEquals(InterfaceMode.AUTO, router.portView("lan2").orElseThrow().mode());
        assertEquals(withSettings(goldenLines), device.runningConfig());

        assertEquals(ADMIN, cli.handle("lan type lan1 1000-fdx"));
        assertEquals(InterfaceMode.parse("1000-full"), router.portView("lan1").orElseThrow().mode());
        assertEquals(ADMIN, cli.handle("lan type lan1 auto"));
        assertEquals(InterfaceMode.AUTO, router.portView("lan1").orElseThrow().mode());
    }

    @Test
    void settingsReplaceByKeyAndNoRemovesThem() {
        administrator();
        assertEquals(ADMIN, cli.handle("no ip route 100.64.0.0/10"));
        assertFalse(device.runningConfig().contains("ip route 100.64.0.0/10 gateway 203.0.113.14"));
        assertTrue(device.runningConfig().contains("ip route 100.65.38.1/32 gateway 203.0.113.14"), "other routes stay");

        assertEquals(ADMIN, cli.handle("no ip route 100.64.0.0/10"), "no of something absent is silent");
        assertEquals(ADMIN, cli.handle("no syslog host 198.18.0.50"));
        assertEquals(ADMIN, cli.handle("no snmpv3 host 198.18.0.0-198.18.0.255"));
        assertEquals(ADMIN, cli.handle("no schedule at 1"));
        assertEquals(goldenLines.size() - 4 + SESSION_SETTINGS.size(), device.runningConfig().size());

        int at = goldenLines.indexOf("speed lan2 100000000");
        assertEquals(ADMIN, cli.handle("speed lan2 50000000"));
        assertEquals("speed lan2 50000000", device.runningConfig().get(at - 1), "in place (one route line above is gone)");
        assertEquals(ADMIN, cli.handle("snmp sysname lgrt-test"));
        assertTrue(device.runningConfig().contains("snmp sysname lgrt-test"));
        assertFalse(device.runningConfig().contains("snmp sysname " + HOST));
        assertEquals(ADMIN, cli.handle("syslog host 198.18.0.51"));
        assertEquals("syslog host 198.18.0.51", device.runningConfig().get(device.runningConfig().size() - 1), "another host is another line");
        assertEquals(ADMIN, cli.handle("# a comment"));
        assertFalse(device.runningConfig().contains("# a comment"));

        YamahaRtxCli other = device.newSession();
        other.handle("administrator");
        other.handle(SECRET);
        assertTrue(other.handle("show config").contains("\nspeed lan2 50000000\n"), "sessions share the running config");
    }

    @Test
    void errorsArePrintedBeforeThePromptInRtxWords() {
        administrator();
        assertEquals("Error: Invalid command name\n" + ADMIN, cli.handle("frobnicate"));
        assertEquals("Error: Invalid command name\n" + ADMIN, cli.handle("no frobnicate"));
        assertEquals("Error: Invalid command name\n" + ADMIN, cli.handle("show running-config"));
        assertEquals("Error: Illegal keyword\n" + ADMIN, cli.handle("lan type lan2 42-fdx"));
        assertEquals("Error: Illegal keyword\n" + ADMIN, cli.handle("lan type lan2 speed=100 duplex=full"), "not an RTX form");
        assertEquals("Error: Illegal keyword\n" + ADMIN, cli.handle("lan type wan9 100-fdx"));
        assertEquals("Error: Unrecognized IP address parameter\n" + ADMIN, cli.handle("ip lan1 address 999.1.1.1/24"));
        assertEquals("Error: Insufficient or too many parameters\n" + ADMIN, cli.handle("description lan1 \"unclosed"));
        assertEquals("Error: Insufficient or too many parameters\n" + ADMIN, cli.handle("no ip route"));
        assertEquals("Error: Parameter out of range\n" + ADMIN, cli.handle("snmpv3 usm user 0 x"));
        assertEquals(withSettings(goldenLines), device.runningConfig(), "nothing changed");
        assertEquals(InterfaceMode.AUTO, router.portView("lan2").orElseThrow().mode());
        assertThrows(IllegalArgumentException.class, () -> new YamahaRtxCli.Device(router, "frobnicate\n", clock, new ManualTimers(clock)));
    }

    @Test
    void exitWithUnsavedChangesAsksWhetherToSaveAndTakesOneKey() {
        administrator();
        assertEquals(YamahaRtxCli.SAVE_QUESTION, cli.handle("exit"), "the console settings are unsaved changes");
        assertTrue(cli.readsKeys());
        assertEquals("", cli.handle("x"), "another key is ignored");
        assertEquals("N\n" + USER, cli.handle("N"));
        assertEquals(goldenLines, device.startupConfig(), "N saves nothing");

        cli.handle("administrator");
        cli.handle(SECRET);
        cli.handle("exit");
        assertEquals("Y\n" + YamahaRtxCli.SAVED + "\n" + USER, cli.handle("Y"));
        assertEquals(device.runningConfig(), device.startupConfig(), "Y saves");

        cli.handle("administrator");
        cli.handle(SECRET);
        assertEquals(USER, cli.handle("exit"), "nothing unsaved: no question");
        assertFalse(cli.closed());
        assertEquals("", cli.handle("exit"));
        assertTrue(cli.closed());
        assertEquals("", cli.prompt());
        assertEquals("", cli.handle("show config"));
        assertFalse(device.newSession().closed(), "the device opens new sessions");
    }

    @Test
    void exitSaveSavesAndLeaves() {
        administrator();
        assertEquals(YamahaRtxCli.SAVED + "\n" + USER, cli.handle("exit save"));
        assertEquals(device.runningConfig(), device.startupConfig());
    }
}
