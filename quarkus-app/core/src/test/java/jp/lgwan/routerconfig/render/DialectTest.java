package jp.lgwan.routerconfig.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DialectTest {

    private static final Path TEMPLATES = Path.of("templates");
    private static final String VALID = """
            comment_prefixes: ["!"]
            volatile_lines: ['Building configuration\\.\\.\\.']
            section_start: '\\S+'
            order_insensitive: false
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"cisco-iosxe", "juniper-junos", "yamaha-rtx", "nec-ix", "frr"})
    void everyShippedDialectLoads(String profile) {
        Dialect dialect = Dialect.load(TEMPLATES, profile);

        assertEquals(profile, dialect.profile());
        assertFalse(dialect.commentPrefixes().isEmpty());
        assertFalse(dialect.volatileLines().isEmpty());
        // an indented line continues the section above in every dialect
        assertNull(dialect.sectionName(" description WAN"));
    }

    @Test
    void onlyJunosSetStyleComparesSectionsAsASet() {
        assertTrue(Dialect.load(TEMPLATES, "juniper-junos").orderInsensitive());
        for (String profile : new String[] {"cisco-iosxe", "yamaha-rtx", "nec-ix", "frr"}) {
            assertFalse(Dialect.load(TEMPLATES, profile).orderInsensitive(), profile);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "cisco-iosxe   | interface GigabitEthernet0/0/0                              | interface GigabitEthernet0/0/0",
        "cisco-iosxe   | snmp-server group G-RO v3 priv read V-RO                    | snmp-server",
        "cisco-iosxe   | ip route 0.0.0.0 0.0.0.0 192.0.2.254                        | ip route",
        "cisco-iosxe   | line vty 0 4                                                | line vty 0 4",
        "cisco-iosxe   | linecard 0 type foo                                         | linecard",
        "juniper-junos | set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24 | set interfaces ge-0/0/0",
        "juniper-junos | set routing-options static route 0.0.0.0/0 next-hop 192.0.2.254 | set routing-options static",
        "yamaha-rtx    | ip lan2 address dhcp                                        | ip lan2",
        "yamaha-rtx    | pp select 1                                                 | pp select 1",
        "nec-ix        | interface GigaEthernet0.0                                   | interface GigaEthernet0.0",
        "nec-ix        | ip route default Tunnel0.0                                  | ip route",
        "frr           | interface eth0                                              | interface eth0",
        "frr           | ip route 0.0.0.0/0 192.0.2.254                              | ip route",
    })
    void sectionsAreNamedByTheirHeader(String profile, String line, String section) {
        assertEquals(section, Dialect.load(TEMPLATES, profile).sectionName(line));
    }

    @Test
    void frrBlockEndingExitStaysInItsBlock() {
        assertNull(Dialect.load(TEMPLATES, "frr").sectionName("exit"));
    }

    @Test
    void volatileAndCommentLinesFollowTheFile() {
        Dialect ios = Dialect.load(TEMPLATES, "cisco-iosxe");

        assertTrue(ios.isVolatile("Current configuration : 1234 bytes"));
        assertTrue(ios.isVolatile("ntp clock-period 17179860"));
        assertFalse(ios.isVolatile("ntp server 192.0.2.123"));
        assertTrue(ios.isComment("  ! indented comment"));
        assertFalse(ios.isComment("hostname R1"));
    }

    @Test
    void plainIgnoresNothing() {
        assertFalse(Dialect.PLAIN.isComment("! Last configuration change at 10:00:00 JST Mon Nov 24 2026"));
        assertFalse(Dialect.PLAIN.isComment("# Reporting Date: Oct 25 12:41:46 2021"));
        assertFalse(Dialect.PLAIN.isVolatile("Building configuration..."));
        assertFalse(Dialect.PLAIN.orderInsensitive());
    }

    @Test
    void aWellFormedFileLoads() throws IOException {
        Dialect dialect = Dialect.load(write("good", VALID), "good");

        assertTrue(dialect.isVolatile("Building configuration..."));
    }

    @Test
    void anUnknownKeyIsAnErrorNamingTheFile() throws IOException {
        Path templates = write("typo", VALID + "order_insensitve: true\n");

        Dialect.InvalidDialectException e =
                assertThrows(Dialect.InvalidDialectException.class, () -> Dialect.load(templates, "typo"));
        assertTrue(e.getMessage().contains(templates.resolve("typo/dialect.yaml").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key 'order_insensitve'"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "missing key 'section_start'       | comment_prefixes: []\\nvolatile_lines: []\\norder_insensitive: false",
        "must be true or false             | comment_prefixes: []\\nvolatile_lines: []\\nsection_start: x\\norder_insensitive: maybe",
        "bad regular expression            | comment_prefixes: []\\nvolatile_lines: ['(']\\nsection_start: x\\norder_insensitive: false",
        "must be a list of strings         | comment_prefixes: '!'\\nvolatile_lines: []\\nsection_start: x\\norder_insensitive: false",
        "must not be blank                 | comment_prefixes: ['']\\nvolatile_lines: []\\nsection_start: x\\norder_insensitive: false",
        "not valid YAML                    | comment_prefixes: []\\ncomment_prefixes: []",
        "must be a mapping                 | - a list",
    })
    void aBrokenFileIsAnErrorNamingTheFile(String problem, String yaml) throws IOException {
        Path templates = write("broken", yaml.replace("\\n", "\n"));

        Dialect.InvalidDialectException e =
                assertThrows(Dialect.InvalidDialectException.class, () -> Dialect.load(templates, "broken"));
        assertTrue(e.getMessage().startsWith(templates.resolve("broken/dialect.yaml") + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'cli.in_config_mode' may name [save, show_config], not 'write'   | in_config_mode: [write]",
        "unknown key 'cli.elevate.password'                              | elevate: {command: administrator, password: x}",
        "'cli.questions' must be a list                                  | questions: {prompt: x, answer: N}",
        "unknown key 'cli.questions[].key'                               | questions: [{prompt: x, key: N}]",
    })
    void aBrokenSessionFactIsAnErrorNamingTheFile(String problem, String cli) throws IOException {
        Path templates = write("broken", VALID + "cli:\n  prompt: '# $'\n  session_setup: []\n  errors: []\n  show_config: show\n  " + cli + "\n");

        Dialect.InvalidDialectException e =
                assertThrows(Dialect.InvalidDialectException.class, () -> Dialect.load(templates, "broken"));
        assertTrue(e.getMessage().startsWith(templates.resolve("broken/dialect.yaml") + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void rtxElevatesReadsItsConsoleSettingsFirstAnswersTheSaveQuestionAndLogsOutTwice() {
        Dialect.Cli rtx = Dialect.load(TEMPLATES, "yamaha-rtx").cli();
        Dialect.Session session = rtx.session();

        assertEquals("administrator", session.elevate().command());
        assertTrue(session.elevate().passwordPrompt().matcher("administrator\nPassword: ").find());
        assertTrue(session.elevate().elevatedPrompt().matcher("RTX830# ").find());
        assertFalse(session.elevate().elevatedPrompt().matcher("RTX830> ").find());
        assertEquals("show config | grep console", session.setupRead());
        assertEquals("N", session.questions().get(0).answer());
        assertTrue(session.questions().get(0).prompt().matcher("exit\nSave new configuration ? (Y/N)").find());
        assertEquals(List.of("exit", "exit"), session.logout());
        for (String prompt : new String[] {"> ", "# ", "RTX830# ", "[RTX1210] > ", "\nRTX830> "}) {
            assertTrue(rtx.prompt().matcher(prompt).find(), prompt);
        }
        assertFalse(rtx.prompt().matcher("Save new configuration ? (Y/N)").find());
        assertFalse(rtx.prompt().matcher("Password: ").find());
    }

    @Test
    void rtxErrorsAreFoundInEnglishAndInJapaneseWhateverTheCode() {
        Dialect.Cli rtx = Dialect.load(TEMPLATES, "yamaha-rtx").cli();
        String word = "エラー：コマンド名を確認してください";
        for (java.nio.charset.Charset code : List.of(java.nio.charset.Charset.forName("Shift_JIS"), java.nio.charset.Charset.forName("EUC-JP"),
                java.nio.charset.StandardCharsets.UTF_8)) {
            // the driver reads the device byte by byte (ISO-8859-1)
            String read = new String(word.getBytes(code), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(rtx.errors().stream().anyMatch(e -> e.matcher(read).find()), code.name());
        }
        assertTrue(rtx.errors().stream().anyMatch(e -> e.matcher("Error: Invalid command name").find()));
        assertFalse(rtx.errors().stream().anyMatch(e -> e.matcher("Saving ... CONFIG0 Done .").find()));
    }

    @Test
    void theSetUpIsPutBackAsItWasShownAndUndoneWhereItWasNot() {
        Dialect.Session session = Dialect.load(TEMPLATES, "yamaha-rtx").cli().session();
        assertEquals(List.of("no console character", "console lines 50", "no console columns"),
                session.restoring(List.of("console character ascii", "console lines infinity", "console columns 200"), "console lines 50\n", "no "));
    }

    @Test
    void ixShowsAndSavesInsideConfigurationModeAndKnowsItsPromptsAndLock() {
        Dialect.Cli ix = Dialect.load(TEMPLATES, "nec-ix").cli();

        assertTrue(ix.configMode().showInside());
        assertTrue(ix.configMode().saveInside());
        assertEquals("exit", ix.exitConfig());
        for (String inside : new String[] {"ix(config)# ", "ix(config-GigaEthernet0.0)#", "ix(config-watch-cloud-10)# "}) {
            assertTrue(ix.configMode().prompt().matcher(inside).find(), inside);
        }
        assertFalse(ix.configMode().prompt().matcher("ix#").find());
        for (String error : new String[] {"% CONFIG process is occupied.", "CONFIG process is occupied by another session.",
                "% terminal -- Invalid command.", "% t -- Ambiguous command."}) {
            assertTrue(ix.errors().stream().anyMatch(e -> e.matcher(error).find()), error);
        }
        for (String information : new String[] {"% Warning: do NOT enter CNTL/Z while saving to avoid config corruption.",
                "% User 'user01' has been added.", "% You must restart the router for this configuration to take effect."}) {
            assertFalse(ix.errors().stream().anyMatch(e -> e.matcher(information).find()), information);
        }
    }

    @Test
    void aMissingFileIsAnErrorNamingTheFile() {
        Dialect.InvalidDialectException e =
                assertThrows(Dialect.InvalidDialectException.class, () -> Dialect.load(dir, "absent"));
        assertTrue(e.getMessage().contains(dir.resolve("absent/dialect.yaml").toString()), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secrets", "/etc", "Cisco", ""})
    void aProfileIsAFolderNameNotAPath(String profile) {
        assertThrows(IllegalArgumentException.class, () -> Dialect.load(TEMPLATES, profile));
    }

    private Path write(String profile, String yaml) throws IOException {
        Files.createDirectories(dir.resolve(profile));
        Files.writeString(dir.resolve(profile).resolve("dialect.yaml"), yaml);
        return dir;
    }
}
