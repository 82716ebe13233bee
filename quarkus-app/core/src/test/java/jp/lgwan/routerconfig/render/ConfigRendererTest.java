package jp.lgwan.routerconfig.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;
import jp.lgwan.routerconfig.inventory.TestInventory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The locked-down Freemarker: what a template may not do fails with template, line and router. */
class ConfigRendererTest {

    private static final String SAPPORO = "lgrt.city.sapporo.lgwan.jp";

    @TempDir
    Path temp;

    private Inventory inventory;
    private ConnectionRouter router;

    @BeforeEach
    void load() {
        inventory = TestInventory.copyOfMinimal(temp.resolve("inventory")).load().inventory();
        router = inventory.router(SAPPORO).orElseThrow();
    }

    private RenderedConfig render(String template) throws Exception {
        Path templates = temp.resolve("templates");
        Files.createDirectories(templates.resolve("cisco-iosxe"));
        Files.writeString(templates.resolve("cisco-iosxe/router.ftl"), template);
        return new ConfigRenderer(templates).render(inventory, router);
    }

    private RenderProblem problem(String template) {
        return assertThrows(RenderException.class, () -> render(template)).problem();
    }

    @Test
    void rendersTheModel() throws Exception {
        RenderedConfig config = render("""
                hostname ${router.hostname}
                <#list interfaces as itf>
                interface ${itf.name}<#if itf.description??> "${itf.description}"</#if> ${itf.mode.text}
                </#list>
                shape ${line.bandwidth_bps} via ${line.gateway}
                <#list routes as r>
                route ${r.cidr} ${r.netmask} ${r.next_hop}
                </#list>
                snmp ${snmp.user} ${snmp.auth_key}""");
        assertEquals("""
                hostname lgrt.city.sapporo.lgwan.jp
                interface GigabitEthernet0/0/0 "LGWAN access line" 100-full
                interface GigabitEthernet0/0/1 "office LAN" auto
                shape 100000000 via 192.0.2.2
                route 100.64.1.1/32 255.255.255.255 192.0.2.2
                route 100.64.0.0/10 255.192.0.0 192.0.2.2
                route 198.18.0.0/24 255.255.255.0 192.0.2.2
                snmp lgwan-poller {{secret:snmp/verification-poller:auth}}
                """, config.text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a missing value is an error, not an empty string | hostname ${router.hostname}¶mode ${wan.mode.speedd} | 2
            an absent optional value is an error too        | x¶y¶${interfaces[1].address.gateway} | 3
            ?new reaches no class                          | <#assign e = "freemarker.template.utility.Execute"?new()>${e("id")} | 1
            ?api is off                                     | ${interfaces?api.size()} | 1
            a syntax error names its line                   | line one¶<#if>¶ | 2
            output is printable ASCII                       | ok¶caf\u00e9 ${router.hostname} | 0
            """)
    void refusesWithTemplateLineAndRouter(String what, String template, int line) {
        RenderProblem problem = problem(template.replace('¶', '\n'));
        assertTrue(problem.template().endsWith("cisco-iosxe/router.ftl"), problem.format());
        assertEquals(line, problem.line(), problem.format());
        assertEquals(SAPPORO, problem.router());
        assertTrue(problem.format().contains(": template-error: " + SAPPORO + ": "), problem.format());
    }

    @Test
    void aControlCharacterInTheOutputIsRefused() {
        RenderProblem problem = problem("line one\nline two\tx\n");
        assertTrue(problem.message().contains("output line 2 holds the character U+0009"), problem.message());
    }

    @Test
    void aMissingTemplateIsNamed() throws IOException {
        Files.createDirectories(temp.resolve("empty"));
        RenderProblem problem = assertThrows(RenderException.class,
                () -> new ConfigRenderer(temp.resolve("empty")).render(inventory, router)).problem();
        assertEquals(temp.resolve("empty/cisco-iosxe/router.ftl").toString(), problem.template());
        assertEquals("no template for vendor profile cisco-iosxe", problem.message());
    }

    @Test
    void aTemplateLinkedFromOutsideTheFolderIsNotRead() throws IOException {
        Path outside = Files.writeString(temp.resolve("outside.ftl"), "hostname ${router.hostname}\n");
        Path templates = temp.resolve("linked");
        Files.createDirectories(templates.resolve("cisco-iosxe"));
        Files.createSymbolicLink(templates.resolve("cisco-iosxe/router.ftl"), outside);
        RenderProblem problem = assertThrows(RenderException.class, () -> new ConfigRenderer(templates).render(inventory, router)).problem();
        assertEquals("no template for vendor profile cisco-iosxe", problem.message());
    }

    /**
     * The templates render the SNMPv3 authentication protocol the poller will use for each router: its
     * vendor profile's first (RTX and NEC: HMAC-SHA1-96 `sha`), or the router's own snmp_auth.
     */
    @Test
    void theTemplatesConfigureTheAuthProtocolThePollerUses() throws Exception {
        Path copy = temp.resolve("sample");
        TestInventory.copyTree(Path.of("inventory"), copy);
        Path sapporoFile = copy.resolve("organizations/011002-sapporo.yaml");
        String sapporo = Files.readString(sapporoFile);
        Files.writeString(sapporoFile, sapporo.replaceFirst("      snmp_ref: snmp/verification-poller\n",
                "      snmp_ref: snmp/verification-poller\n      snmp_auth: sha1\n"));
        Inventory sample = new jp.lgwan.routerconfig.inventory.load.InventoryLoader().load(copy, TestInventory.AS_OF).inventory();
        ConfigRenderer templates = new ConfigRenderer(Path.of("templates"));
        java.util.Map<String, String> rendered = new java.util.TreeMap<>();
        for (ConnectionRouter each : sample.organizations().stream().flatMap(o -> o.routers().stream()).toList()) {
            String text = templates.render(sample, each).text();
            String line = text.lines().filter(l -> l.matches(".*(snmp-server user|usm user|usm local-engine user .* authentication|snmpv3 user|createUser).*"))
                    .findFirst().orElseThrow(() -> new AssertionError(each.hostname() + " renders no SNMPv3 user"));
            rendered.put(each.hostname(), sample.snmpAuth(each) + " " + line.replaceAll("\\{\\{secret:[^}]*}}", "K"));
        }
        assertEquals("SHA1 snmp-server user lgwan-poller LGWAN-POLLER v3 auth sha K priv aes 128 K", rendered.get(SAPPORO), "the router's own");
        assertEquals("SHA256 snmp-server user lgwan-poller LGWAN-POLLER v3 auth sha-2 256 K priv aes 128 K", rendered.get("lgsu.city.sapporo.lgwan.jp"));
        assertEquals("SHA1 snmpv3 usm user 1 lgwan-poller group 1 sha K aes128-cfb K", rendered.get("lgrt.vill.akaigawa.lgwan.jp"));
        assertEquals("SHA1 snmpv3 user lgwan-poller LGWAN-POLLER auth sha plain K priv aes plain K", rendered.get("lgrt.town.niseko.lgwan.jp"));
        assertEquals("SHA256 set snmp v3 usm local-engine user lgwan-poller authentication-sha256 authentication-password \"K\"",
                rendered.get("lgrt.metro.tokyo.lgwan.jp"));
        assertEquals("SHA256 ! host: snmpd createUser lgwan-poller SHA-256 K AES K", rendered.get("lgrt.iryokouiki.hokkaido.lgwan.jp"));
    }

    /**
     * Issue 13, defect 4: a template looping 300 million times kept a reload busy for 16 s and was
     * accepted. It is stopped at its budget (a short one here), named with router and line, and the
     * thread that rendered it is left without an interrupt for its next task.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a silent loop                          | hostname ${router.hostname}¶<#list 1..300000000 as i></#list>¶end                | 2 | ran longer than 300 ms (the time budget per router)
            a loop in a macro                      | <#macro spin><#list 1..300000000 as i></#list></#macro>¶¶<@spin/>                 | 1 | ran longer than 300 ms (the time budget per router)
            a loop in an included template         | hostname ${router.hostname}¶<#include "spin.ftl">                                 | 1 | ran longer than 300 ms (the time budget per router)
            output without end                     | hostname ${router.hostname}¶<#list 1..300000000 as i>interface x${i}¶</#list>    | 2 | wrote more than 65536 characters (the output budget per router)
            """)
    void aTemplateOverItsBudgetIsStoppedAndNamed(String what, String template, int line, String why) throws Exception {
        Path templates = temp.resolve("templates");
        Files.createDirectories(templates.resolve("cisco-iosxe"));
        Files.writeString(templates.resolve("cisco-iosxe/router.ftl"), template.replace('¶', '\n'));
        Files.writeString(templates.resolve("cisco-iosxe/spin.ftl"), "<#list 1..300000000 as i></#list>\n");
        ConfigRenderer renderer = new ConfigRenderer(templates, new RenderBudget(Duration.ofMillis(300), 65536));
        RenderException over = assertThrows(RenderException.class, () -> renderer.render(inventory, router));
        assertTrue(over.isOverBudget(), over.getMessage());
        RenderProblem problem = over.problem();
        assertEquals(SAPPORO, problem.router());
        assertEquals("stopped: the template " + why, problem.message());
        String file = what.contains("included") ? "cisco-iosxe/spin.ftl" : "cisco-iosxe/router.ftl";
        assertEquals(templates.resolve(file).toString(), problem.template(), problem.format());
        assertEquals(line, problem.line(), problem.format());
        assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's interrupt was cleared");
        assertEquals("hostname " + SAPPORO + "\n", render("hostname ${router.hostname}").text(), "the same thread renders again");
    }

    /** However late the thread gets to close its watch (the alarm may have gone off first), no interrupt outlives it. */
    @Test
    void noInterruptOutlivesItsWatch() throws Exception {
        RenderWatch.start(Duration.ofMillis(20)).close();
        RenderWatch late = RenderWatch.start(Duration.ofMillis(20));
        while (!late.expired()) {
            Thread.onSpinWait();
        }
        late.close();
        Thread.sleep(100);
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void secretsAreMaskable() throws Exception {
        String text = render("snmp ${snmp.auth_key} ${snmp.priv_key}").text();
        assertEquals("snmp {{secret}} {{secret}}\n", SecretPlaceholder.mask(text));
    }
}
