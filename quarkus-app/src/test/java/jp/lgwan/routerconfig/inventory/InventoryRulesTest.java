package jp.lgwan.routerconfig.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jp.lgwan.routerconfig.inventory.load.LoadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every named rule, failing: one edit to the valid minimal inventory ({@code ¶} stands for a line
 * break in the table), and the rule must report at the line where the edit starts, or where the
 * last column says: {@code +N} lines below it, or the first line holding that text. The passing side: the minimal inventory has no
 * finding at all, and the variants at the end are accepted.
 */
class InventoryRulesTest {

    private static final String SAPPORO = "organizations/011002-sapporo.yaml";
    private static final String EHIME = "organizations/380008-ehime.yaml";

    @TempDir
    Path temp;

    @Test
    void minimalInventoryPassesEveryRule() {
        LoadResult result = TestInventory.copyOfMinimal(temp).load();
        assertEquals(List.of(), result.findings());
        assertEquals(2, result.inventory().organizations().size());
        assertEquals(3, result.inventory().routerCount());
    }

    @ParameterizedTest(name = "{0}: {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            local-government-code-check-digit | S | code: "011002"                          | code: "011003" |
            format                            | S | code: "011002"                          | code: "01100" |
            local-government-code-kind        | E | kind: prefecture                        | kind: municipality | code:
            local-government-code-kind        | S | prefecture: hokkaido                    | prefecture: ehime |
            local-government-code-kind        | S | kind: municipality                      | kind: special-ward | code:
            local-government-code-kind        | S | kind: municipality                      | kind: asp-hosting-provider | code:
            local-government-code-kind        | S | domain: city.sapporo.lg.jp              | domain: city.sapporo.jp |
            domain-required                   | S | name_en: Sapporo City¶domain: city.sapporo.lg.jp | name_en: Sapporo City | code:
            domain-required                   | E | name_en: Ehime Prefecture¶domain: pref.ehime.lg.jp | name_en: Ehime Prefecture | code:
            contact-email-domain              | S | email: ops@city.sapporo.lg.jp           | email: ops@gmail.com |
            contact-email-domain              | S | email: lgwan@city.sapporo.lg.jp         | email: lgwan@evilcity.sapporo.lg.jp |
            contact-email-domain              | E | email: ops2@pref.ehime.lg.jp            | email: ops2@pref.ehime.jp |
            unique-address                    | E | management_address: 10.0.38.2           | management_address: 10.0.0.1 |
            unique-address                    | E | address: 198.51.100.5/30                | address: 198.51.100.1/30 |
            unique-address                    | S | address: 192.168.1.1/24                 | address: 192.0.2.1/24 |
            router-hostname-domain            | S | hostname: lgrt.city.sapporo.lgwan.jp    | hostname: lgrt.city.sapporo2.lgwan.jp |
            router-hostname-domain            | E | hostname: lgsu.pref.ehime.lgwan.jp      | hostname: lgxx.pref.ehime.lgwan.jp |
            router-one-wan                    | S | role: lan                               | role: wan | name: GigabitEthernet0/0/0
            wan-one-access-line               | S | router_interface: GigabitEthernet0/0/0  | router_interface: GigabitEthernet0/0/1 | name: GigabitEthernet0/0/0
            wan-one-access-line               | E | router: lgsu.pref.ehime.lgwan.jp        | router: lgrt.pref.ehime.lgwan.jp | +1
            access-line-interface             | S | router_interface: GigabitEthernet0/0/0  | router_interface: GigabitEthernet0/0/9 |
            access-line-interface             | S | router: lgrt.city.sapporo.lgwan.jp      | router: lgrt.pref.ehime.lgwan.jp |
            access-line-reaches               | S | reaches: hokkaido-node                  | reaches: hokkaido-wan-ap |
            access-line-reaches               | S | reaches: hokkaido-node                  | reaches: nowhere-node |
            access-line-reaches               | E | reaches: ehime-wan-ap                   | reaches: hokkaido-wan-ap |
            access-line-reaches               | E | reaches: ehime-wan-ap                   | reaches: ehime-node |
            carrier-line-own-prefecture       | E | reaches: ehime-node                     | reaches: hokkaido-node |
            carrier-line-own-prefecture       | S | reaches: hokkaido-node                  | reaches: ehime-node |
            wan-gateway                       | S | address: 192.0.2.1/30                   | address: 192.0.2.1/29 | id: sapporo-1
            wan-gateway                       | S | router_interface: GigabitEthernet0/0/0  | router_interface: GigabitEthernet0/0/0¶    gateway: 192.0.2.9 | +1
            interface-mode-matches-device     | S | kind: media-converter¶      mode: 100-full | kind: media-converter¶      mode: auto | mode: 100-full
            interface-mode-matches-device     | E | kind: onu¶      mode: auto             | kind: onu¶      mode: 1000-full | mode: auto
            bandwidth-within-speed            | S | bandwidth_mbps: 100                     | bandwidth_mbps: 1000 |
            bandwidth-within-speed            | E | bandwidth_mbps: 1000                    | bandwidth_mbps: 10000 |
            vendor-profile-known              | S | vendor_profile: cisco-iosxe             | vendor_profile: cisco-ios |
            vendor-profile-known              | S | model: C8200L-1N-4T                     | model: C9999 |
            vendor-mode-supported             | E | role: lan¶        address: 192.168.1.1/24¶        description: office LAN¶        mode: auto | role: lan¶        address: 192.168.1.1/24¶        description: office LAN¶        mode: 10-half | +3
            snmp-auth-supported               | S | snmp_ref: snmp/verification-poller      | snmp_ref: snmp/verification-poller¶      snmp_auth: sha1 | +1
            snmp-auth-supported               | S | snmp_ref: snmp/verification-poller      | snmp_ref: snmp/verification-poller¶      snmp_version: v2c¶      snmp_auth: sha256 | +2
            yaml-type                         | S | snmp_ref: snmp/verification-poller      | snmp_ref: snmp/verification-poller¶      snmp_auth: md5 | +1
            os-end-of-support                 | S | os_version: 17.9.4                      | os_version: 16.12.4 |
            redundancy-pair                   | E | redundancy_peer: lgrt.pref.ehime.lgwan.jp | redundancy_peer: lgsu.pref.ehime.lgwan.jp |
            redundancy-pair                   | E | redundancy_peer: lgsu.pref.ehime.lgwan.jp | redundancy_peer: lgrt.city.sapporo.lgwan.jp |
            required                          | S | name_en: Sapporo City                   | name_en: "" |
            required                          | S | primary_operator:                       | secondary_operator: | responsible:
            cli-safe                          | S | description: LGWAN access line          | description: "LGWAN line\\nshutdown" |
            cli-safe                          | S | description: LGWAN access line          | description: "LGWAN line\\rshutdown" |
            cli-safe                          | S | description: LGWAN access line          | description: uplink? help |
            cli-safe                          | S | name_en: Sapporo City                   | name_en: Sapporo City ; reload |
            cli-safe                          | S | product: FLETS Hikari Next              | product: フレッツ光 |
            plain-text                        | S | name: 札幌市                             | name: "札幌\\a市" |
            plain-text                        | S | name: 札幌市                             | name: "札幌\\u2028市" |
            plain-text                        | S | name: 札幌市                             | name: "札幌\\u202E市" |
            plain-text                        | S | name: 札幌市                             | name: "札幌\\u200B市" |
            dns-name                          | S | domain: city.sapporo.lg.jp              | domain: City.Sapporo.lg.jp |
            secret-reference                  | S | global_address_ref: global-address/lgrt.city.sapporo.lgwan.jp | global_address_ref: 203.0.113.10 |
            secret-reference                  | S | ssh_ref: ssh/operating-body             | ssh_ref: "hunter2 password" |
            secret-reference-kind             | S | global_address_ref: global-address/lgrt.city.sapporo.lgwan.jp | global_address_ref: ssh/operating-body |
            secret-reference-kind             | S | global_address_ref: global-address/lgrt.city.sapporo.lgwan.jp | global_address_ref: snmp/verification-poller |
            secret-reference-kind             | S | global_address_ref: global-address/lgrt.city.sapporo.lgwan.jp | global_address_ref: global-address |
            secret-reference-kind             | S | ssh_ref: ssh/operating-body             | ssh_ref: snmp/verification-poller |
            secret-reference-kind             | S | snmp_ref: snmp/verification-poller      | snmp_ref: global-address/lgrt.city.sapporo.lgwan.jp |
            secret-reference-kind             | E | admin_ref: ssh/rtx-administrator        | admin_ref: snmp/verification-poller |
            format                            | S | ssh_host_key: SHA256:abcdefghijabcdefghijabcdefghijabcdefghij123 | ssh_host_key: MD5:ab:cd |
            range                             | S | bandwidth_mbps: 100                     | bandwidth_mbps: 0 |
            range                             | S | management_address: 10.0.0.1            | management_address: 10.0.0.1¶    ssh_port: 0 | +1
            range                             | S | management_address: 10.0.0.1            | management_address: 10.0.0.1¶    snmp_port: 65536 | +1
            yaml-type                         | S | management_address: 10.0.0.1            | management_address: 10.0.0.1¶    ssh_port: ssh | +1
            yaml-type                         | S | bandwidth_mbps: 100                     | bandwidth_mbps: fast |
            yaml-type                         | S | management_address: 10.0.0.1            | management_address: 10.0.0.300 |
            yaml-type                         | S | kind: municipality                      | kind: city |
            yaml-type                         | S | mode: 100-full                          | mode: 100-fast |
            yaml-type                         | S | interfaces:                             | interfaces: none¶    old_interfaces: |
            yaml-unknown-field                | S | description: office LAN                 | descripton: office LAN |
            """)
    void ruleReportsAtTheEditedLine(String rule, String file, String from, String to, String at) {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        String path = file.equals("S") ? SAPPORO : EHIME;
        int edited = inventory.replace(path, unescape(from), unescape(to));
        int line = at == null ? edited : at.startsWith("+") ? edited + Integer.parseInt(at.substring(1)) : inventory.lineOf(path, at);
        List<Finding> findings = inventory.load().findings();
        assertTrue(findings.stream().anyMatch(f -> f.ruleId().equals(rule) && f.file().endsWith(path) && f.line() == line),
                () -> "expected " + rule + " at " + path + ":" + line + ", got\n" + format(findings));
    }

    /**
     * A vendor profile's snmp section is checked where it is written: an object the poller does not
     * know, and a router's own snmp_auth its profile does not support, each at its line.
     */
    @Test
    void vendorProfileSnmpCapabilitiesAreCheckedAtTheirLines() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        String profiles = "reference/vendor-profiles.yaml";
        int snmp = inventory.replace(profiles, "      - version: \"15.02\"\n        end_of_support: 2099-12-31",
                "      - version: \"15.02\"\n        end_of_support: 2099-12-31\n    snmp:\n      auth: [sha1]\n      priv: [aes128]\n"
                        + "      objects: [if-alias, if-alis]") + 2;
        List<Finding> findings = inventory.load().findings();
        assertTrue(findings.stream().anyMatch(f -> f.ruleId().equals("yaml-type") && f.file().endsWith(profiles) && f.line() == snmp + 3
                        && f.message().contains("if-high-speed")),
                () -> "an unknown MIB object at " + profiles + ":" + (snmp + 3) + ", got\n" + format(findings));

        inventory.replace(profiles, "objects: [if-alias, if-alis]", "objects: []");
        int auth = inventory.replace(EHIME, "      snmp_ref: snmp/verification-poller", "      snmp_ref: snmp/verification-poller\n      snmp_auth: sha256") + 1;
        List<Finding> after = inventory.load().findings();
        assertEquals(List.of("snmp-auth-supported"), after.stream().map(Finding::ruleId).toList(), () -> format(after));
        assertEquals(auth, after.get(0).line());
        assertEquals("vendor profile yamaha-rtx supports SNMPv3 auth sha1, not sha256", after.get(0).message());
    }

    @Test
    void duplicatedOrganizationFileBreaksEveryUniquenessRule() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        String copy = "organizations/011002-sapporo2.yaml";
        inventory.write(copy, inventory.read(SAPPORO));
        List<Finding> findings = inventory.load().findings();
        for (String[] expected : new String[][] {
                {"unique-code", "code:"}, {"unique-hostname", "hostname:"}, {"unique-address", "management_address:"},
                {"unique-address", "address: 192.0.2.1/30"}, {"unique-access-line", "id: sapporo-1"}}) {
            int line = inventory.lineOf(copy, expected[1]);
            assertTrue(findings.stream().anyMatch(f -> f.ruleId().equals(expected[0]) && f.file().endsWith(copy) && f.line() == line),
                    () -> "expected " + expected[0] + " at line " + line + " of the copy, got\n" + format(findings));
        }
        assertTrue(findings.stream().filter(f -> f.ruleId().equals("unique-code")).allMatch(f -> f.message().contains("011002-sapporo.yaml:1")),
                "names where the code was first used");
    }

    @Test
    void missingContactsAreReportedWhereTheirRecordStarts() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        String text = inventory.read(SAPPORO);
        inventory.write(SAPPORO, text.replace("  primary_operator:\n    name: 佐藤 花子\n    email: ops@city.sapporo.lg.jp\n    phone: 011-211-2111\n", ""));
        Finding finding = inventory.load().findings().get(0);
        assertEquals("required", finding.ruleId());
        assertEquals("contacts.primary_operator", finding.field());
        assertEquals(8, finding.line(), "the line of contacts' first key");
        assertEquals("is required", finding.message());
    }

    @Test
    void halfDuplexIsAWarningNotAnError() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        int line = inventory.replace(SAPPORO, "description: LGWAN access line\n        mode: 100-full", "description: LGWAN access line\n        mode: 100-half") + 1;
        inventory.replace(SAPPORO, "kind: media-converter\n      mode: 100-full", "kind: media-converter\n      mode: 100-half");
        LoadResult result = inventory.load();
        assertTrue(result.isValid(), () -> format(result.findings()));
        Finding warning = result.findings().get(0);
        assertEquals("half-duplex", warning.ruleId());
        assertEquals(Finding.Severity.WARNING, warning.severity());
        assertEquals(line, warning.line());
        assertEquals(0, inventory.validate().status());
    }

    @Test
    void unknownOsVersionIsAWarningForValidate() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        int line = inventory.replace(SAPPORO, "os_version: 17.9.4", "os_version: 18.1.1");
        LoadResult result = inventory.load();
        assertTrue(result.isValid());
        assertEquals("os-version-unknown", result.findings().get(0).ruleId());
        assertEquals(line, result.findings().get(0).line());
    }

    /** An OS release or a model without end_of_support escaped the end-of-support rules: each is an error at its record. */
    @Test
    void everyReleaseAndModelDeclaresItsEndOfSupport() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        String profiles = "reference/vendor-profiles.yaml";
        int release = inventory.replace(profiles, "      - version: \"16.12\"\n        end_of_support: 2023-01-31\n", "      - version: \"16.12\"\n");
        int model = inventory.replace(profiles, "        lan_port: lan1\n        end_of_support: 2099-12-31\n", "        lan_port: lan1\n") - 3;
        List<Finding> findings = inventory.load().findings();
        assertEquals(List.of("end-of-support-declared:" + release, "end-of-support-declared:" + model),
                findings.stream().map(f -> f.ruleId() + ":" + f.line()).sorted().toList(), () -> format(findings));
        assertTrue(findings.stream().allMatch(f -> f.file().endsWith(profiles) && f.isError()), () -> format(findings));
        assertEquals("vendor_profiles[1].models[0].end_of_support", findings.stream().filter(f -> f.line() == model).findFirst().orElseThrow().field());
    }

    /** A router whose hardware model is past its end of support is an error at the router's model, the day after the last day. */
    @Test
    void modelPastEndOfSupportIsAnError() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        inventory.replace("reference/vendor-profiles.yaml", "        lan_port: GigabitEthernet0/0/1\n        end_of_support: 2099-03-31",
                "        lan_port: GigabitEthernet0/0/1\n        end_of_support: " + TestInventory.AS_OF);
        assertEquals(List.of(), inventory.load().findings(), "supported on its last day");
        inventory.replace("reference/vendor-profiles.yaml", "end_of_support: " + TestInventory.AS_OF, "end_of_support: " + TestInventory.AS_OF.minusDays(1));
        List<Finding> findings = inventory.load().findings();
        assertEquals(List.of("model-end-of-support:" + SAPPORO + ":" + inventory.lineOf(SAPPORO, "model: C8200L-1N-4T")),
                findings.stream().map(f -> f.ruleId() + ":" + f.file().substring(f.file().indexOf("organizations/")) + ":" + f.line()).toList(),
                () -> format(findings));
        assertEquals("routers[0].model", findings.get(0).field());
    }

    /**
     * An explicit {@code unknown} is allowed in the reference data and warned about for each router on it, at the
     * router's field: validate passes, a push refuses ({@code ChangeNotificationRulesTest}).
     */
    @Test
    void unknownEndOfSupportIsAWarningAtTheRouter() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        inventory.replace("reference/vendor-profiles.yaml", "      - version: \"15.02\"\n        end_of_support: 2099-12-31",
                "      - version: \"15.02\"\n        end_of_support: unknown");
        inventory.replace("reference/vendor-profiles.yaml", "        lan_port: lan1\n        end_of_support: 2099-12-31", "        lan_port: lan1\n        end_of_support: unknown");
        LoadResult result = inventory.load();
        assertTrue(result.isValid(), () -> format(result.findings()));
        int os = inventory.lineOf(EHIME, "os_version: 15.02.30");
        int model = inventory.lineOf(EHIME, "model: RTX830");
        assertEquals(List.of("model-end-of-support-unknown:" + model, "os-end-of-support-unknown:" + os),
                result.findings().stream().filter(f -> f.file().endsWith(EHIME) && f.line() < 30).map(f -> f.ruleId() + ":" + f.line()).sorted().toList(),
                () -> format(result.findings()));
        assertTrue(result.findings().stream().noneMatch(Finding::isError));
        assertEquals(4, result.findings().size(), "two rules for each of Ehime's two routers");
    }

    @Test
    void osReleaseCoversVersionsThatContinueIt() {
        VendorProfile profile = new VendorProfile("juniper-junos", "Juniper", List.of(), List.of(
                new VendorProfile.OsRelease("17.1", null), new VendorProfile.OsRelease("23.4", null), new VendorProfile.OsRelease("23.4R2", null)), null);
        assertEquals("23.4R2", profile.release("23.4R2-S4.11").orElseThrow().version());
        assertEquals("23.4", profile.release("23.4R1.9").orElseThrow().version());
        assertEquals("17.1", profile.release("17.1.2").orElseThrow().version());
        assertTrue(profile.release("17.12.1").isEmpty(), "17.1 does not cover 17.12");
        assertTrue(profile.release("23.40").isEmpty());
    }

    @Test
    void endOfSupportDependsOnTheDay() throws Exception {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        inventory.replace(SAPPORO, "os_version: 17.9.4", "os_version: 16.12.4");
        assertEquals(0, TestInventory.cli("validate", "--inventory", inventory.dir().toString(), "--as-of", "2023-01-31").status(),
                "supported on its last day");
        assertEquals(1, TestInventory.cli("validate", "--inventory", inventory.dir().toString(), "--as-of", "2023-02-01").status(),
                "past end of support the day after");
    }

    @Test
    void acceptedVariants() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        // an ASP hosting provider carries an ASP- id and an lgrt name of its own
        inventory.write("organizations/asp-00001.yaml", inventory.read(SAPPORO)
                .replace("code: \"011002\"", "code: ASP-00001")
                .replace("kind: municipality", "kind: asp-hosting-provider")
                .replace("domain: city.sapporo.lg.jp", "domain: asp00001.example.jp")
                .replace("@city.sapporo.lg.jp", "@asp00001.example.jp")
                .replace("city.sapporo.lgwan.jp", "asp00001.lgwan.jp")
                .replace("10.0.0.1", "10.0.0.9").replace("192.0.2.1/30", "192.0.2.9/30").replace("id: sapporo-1", "id: asp-1"));
        // a special ward, with 131016 (Chiyoda), on a carrier line to Tokyo's node
        inventory.replace("reference/prefecture-network.yaml", "access_points:", "  - id: tokyo-node\n    prefecture: tokyo\n"
                + "    name: Tokyo prefecture node\n    address: 100.64.13.1\naccess_points:");
        inventory.write("organizations/131016-chiyoda.yaml", inventory.read(SAPPORO)
                .replace("code: \"011002\"", "code: \"131016\"")
                .replace("kind: municipality", "kind: special-ward")
                .replace("prefecture: hokkaido", "prefecture: tokyo")
                .replace("city.sapporo", "city.chiyoda")
                .replace("reaches: hokkaido-node", "reaches: tokyo-node")
                .replace("10.0.0.1", "10.0.0.13").replace("192.0.2.1/30", "192.0.2.13/30").replace("id: sapporo-1", "id: chiyoda-1"));
        // a WAN wider than a /30 names its gateway
        inventory.replace(SAPPORO, "address: 192.0.2.1/30", "address: 192.0.2.1/29");
        inventory.replace(SAPPORO, "router_interface: GigabitEthernet0/0/0", "router_interface: GigabitEthernet0/0/0\n    gateway: 192.0.2.6");
        // a contact at a subdomain of the organization's domain, and one at a domain on its exception list
        inventory.replace(SAPPORO, "email: ops@city.sapporo.lg.jp", "email: ops@joho.city.sapporo.lg.jp");
        inventory.replace(EHIME, "email: ops2@pref.ehime.lg.jp", "email: ops2@ehime-it.example.jp");
        inventory.replace(EHIME, "prefecture: ehime\ncontacts:\n", "prefecture: ehime\ncontacts:\n  other_email_domains: [ehime-it.example.jp]\n");
        // a carrier line to another prefecture's node that reference data opens to it
        inventory.replace("reference/prefecture-network.yaml", "    address: 100.64.1.1\n", "    address: 100.64.1.1\n    also_serves: [ehime]\n");
        inventory.replace(EHIME, "reaches: ehime-node", "reaches: hokkaido-node");
        // an OS version may name its release exactly
        inventory.replace(EHIME, "os_version: 15.02.30", "os_version: \"15.02\"");
        // a router reached on ports of its own
        inventory.replace(SAPPORO, "management_address: 10.0.0.1", "management_address: 10.0.0.1\n    ssh_port: 2222\n    snmp_port: 1161");
        LoadResult result = inventory.load();
        assertEquals(List.of(), result.findings());
        ConnectionRouter sapporo = result.inventory().organizations().stream().flatMap(o -> o.routers().stream())
                .filter(r -> r.hostname().equals("lgrt.city.sapporo.lgwan.jp")).findFirst().orElseThrow();
        assertEquals(2222, sapporo.sshPortOr(22));
        assertEquals(1161, sapporo.snmpPortOr(161));
    }

    private static String unescape(String text) {
        return text.replace('¶', '\n');
    }

    static String format(List<Finding> findings) {
        return findings.stream().map(Finding::format).collect(Collectors.joining("\n"));
    }
}
