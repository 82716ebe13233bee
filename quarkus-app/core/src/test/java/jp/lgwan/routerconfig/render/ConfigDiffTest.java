package jp.lgwan.routerconfig.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import jp.lgwan.routerconfig.render.ConfigDiff.SectionChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigDiffTest {

    private static final Path TEMPLATES = Path.of("templates");
    private static final Dialect IOS = Dialect.load(TEMPLATES, "cisco-iosxe");
    private static final Dialect JUNOS = Dialect.load(TEMPLATES, "juniper-junos");
    private static final Dialect RTX = Dialect.load(TEMPLATES, "yamaha-rtx");

    private static final String IOS_BODY = """
            version 17.9
            service timestamps log datetime msec
            hostname lgrt-test
            !
            interface GigabitEthernet0/0/0
             description LGWAN access line
             ip address 192.0.2.1 255.255.255.252
             negotiation auto
            !
            interface GigabitEthernet0/0/1
             description LAN
             ip address 10.0.0.1 255.255.255.0
            !
            ip route 0.0.0.0 0.0.0.0 192.0.2.2
            ip route 10.1.0.0 255.255.0.0 10.0.0.254
            !
            snmp-server view V-RO iso included
            snmp-server group G-RO v3 priv read V-RO
            !
            ntp server 192.0.2.123
            !
            end
            """;

    private static final String IOS_RUNNING = """
            Building configuration...

            Current configuration : 1234 bytes
            !
            ! Last configuration change at 09:00:00 JST Mon Nov 24 2026
            !
            """ + IOS_BODY;

    private static final String RTX_BODY = """
            login user admin *
            console prompt RTX830
            ip route default gateway 192.0.2.2
            ip lan1 address 10.0.0.1/24
            description lan2 LGWAN
            ip lan2 address 192.0.2.1/30
            sshd service on
            syslog host 10.0.0.50
            """;

    private static final String JUNOS_SET = """
            ## Last commit: 2026-11-24 09:00:00 JST by netops
            set version 23.4R2.13
            set system host-name lgrt-test
            set interfaces ge-0/0/0 description "LGWAN access line"
            set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/30
            set interfaces ge-0/0/1 unit 0 family inet address 10.0.0.1/24
            set routing-options static route 0.0.0.0/0 next-hop 192.0.2.2
            """;

    @Test
    void identicalConfigsAreUnchanged() {
        ConfigDiff diff = ConfigDiff.between("lgrt-test", IOS, IOS_RUNNING, IOS_RUNNING);

        assertUnchanged(diff);
        assertEquals("lgrt-test", diff.hostname());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // the header rewritten by a later read
        """
        Building configuration...

        Current configuration : 1301 bytes
        !
        ! Last configuration change at 10:00:00 JST Mon Nov 24 2026 by netops
        ! NVRAM config last updated at 10:05:00 JST Mon Nov 24 2026 by netops
        !
        ntp clock-period 17179860
        """,
        // a rendered config has no header at all
        "",
    })
    void iosHeaderAndClockDriftAreNotChanges(String header) {
        assertUnchanged(ConfigDiff.between("lgrt-test", IOS, IOS_RUNNING, header + IOS_BODY));
    }

    @Test
    void plainDialectSeesTheHeaderAsAChange() {
        ConfigDiff diff = ConfigDiff.between("lgrt-test", Dialect.PLAIN, IOS_RUNNING, IOS_BODY);

        assertTrue(diff.changed());
        assertEquals(0, diff.added());
        assertEquals(5, diff.removed()); // Building…, Current…, "! Last…" and the two "!" around it
    }

    @Test
    void yamahaHeaderIsNotAChange() {
        String before = """
                # RTX830 Rev.15.02.17 (Fri Jul 10 09:59:21 2020)
                # MAC Address : ac:44:f2:00:00:01, ac:44:f2:00:00:02
                # Memory 256Mbytes, 2LAN
                # main:  RTX830 ver=00 serial=S00000000 MAC-Address=ac:44:f2:00:00:01 MAC-Address=ac:44:f2:00:00:02
                # Reporting Date: Nov 24 09:00:00 2026
                """ + RTX_BODY;
        String after = """
                # RTX830 Rev.15.02.30 (Tue Mar 12 10:00:00 2024)
                # MAC Address : ac:44:f2:00:00:01, ac:44:f2:00:00:02
                # Memory 256Mbytes, 2LAN
                # main:  RTX830 ver=00 serial=S00000000 MAC-Address=ac:44:f2:00:00:01 MAC-Address=ac:44:f2:00:00:02
                # Reporting Date: Nov 24 10:41:46 2026
                """ + RTX_BODY;

        assertUnchanged(ConfigDiff.between("lgrt-test", RTX, before, after));
        assertUnchanged(ConfigDiff.between("lgrt-test", RTX, before, RTX_BODY));
    }

    @Test
    void junosCommitStampIsNotAChange() {
        String later = JUNOS_SET.replace("## Last commit: 2026-11-24 09:00:00 JST by netops",
                "## Last commit: 2026-11-24 10:00:00 JST by root");

        assertUnchanged(ConfigDiff.between("lgrt-test", JUNOS, JUNOS_SET, later));
    }

    @Test
    void junosSetLinesInAnotherOrderAreUnchanged() {
        List<String> lines = new java.util.ArrayList<>(JUNOS_SET.lines().toList());
        java.util.Collections.reverse(lines);

        assertUnchanged(ConfigDiff.between("lgrt-test", JUNOS, JUNOS_SET, String.join("\n", lines)));
    }

    @Test
    void junosChangeIsFoundWhateverTheOrder() {
        List<String> lines = new java.util.ArrayList<>(JUNOS_SET.replace("10.0.0.1/24", "10.0.1.1/24").lines().toList());
        java.util.Collections.reverse(lines);

        ConfigDiff diff = ConfigDiff.between("lgrt-test", JUNOS, JUNOS_SET, String.join("\n", lines));

        assertEquals(List.of(new SectionChange("set interfaces ge-0/0/1", 1, 1)), diff.sections());
    }

    @Test
    void iosOrderIsSignificant() {
        String swapped = IOS_BODY.replace("""
                ip route 0.0.0.0 0.0.0.0 192.0.2.2
                ip route 10.1.0.0 255.255.0.0 10.0.0.254
                """, """
                ip route 10.1.0.0 255.255.0.0 10.0.0.254
                ip route 0.0.0.0 0.0.0.0 192.0.2.2
                """);

        ConfigDiff diff = ConfigDiff.between("lgrt-test", IOS, IOS_BODY, swapped);

        assertTrue(diff.changed());
        assertEquals(List.of(new SectionChange("ip route", 1, 1)), diff.sections());
    }

    @Test
    void iosDescriptionChangeIsOneSectionWithAnExactDiff() {
        String after = IOS_RUNNING.replace(" description LGWAN access line", " description LGWAN access line 100M")
                .replace("1234 bytes", "1240 bytes");

        ConfigDiff diff = ConfigDiff.between("lgrt-test", IOS, IOS_RUNNING, after);

        assertTrue(diff.changed());
        assertEquals(1, diff.added());
        assertEquals(1, diff.removed());
        assertEquals(List.of(new SectionChange("interface GigabitEthernet0/0/0", 1, 1)), diff.sections());
        assertEquals("""
                --- a/lgrt-test.cfg
                +++ b/lgrt-test.cfg
                @@ -2,7 +2,7 @@
                 service timestamps log datetime msec
                 hostname lgrt-test
                 interface GigabitEthernet0/0/0
                - description LGWAN access line
                + description LGWAN access line 100M
                  ip address 192.0.2.1 255.255.255.252
                  negotiation auto
                 interface GigabitEthernet0/0/1
                """, diff.unifiedDiff());
    }

    @Test
    void aLineAddedAtTheEnd() {
        ConfigDiff diff = ConfigDiff.between("lgrt-test", RTX, RTX_BODY, RTX_BODY + "syslog notice on\n");

        assertEquals(1, diff.added());
        assertEquals(0, diff.removed());
        assertEquals(List.of(new SectionChange("syslog notice", 1, 0)), diff.sections());
        assertEquals("""
                --- a/lgrt-test.cfg
                +++ b/lgrt-test.cfg
                @@ -6,3 +6,4 @@
                 ip lan2 address 192.0.2.1/30
                 sshd service on
                 syslog host 10.0.0.50
                +syslog notice on
                """, diff.unifiedDiff());
    }

    @Test
    void distantChangesAreSeparateHunksAndSectionsKeepFirstAppearanceOrder() {
        String after = IOS_BODY.replace("hostname lgrt-test", "hostname lgrt-test2")
                .replace("ntp server 192.0.2.123", "ntp server 192.0.2.124");

        ConfigDiff diff = ConfigDiff.between("lgrt-test", IOS, IOS_BODY, after);

        assertEquals(List.of(new SectionChange("hostname", 1, 1), new SectionChange("ntp", 1, 1)), diff.sections());
        assertEquals("""
                --- a/lgrt-test.cfg
                +++ b/lgrt-test.cfg
                @@ -1,6 +1,6 @@
                 version 17.9
                 service timestamps log datetime msec
                -hostname lgrt-test
                +hostname lgrt-test2
                 interface GigabitEthernet0/0/0
                  description LGWAN access line
                  ip address 192.0.2.1 255.255.255.252
                @@ -12,5 +12,5 @@
                 ip route 10.1.0.0 255.255.0.0 10.0.0.254
                 snmp-server view V-RO iso included
                 snmp-server group G-RO v3 priv read V-RO
                -ntp server 192.0.2.123
                +ntp server 192.0.2.124
                 end
                """, diff.unifiedDiff());
    }

    @Test
    void aNewRouterDiffsAgainstNothing() {
        ConfigDiff diff = ConfigDiff.between("lgrt-test", IOS, "", "hostname lgrt-test\n");

        assertEquals("""
                --- a/lgrt-test.cfg
                +++ b/lgrt-test.cfg
                @@ -0,0 +1 @@
                +hostname lgrt-test
                """, diff.unifiedDiff());
    }

    @Test
    void trailingWhitespaceAndLineEndingsAreNotChanges() {
        String crlf = IOS_BODY.replace("\n", "   \r\n");

        assertUnchanged(ConfigDiff.between("lgrt-test", IOS, IOS_BODY, crlf));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "evil\n+++ b/x", "../x"})
    void aHostnameThatCouldForgeTheHeaderIsRefused(String hostname) {
        assertThrows(IllegalArgumentException.class, () -> ConfigDiff.between(hostname, IOS, "", ""));
    }

    private static void assertUnchanged(ConfigDiff diff) {
        assertFalse(diff.changed());
        assertEquals("", diff.unifiedDiff());
        assertEquals(0, diff.added());
        assertEquals(0, diff.removed());
        assertEquals(List.of(), diff.sections());
    }
}
