package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import jp.lgwan.routerconfig.inventory.TestInventory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code push --dry-run} as a template author uses it: commit the edit on a branch of the sample
 * repository, dry-run one router against a lab router started for it, and read what happened at
 * each step. Never CONFIRMED, never saved; a change that fails its checks exits 4.
 */
class PushDryRunTest {

    @TempDir
    Path repo;

    @BeforeEach
    void sample() throws Exception {
        TestInventory.sampleRepository(repo);
    }

    private TestInventory.Run dryRun(String router, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("push", "--dry-run", router, "--inventory", repo.resolve("inventory").toString(),
                "--templates", repo.resolve("templates").toString(), "--settle", "200ms"));
        args.addAll(List.of(extra));
        return TestInventory.cli(args.toArray(String[]::new));
    }

    /** The step lines (name and outcome) of the output, without their details. */
    private static List<String> steps(String out) {
        return out.lines().filter(l -> l.matches("(pre-check|backup|compare|plan|commit|post-check|rollback|confirm|device)\\s.*"))
                .map(l -> l.replaceAll("\\s+", " ")).toList();
    }

    @Test
    void aChangeIsPlannedAppliedVerifiedAndRolledBack() {
        TestInventory.commit(repo, "inventory/organizations/382019-matsuyama.yaml",
                text -> text.replace("description: Office LAN", "description: Office LAN 2F"), "matsuyama: the LAN moved");
        TestInventory.Run run = dryRun("lgrt.city.matsuyama.lgwan.jp", "--base", "HEAD~1");
        assertEquals(0, run.status(), run.out() + run.err());
        assertEquals(List.of("pre-check ok", "backup ok", "compare changed", "plan 3 changes", "commit ok", "post-check passed", "rollback ok (dry run)"),
                steps(run.out()), run.out());
        assertTrue(run.out().contains("\n    - description Office LAN\n    + description Office LAN 2F\n"), run.out());
        // the commands, as typed, under the router's own revert timer
        assertTrue(run.out().contains("    > configure terminal revert timer 3\n    > interface GigabitEthernet0/0/1\n    > description Office LAN 2F\n"),
                run.out());
        assertTrue(run.out().contains("    ok   wan-up: expected admin up, oper up, found admin up, oper up (snmp "), run.out());
        assertTrue(run.out().contains("    the router runs its backup again: yes\n"), run.out());
        assertTrue(run.out().endsWith("result: PASSED: the change applied and passed its post-check; it was rolled back (never confirmed, never saved)\n"),
                run.out());
        assertFalse(run.out().contains("CONFIRMED") || run.out().contains("confirm "), run.out());
    }

    @Test
    void aChangeThatFailsItsChecksIsRolledBackAndExitsFour() {
        // the line to 1 Gbit/s fixed while the ONU the lab models (the base's) stays in auto: errors rise after the commit
        TestInventory.commit(repo, "inventory/organizations/384844-matsuno.yaml", text -> text
                .replace("product: Ehime prefecture WAN 100M", "product: Ehime prefecture WAN 1G")
                .replace("bandwidth_mbps: 100", "bandwidth_mbps: 1000")
                .replace("      kind: onu\n      mode: auto", "      kind: onu\n      mode: 1000-full")
                .replace("description: LGWAN prefecture WAN matsuno-prefwan-1\n        mode: auto",
                        "description: LGWAN prefecture WAN matsuno-prefwan-1\n        mode: 1000-full"), "matsuno: 1G line");
        TestInventory.Run run = dryRun("lgrt.town.matsuno.lgwan.jp", "--base", "HEAD~1");
        assertEquals(PushCommand.FAILED, run.status(), run.out() + run.err());
        assertEquals(List.of("pre-check ok", "backup ok", "compare changed", "plan 1 changes", "commit ok", "post-check failed", "rollback ok (dry run)"),
                steps(run.out()).stream().map(s -> s.startsWith("plan ") ? "plan 1 changes" : s).toList(), run.out());
        assertTrue(run.out().contains("    FAIL wan-errors-not-rising: "), run.out());
        assertTrue(run.out().endsWith("result: FAILED (ROLLED_BACK): failed checks: wan-errors-not-rising\n"), run.out());
        assertFalse(run.out().contains("PASSED"), run.out());
    }

    @Test
    void nothingToPushIsSaidAndNothingIsTyped() {
        TestInventory.Run run = dryRun("lgrt.city.matsuyama.lgwan.jp", "--base", "HEAD");
        assertEquals(0, run.status(), run.out() + run.err());
        assertEquals(List.of("pre-check ok", "backup ok", "compare no difference"), steps(run.out()), run.out());
        assertTrue(run.out().endsWith("result: nothing to push: the lab router already runs the config at the head revision (nothing was typed)\n"),
                run.out());
    }

    @Test
    void aRealPushIsNotACommandLineMatter() {
        TestInventory.Run withoutDryRun = TestInventory.cli("push", "lgrt.city.matsuyama.lgwan.jp", "--base", "HEAD");
        assertEquals(Cli.USAGE, withoutDryRun.status());
        assertTrue(withoutDryRun.err().startsWith("push: Missing required option: '--dry-run'"), withoutDryRun.err());
        TestInventory.Run unknown = dryRun("no.such.router", "--base", "HEAD");
        assertEquals(Cli.USAGE, unknown.status());
        assertTrue(unknown.err().startsWith("push: no router no.such.router in the inventory at HEAD ("), unknown.err());
        TestInventory.Run badRevision = dryRun("lgrt.city.matsuyama.lgwan.jp", "--base", "no-such-branch");
        assertEquals(Cli.USAGE, badRevision.status());
        assertTrue(badRevision.err().contains("no commit named no-such-branch"), badRevision.err());
    }
}
