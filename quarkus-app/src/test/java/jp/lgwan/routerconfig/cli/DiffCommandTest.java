package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jp.lgwan.routerconfig.inventory.TestInventory;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diff between git revisions of a throwaway repository, read through JGit. */
class DiffCommandTest {

    private static final String SAPPORO = "inventory/organizations/011002-sapporo.yaml";
    private static final String TEMPLATE = """
            hostname ${router.hostname}
            <#list interfaces as itf>
            interface ${itf.name}
            <#if itf.description??>
             description ${itf.description}
            </#if>
             mode ${itf.mode.text}
            </#list>
            shape ${line.bandwidth_mbps}
            <#list routes as r>
            ip route ${r.cidr} ${r.next_hop}
            </#list>
            snmp-server user ${snmp.user} auth ${snmp.auth_key}
            banner ${banner}
            """;

    @TempDir
    Path temp;

    private Path repo;
    private TestInventory inventory;
    private Git git;

    @BeforeEach
    void repository() throws Exception {
        repo = temp.resolve("repo");
        inventory = TestInventory.copyOfMinimal(repo.resolve("inventory"));
        for (String profile : new String[] {"cisco-iosxe", "yamaha-rtx"}) {
            Files.createDirectories(repo.resolve("templates").resolve(profile));
            Files.writeString(repo.resolve("templates").resolve(profile).resolve("router.ftl"), TEMPLATE);
            Files.copy(Path.of("templates").resolve(profile).resolve("dialect.yaml"), repo.resolve("templates").resolve(profile).resolve("dialect.yaml"));
        }
        git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
        commit("inventory and templates");
    }

