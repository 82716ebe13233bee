package jp.lgwan.routerconfig.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * What each shipped dialect owns, one row per rule: a line of a running config, and whether the
 * project owns it given a rendered config. The real routers' own lines (users, archive, licences,
 * root-authentication, BGP, forwarding switches ...) must never be owned.
 */
class OwnershipTest {

    private static final Path TEMPLATES = Path.of("templates");

    /** A rendered config per profile, just enough for the {@code rendered} rules: the interfaces and objects it has. */
    private static String rendered(String profile) {
        return switch (profile) {
            case "cisco-iosxe" -> "hostname lgrt\ninterface GigabitEthernet0/0/0\n description WAN\n!\nip access-list standard MGMT-SSH\n"
                    + " 10 permit 198.18.0.0 0.0.0.255\nsnmp-server user lgwan-poller G v3 auth sha-2 256 K priv aes 128 K\n"
                    + "policy-map LGWAN-WAN-SHAPE\n class class-default\n  shape average 1000000\n";
            case "juniper-junos" -> "set interfaces ge-0/0/0 description WAN\nset snmp v3 usm local-engine user lgwan-poller authentication-sha256"
                    + " authentication-password K\nset snmp view LGWAN-RO oid .1 include\n"
                    + "set security zones security-zone LGWAN interfaces ge-0/0/0.0 host-inbound-traffic system-services ssh\n";
            case "yamaha-rtx" -> "description lan2 WAN\nsnmpv3 usm user 1 lgwan-poller group 1 sha K aes128-cfb K\nschedule at 1 */* 00:00:00 * ntpdate x\n";
            case "nec-ix" -> "interface GigaEthernet0.0\n  description WAN\n!\nsnmpv3 user lgwan-poller G auth sha plain K priv aes plain K\n"
                    + "ip access-list lgwan-mgmt permit ip src 198.18.0.0/24 dest any\n";
            default -> "interface eth0\n description WAN\nexit\n";
        };
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // IOS-XE: the rendered part, and what a C8000's own config holds besides
        "cisco-iosxe   | hostname other                                                      | true",
        "cisco-iosxe   | ip domain name example.jp                                           | true",
        "cisco-iosxe   | ip route 10.0.0.0 255.0.0.0 192.0.2.2                               | true",
        "cisco-iosxe   | ip route vrf Mgmt-intf 0.0.0.0 0.0.0.0 192.168.255.1                | false",
        "cisco-iosxe   | ip ssh version 2                                                    | true",
        "cisco-iosxe   | ip ssh time-out 60                                                  | false",
        "cisco-iosxe   | ip access-list standard OTHER-ACL                                   | false",
        "cisco-iosxe   | logging host 198.18.0.51                                            | true",
        "cisco-iosxe   | logging buffered 51200 warnings                                     | false",
        "cisco-iosxe   | snmp-server view NOC-RO iso included                                | false",
        "cisco-iosxe   | ntp server 198.18.0.125                                             | true",
        "cisco-iosxe   | username lgwan-admin privilege 15 secret 9 $9$x                     | false",
        "cisco-iosxe   | archive                                                             | false",
        "cisco-iosxe   | license udi pid C8200L-1N-4T sn FGL1                                | false",
        "cisco-iosxe   | version 17.18                                                       | false",
        "cisco-iosxe   | boot-start-marker                                                   | false",
        "cisco-iosxe   | aaa new-model                                                       | false",
        "cisco-iosxe   | interface GigabitEthernet0                                          | false",
        "cisco-iosxe   | line con 0                                                          | false",
        "cisco-iosxe   | line vty 5 15                                                       | false",
        "cisco-iosxe   | banner motd ^C                                                      | false",
        // Junos: set lines one by one
        "juniper-junos | set system host-name other                                          | true",
        "juniper-junos | set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/30     | true",
        "juniper-junos | set interfaces ge-0/0/0 unit 0 family inet filter input LAN-IN      | false",
        "juniper-junos | set interfaces ge-0/0/7 description MGMT                            | false",
        "juniper-junos | set routing-options static route 10.0.0.0/8 next-hop 192.0.2.2      | true",
        "juniper-junos | set snmp v3 usm local-engine user noc-monitor authentication-sha256 authentication-key x | false",
        "juniper-junos | set snmp v3 usm local-engine user lgwan-poller privacy-aes128 privacy-key x | true",
        "juniper-junos | set security zones security-zone LGWAN interfaces ge-0/0/0.0 host-inbound-traffic system-services snmp | true",
        "juniper-junos | set security zones security-zone trust interfaces ge-0/0/1.0       | false",
        "juniper-junos | set system root-authentication encrypted-password x                 | false",
        "juniper-junos | set system login user lgwan-admin class super-user                  | false",
        "juniper-junos | set version 24.4R1.9                                                | false",
        "juniper-junos | set system syslog file messages any any                             | false",
        // Yamaha RTX
        "yamaha-rtx    | ip route 10.0.0.0/8 gateway 192.0.2.2                               | true",
        "yamaha-rtx    | description lan2 other                                              | true",
        "yamaha-rtx    | description lan3 other                                              | false",
        "yamaha-rtx    | snmpv3 usm user 1 lgwan-poller group 1 sha K                        | true",
        "yamaha-rtx    | snmpv3 usm user 2 noc group 2 sha K                                 | false",
        "yamaha-rtx    | schedule at 2 */* 03:00:00 * lan keepalive                          | false",
        "yamaha-rtx    | login user lgwan-admin encrypted x                                  | false",
        "yamaha-rtx    | administrator password encrypted x                                  | false",
        "yamaha-rtx    | console lines infinity                                              | false",
        "yamaha-rtx    | console character ascii                                             | false",
        // NEC IX
        "nec-ix        | hostname other                                                      | true",
        "nec-ix        | ip route 10.0.0.0/8 192.0.2.2                                       | true",
        "nec-ix        | ip access-list other permit ip src any dest any                     | false",
        "nec-ix        | snmpv3 user noc G auth sha plain K                                  | false",
        "nec-ix        | username lgwan-admin password hash x administrator                  | false",
        "nec-ix        | timezone +09 00                                                     | false",
        "nec-ix        | interface Loopback0.0                                               | false",
        // FRR
        "frr           | hostname other                                                      | true",
        "frr           | ip route 10.0.0.0/8 192.0.2.2                                       | true",
        "frr           | interface eth1                                                      | false",
        "frr           | no ipv6 forwarding                                                  | false",
        "frr           | no ip forwarding                                                    | false",
        "frr           | router bgp 65001                                                    | false",
        "frr           | line vty                                                            | false",
    })
    void eachDialectOwnsItsLinesAndNoOthers(String profile, String line, boolean owned) {
        Dialect dialect = Dialect.load(TEMPLATES, profile).onDevice();
        String projected = dialect.owned(line + "\n", rendered(profile));
        assertEquals(owned ? line + "\n" : "", projected);
    }

    /** Within an owned interface block only the owned lines count; the router's own lines stay its own. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cisco-iosxe | interface GigabitEthernet0/0/0\\n description WAN\\n ip nat outside\\n load-interval 30\\n negotiation auto\\n!\\n"
                + "   | interface GigabitEthernet0/0/0\\n description WAN\\n negotiation auto\\n"
                + "   | interface GigabitEthernet0/0/0\\n ip nat outside\\n load-interval 30\\n",
        "cisco-iosxe | line vty 0 4\\n access-class MGMT-SSH in\\n exec-timeout 15 0\\n login local\\n transport input ssh\\nline vty 5 15\\n login local\\n"
                + "   | line vty 0 4\\n access-class MGMT-SSH in\\n transport input ssh\\n"
                + "   | line vty 0 4\\n exec-timeout 15 0\\n login local\\nline vty 5 15\\n login local\\n",
        "nec-ix      | interface GigaEthernet0.0\\n  description WAN\\n  ip tcp adjust-mss auto\\n  no shutdown\\n!\\n"
                + "   | interface GigaEthernet0.0\\n  description WAN\\n  no shutdown\\n"
                + "   | interface GigaEthernet0.0\\n  ip tcp adjust-mss auto\\n",
    })
    void subLinesSplitABlock(String profile, String running, String owned, String rest) {
        Dialect dialect = Dialect.load(TEMPLATES, profile).onDevice();
        String unescaped = running.replace("\\n", "\n");
        assertEquals(owned.replace("\\n", "\n"), dialect.owned(unescaped, rendered(profile)));
        assertEquals(rest.replace("\\n", "\n"), dialect.unowned(unescaped, rendered(profile)));
    }

    /**
     * show running-config of FRR 8.4.4 with bgpd, as measured here (daemons under one hostname, vtysh under the
     * machine's): the interface, the route and the hostnames are owned; forwarding switches, BGP with its nested
     * address family and its exit lines are not.
     */
    @Test
    void realFrrOutputWithBgpSplitsIntoOursAndTheHosts() {
        String measured = """
                Building configuration...

                Current configuration:
                !
                frr version 8.4.4
                frr defaults traditional
                hostname lgrt.test
                no ip forwarding
                no ipv6 forwarding
                hostname vm
                !
                ip route 100.64.0.0/10 192.0.2.2
                !
                interface eth0
                 description wan
                 ip address 192.0.2.1/30
                exit
                !
                router bgp 65001
                 bgp router-id 192.0.2.1
                 neighbor 192.0.2.2 remote-as 65000
                 !
                 address-family ipv4 unicast
                  network 172.16.0.0/24
                 exit-address-family
                exit
                !
                end
                """;
        Dialect frr = Dialect.load(TEMPLATES, "frr").onDevice();
        String rendered = "frr defaults traditional\nhostname lgrt.test\n!\nip route 100.64.0.0/10 192.0.2.2\n!\ninterface eth0\n description wan\nexit\n!\nend\n";
        assertEquals("frr defaults traditional\nhostname lgrt.test\nhostname vm\nip route 100.64.0.0/10 192.0.2.2\n"
                + "interface eth0\n description wan\n ip address 192.0.2.1/30\nexit\n", frr.owned(measured, rendered));
        assertEquals("no ip forwarding\nno ipv6 forwarding\nrouter bgp 65001\n bgp router-id 192.0.2.1\n neighbor 192.0.2.2 remote-as 65000\n"
                + " address-family ipv4 unicast\n  network 172.16.0.0/24\n exit-address-family\nexit\n", frr.unowned(measured, rendered));
    }

    /** A banner is one section, its text lines with it: owned as a whole, never split into its lines. */
    @Test
    void aBannerIsOneSection() {
        Dialect ios = Dialect.load(TEMPLATES, "cisco-iosxe").onDevice();
        String running = "banner login ^C\nhostname inside the text\n^C\nbanner motd ^C\nmaintenance\n^C\n";
        assertEquals("banner login ^C\nhostname inside the text\n^C\n", ios.owned(running, rendered("cisco-iosxe")));
        assertEquals("banner motd ^C\nmaintenance\n^C\n", ios.unowned(running, rendered("cisco-iosxe")));
    }

    @Test
    void secretsCompareByPresenceAndAreMaskedForBackups() {
        Dialect junos = Dialect.load(TEMPLATES, "juniper-junos");
        String typed = "set snmp v3 usm local-engine user lgwan-poller authentication-sha256 authentication-password \"s3cret\"";
        String shown = "set snmp v3 usm local-engine user lgwan-poller authentication-sha256 authentication-key \"$9$abcdEFGH\"";
        assertEquals(junos.comparable(typed), junos.comparable(shown));
        assertEquals("set snmp v3 usm local-engine user lgwan-poller authentication-sha256 authentication-key \"{{secret}}\"", junos.comparable(shown));
        assertEquals("set system root-authentication encrypted-password \"{{secret}}\"\nset system host-name x",
                junos.maskSecrets("set system root-authentication encrypted-password \"$6$salt$hash\"\nset system host-name x"));
        Dialect ios = Dialect.load(TEMPLATES, "cisco-iosxe");
        assertEquals("username ops privilege 15 secret 9 {{secret}}\n", ios.maskSecrets("username ops privilege 15 secret 9 $9$abc\n"));
        Dialect frr = Dialect.load(TEMPLATES, "frr");
        assertEquals("router bgp 1\n neighbor 192.0.2.2 password {{secret}}\n", frr.maskSecrets("router bgp 1\n neighbor 192.0.2.2 password x\n"));
    }

    @TempDir
    Path dir;

    private String loadProblem(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("p"));
        Files.writeString(dir.resolve("p/dialect.yaml"), yaml);
        return assertThrows(Dialect.InvalidDialectException.class, () -> Dialect.load(dir, "p")).getMessage();
    }

    private static final String BASE = """
            comment_prefixes: ["!"]
            volatile_lines: []
            section_start: '\\S+'
            order_insensitive: false
            """;

    @Test
    void aDialectWithACliMustSayWhatItOwns() throws IOException {
        String cli = "cli: {prompt: '#$', session_setup: [], errors: [], show_config: 'show run'}\n";
        assertTrue(loadProblem(BASE + cli).endsWith("has 'cli' but no 'owned': say which part of the router's config the project owns"));
        assertTrue(loadProblem(BASE + cli + "owned: [{line: 'x', scope: mine}]\n").endsWith("'owned[0].scope' must be all or rendered, found: mine"));
        assertTrue(loadProblem(BASE + cli + "owned: [{line: 'x', sub: []}]\n").contains("unknown key 'owned[0].sub'"));
        assertTrue(loadProblem(BASE + cli + "owned: []\n").endsWith("'owned' must name at least one rule"));
        assertTrue(loadProblem(BASE + "secrets: [{match: '(a) b', masked: '$1 x'}]\n").contains("'masked' must hold {{secret}}"));
        assertTrue(loadProblem(BASE + "secrets: [{match: '(a) b', masked: '$2 {{secret}}'}]\n").contains("names group $2, which 'match' lacks"));
    }

    @Test
    void everyShippedDialectDeclaresOwnership() {
        for (String profile : List.of("cisco-iosxe", "juniper-junos", "yamaha-rtx", "nec-ix", "frr")) {
            assertTrue(Dialect.load(TEMPLATES, profile).ownership() != null, profile);
        }
    }
}