    private void commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor("test", "test@example.jp").setCommitter("test", "test@example.jp").setSign(false).call();
    }

    private TestInventory.Run diff(String... extra) {
        String[] args = new String[extra.length + 5];
        System.arraycopy(new String[] {"diff", "--repo", repo.toString(), "--as-of", TestInventory.AS_OF.toString()}, 0, args, 0, 5);
        System.arraycopy(extra, 0, args, 5, extra.length);
        return TestInventory.cli(args);
    }

    private void edit(String from, String to) throws Exception {
        Path file = repo.resolve(SAPPORO);
        String text = Files.readString(file);
        assertTrue(text.contains(from), from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void renderingTheSameInventoryTwiceShowsNoChange() {
        TestInventory.Run run = diff("--base", "HEAD");
        assertEquals(0, run.status(), run.err());
        assertEquals("no change: 3 routers compared, HEAD (" + run.out().split("\\(")[1].split("\\)")[0] + ") .. working tree\n", run.out());
    }

    @Test
    void aDescriptionChangeIsSafe() throws Exception {
        edit("description: office LAN", "description: office LAN 2F");
        TestInventory.Run run = diff("--base", "HEAD");
        assertEquals(3, run.status(), run.err());
        assertTrue(run.out().startsWith("== lgrt.city.sapporo.lgwan.jp (cisco-iosxe): SAFE, +1 -1 in interface GigabitEthernet0/0/1\n"), run.out());
        assertTrue(run.out().contains("\n- description office LAN\n+ description office LAN 2F\n"), run.out());
        assertTrue(run.out().endsWith("1 of 3 routers change (1 SAFE), HEAD (" + run.out().split("HEAD \\(")[1].split("\\)")[0] + ") .. working tree\n"), run.out());
    }

    @Test
    void aBandwidthAndModeChangeNeedsAnOutageWindow() throws Exception {
        edit("bandwidth_mbps: 100", "bandwidth_mbps: 1000");
        edit("description: LGWAN access line\n        mode: 100-full", "description: LGWAN access line\n        mode: 1000-full");
        edit("kind: media-converter\n      mode: 100-full", "kind: media-converter\n      mode: 1000-full");
        TestInventory.Run run = diff("--base", "HEAD", "--format", "json");
        assertEquals(3, run.status(), run.err());
        assertTrue(run.out().contains("\"highest_risk\":\"NEEDS_OUTAGE\""), run.out());
        assertTrue(run.out().contains("{\"hostname\":\"lgrt.city.sapporo.lgwan.jp\",\"profile\":\"cisco-iosxe\",\"risk\":\"NEEDS_OUTAGE\",\"added\":2,\"removed\":2"), run.out());
    }

    @Test
    void aRoutingChangeIsDisruptiveBetweenCommittedRevisions() throws Exception {
        edit("router_interface: GigabitEthernet0/0/0", "router_interface: GigabitEthernet0/0/0\n    gateway: 192.0.2.2");
        commit("same gateway, written out");
        TestInventory.Run same = diff("--base", "HEAD~1", "--head", "HEAD");
        assertEquals(0, same.status(), same.out() + same.err());
        edit("address: 192.0.2.1/30", "address: 192.0.2.1/29");
        edit("gateway: 192.0.2.2", "gateway: 192.0.2.6");
        commit("wider WAN, other gateway");
        TestInventory.Run run = diff("--base", "HEAD~1", "--head", "HEAD", "--format", "markdown");
        assertEquals(3, run.status(), run.err());
        assertTrue(run.out().contains("| `lgrt.city.sapporo.lgwan.jp` | cisco-iosxe | DISRUPTIVE | +3 −3 | ip route |"), run.out());
        assertTrue(run.out().contains("```diff\n"), run.out());
    }

    @Test
    void secretReferencesAreMasked() throws Exception {
        edit("snmp_ref: snmp/verification-poller", "snmp_ref: snmp/sapporo-poller");
        TestInventory.Run run = diff("--base", "HEAD");
        assertEquals(3, run.status(), run.err());
        assertFalse(run.out().contains("verification-poller") || run.out().contains("sapporo-poller"), run.out());
        assertTrue(run.out().contains("{{secret}}"), run.out());
    }

    @Test
    void aTemplateChangeComparesEveryRouterAndCountsAsDisruptive() throws Exception {
        Path template = repo.resolve("templates/cisco-iosxe/router.ftl");
        Files.writeString(template, Files.readString(template).replace("shape ${line.bandwidth_mbps}", "shape ${line.bandwidth_mbps} mbps"));
        TestInventory.Run run = diff("--base", "HEAD");
        assertEquals(3, run.status(), run.err());
        assertTrue(run.out().startsWith("== lgrt.city.sapporo.lgwan.jp (cisco-iosxe): DISRUPTIVE, +1 -1 in shape\n"), run.out());
        assertTrue(run.out().contains("1 of 3 routers change (1 DISRUPTIVE)"), run.out());
    }

    @Test
    void onlyChangedOrganizationsAreRenderedYetAllAreCounted() throws Exception {
        // a template that fails for Ehime's routers: rendered only if Ehime's file were read
        Path template = repo.resolve("templates/yamaha-rtx/router.ftl");
        Files.writeString(template, "${router.no_such_key}\n");
        commit("broken yamaha template");
        edit("description: office LAN", "description: office LAN 2F");
        TestInventory.Run run = diff("--base", "HEAD");
        assertEquals(3, run.status(), run.err());
        assertTrue(run.out().contains("1 of 3 routers change (1 SAFE)"), run.out());
    }

    @Test
    void problemsAtACommittedRevisionNameTheRepositoryPath() throws Exception {
        // both revisions are read from git into in-memory snapshots; what they report reads as paths in the repository
        Path template = repo.resolve("templates/yamaha-rtx/router.ftl");
        Files.writeString(template, "${router.no_such_key}\n");
        commit("broken yamaha template");
        edit("code: \"011002\"", "code: \"011003\"");
        commit("wrong check digit");
        TestInventory.Run run = diff("--base", "HEAD~2", "--head", "HEAD~1");
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("templates/yamaha-rtx/router.ftl:1:")), run.err());
        TestInventory.Run invalid = diff("--base", "HEAD~1", "--head", "HEAD");
        assertEquals(1, invalid.status(), invalid.out() + invalid.err());
        assertTrue(invalid.err().lines().anyMatch(l -> l.startsWith("inventory/organizations/011002-sapporo.yaml:")), invalid.err());
    }

    @Test
    void invalidHeadInventoryExitsOne() throws Exception {
        edit("code: \"011002\"", "code: \"011003\"");
        TestInventory.Run run = diff("--base", "HEAD");
        assertEquals(1, run.status());
        assertTrue(run.err().contains("local-government-code-check-digit"), run.err());
        assertTrue(run.err().contains("the inventory at the working tree is invalid"), run.err());
    }

    @Test
    void unknownRevisionOrRepositoryIsAUsageError() {
        TestInventory.Run noRevision = diff("--base", "no-such-branch");
        assertEquals(2, noRevision.status());
        assertTrue(noRevision.err().contains("no revision no-such-branch"), noRevision.err());
        TestInventory.Run noRepository = TestInventory.cli("diff", "--repo", temp.resolve("nowhere").toString(), "--base", "HEAD");
        assertEquals(2, noRepository.status());
        assertTrue(noRepository.err().contains("is not inside a git repository"), noRepository.err());
    }

    @Test
    void aBaseWithoutInventoryComparesEveryRouterAsNew() throws Exception {
        Files.move(repo.resolve("inventory"), temp.resolve("inventory-aside"));
        git.add().addFilepattern(".").setUpdate(true).call();
        commit("no inventory yet");
        Files.move(temp.resolve("inventory-aside"), repo.resolve("inventory"));
        commit("inventory back");
        TestInventory.Run run = diff("--base", "HEAD~1", "--head", "HEAD", "--format", "junit");
        assertEquals(3, run.status(), run.err());
        assertTrue(run.err().contains("no inventory at HEAD~1; every router is compared as new"), run.err());
        assertTrue(run.out().contains("tests=\"3\""), run.out());
        assertTrue(run.out().contains("<testcase classname=\"config-diff.NEEDS_OUTAGE\" name=\"lgrt.city.sapporo.lgwan.jp\">"), run.out());
    }

    @Test
    void aChangeOfNoOrganizationFileWarnsOfNothing() throws Exception {
        // `diff main` on main, then a docs-only commit: the base snapshot holds no organization file, yet has an inventory
        TestInventory.Run same = diff("--base", "main");
        assertEquals(0, same.status(), same.err());
        assertEquals("", same.err());
        Files.writeString(repo.resolve("inventory/README.md"), "# the inventory\n");
        commit("docs only");
        TestInventory.Run docs = diff("--base", "HEAD~1", "--head", "HEAD");
        assertEquals(0, docs.status(), docs.err());
        assertEquals("", docs.err());
        assertTrue(docs.out().startsWith("no change: 3 routers compared"), docs.out());
    }

    @Test
    void aNewOrganizationIsNewWithoutWarningOfAMissingInventory() throws Exception {
        Path ehime = repo.resolve("inventory/organizations/380008-ehime.yaml");
        Files.move(ehime, temp.resolve("ehime-aside.yaml"));
        git.add().addFilepattern(".").setUpdate(true).call();
        commit("without Ehime");
        Files.move(temp.resolve("ehime-aside.yaml"), ehime);
        TestInventory.Run run = diff("--base", "HEAD");
        assertEquals(3, run.status(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("NEEDS_OUTAGE"), run.out());
    }

    /** One comparison, several reports (the pipelines' markdown and JSON): --also writes what --format would, a missing folder is refused first. */
    @Test
    void alsoWritesTheSameReportInAnotherFormat() throws Exception {
        edit("description: office LAN", "description: office LAN 2F");
        Path json = temp.resolve("config-diff.json");
        TestInventory.Run both = diff("--base", "HEAD", "--format", "markdown", "--also", "json=" + json);
        assertEquals(3, both.status(), both.err());
        assertEquals(diff("--base", "HEAD", "--format", "markdown").out(), both.out());
        assertEquals(diff("--base", "HEAD", "--format", "json").out(), Files.readString(json));
        Path nowhere = temp.resolve("nowhere");
        TestInventory.Run missing = diff("--base", "HEAD", "--also", "json=" + nowhere.resolve("config-diff.json"));
        assertEquals(2, missing.status(), missing.err());
        assertEquals("diff: --also json=" + nowhere.resolve("config-diff.json") + ": no folder " + nowhere + " (create it first)\n", missing.err());
    }

    @Test
    void outputIntoAMissingFolderIsRefusedBeforeAnythingIsRendered() {
        Path missing = temp.resolve("target");
        TestInventory.Run run = diff("--base", "HEAD", "--output", missing.resolve("config-diff.md").toString());
        assertEquals(2, run.status(), run.err());
        assertEquals("diff: --output " + missing.resolve("config-diff.md") + ": no folder " + missing + " (create it first)\n", run.err());
        assertFalse(Files.exists(missing));
    }

    @Test
    void riskIsSpelledAsTheApiSpellsIt() throws Exception {
        // the API writes the enum through Jackson; every report of diff writes the same word
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (jp.lgwan.routerconfig.render.ChangeRisk risk : jp.lgwan.routerconfig.render.ChangeRisk.values()) {
            assertEquals(json.writeValueAsString(risk), "\"" + risk.label() + "\"");
        }
    }
}
