package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jp.lgwan.routerconfig.inventory.TestInventory;
import jp.lgwan.routerconfig.inventory.rules.RuleCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    private static final String SAPPORO = "organizations/011002-sapporo.yaml";

    @TempDir
    Path temp;

    @Test
    void textReportNamesFileLineColumnRuleAndField() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        inventory.replace(SAPPORO, "description: LGWAN access line", "description: uplink? {x}");
        TestInventory.Run run = inventory.validate();
        assertEquals(1, run.status());
        assertEquals(inventory.file(SAPPORO) + ":30:22: cli-safe: routers[0].interfaces[0].description: contains '?' at position 7,"
                + " which a router CLI treats specially (none of ?!#\"'\\{}[];|$^`<> may appear)", run.out().lines().findFirst().orElseThrow());
        assertTrue(run.out().endsWith("invalid: 5 files, 2 organizations, 3 routers; 1 error, 0 warnings\n"), run.out());
    }

    @Test
    void jsonReport() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        int line = inventory.replace(SAPPORO, "bandwidth_mbps: 100", "bandwidth_mbps: \"100\\n\"");
        TestInventory.Run run = inventory.validate("--format", "json");
        assertEquals(1, run.status());
        assertEquals("{\"valid\":false,\"errors\":1,\"warnings\":0,\"files\":5,\"organizations\":2,\"routers\":3,\"findings\":[{\"file\":\""
                + inventory.file(SAPPORO) + "\",\"line\":" + line + ",\"column\":21,\"rule\":\"yaml-type\",\"severity\":\"error\","
                + "\"field\":\"access_lines[0].bandwidth_mbps\",\"message\":\"expected an integer, got '100\\\\n'\"}]}\n", run.out());
    }

    @Test
    void junitReportHasATestCasePerFileWrittenAtomically() throws Exception {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        inventory.replace(SAPPORO, "os_version: 17.9.4", "os_version: 16.12.4");
        Path report = Files.createDirectories(temp.resolve("reports")).resolve("validation.xml");
        TestInventory.Run run = inventory.validate("--format", "junit", "--output", report.toString());
        assertEquals(1, run.status());
        assertEquals("", run.out(), "the report goes to the file");
        assertEquals("invalid: 5 files, 2 organizations, 3 routers; 1 error, 0 warnings", run.err().strip());
        String xml = Files.readString(report);
        assertTrue(xml.contains("<testsuite name=\"inventory validation\" tests=\"5\" failures=\"1\""), xml);
        assertTrue(xml.contains("<testcase classname=\"inventory\" name=\"" + inventory.file("organizations/380008-ehime.yaml") + "\"/>"), xml);
        assertTrue(xml.contains("<failure type=\"os-end-of-support\""), xml);
        assertEquals(1, Files.list(report.getParent()).count(), "no temporary file left behind");
    }

    @Test
    void usageErrorsExitTwoWithoutAStackTrace() {
        TestInventory.Run missing = TestInventory.cli("validate", "--inventory", temp.resolve("nowhere").toString());
        assertEquals(2, missing.status());
        assertEquals("validate: inventory directory " + temp.resolve("nowhere") + " does not exist", missing.err().strip());

        TestInventory.Run badFormat = TestInventory.cli("validate", "--format", "xml");
        assertEquals(2, badFormat.status());
        assertTrue(badFormat.err().contains("Invalid value for option '--format'"), badFormat.err());

        TestInventory.Run badDate = TestInventory.cli("validate", "--as-of", "tomorrow");
        assertEquals(2, badDate.status());

        TestInventory.Run unknown = TestInventory.cli("frobnicate");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("Unmatched argument"), unknown.err());

        TestInventory.Run none = TestInventory.cli();
        assertEquals(2, none.status());
        assertTrue(none.err().contains("validate"), none.err());

        for (TestInventory.Run run : new TestInventory.Run[] {missing, badFormat, badDate, unknown, none}) {
            assertFalse(run.err().contains("\tat "), run.err());
        }
    }

    @Test
    void listsEveryRuleAndTheInventoryReadmeDocumentsEach() throws Exception {
        TestInventory.Run run = TestInventory.cli("validate", "--list-rules");
        assertEquals(0, run.status());
        assertEquals(RuleCatalog.ALL.size(), run.out().lines().count());
        assertTrue(run.out().contains("cli-safe  "), run.out());
        String readme = Files.readString(Path.of("inventory/README.md"));
        for (String rule : RuleCatalog.ALL.keySet()) {
            assertTrue(readme.contains("`" + rule + "`"), "inventory/README.md does not document " + rule);
        }
    }

    @Test
    void aFileThatCannotBeReadIsUnreadableInputNotSkipped() throws Exception {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        Path link = Files.createSymbolicLink(inventory.file("organizations/999999-gone.yaml"), temp.resolve("nowhere.yaml"));
        TestInventory.Run run = inventory.validate();
        assertEquals(2, run.status(), run.out());
        assertEquals(link + ":1:1: file-unreadable: cannot read: it is a link to nothing", run.out().lines().findFirst().orElseThrow());
    }

    @Test
    void unwritableOutputIsAUsageError() throws Exception {
        TestInventory inventory = TestInventory.copyOfMinimal(temp);
        Path blocker = Files.writeString(temp.resolve("blocker"), "a file, not a folder");
        TestInventory.Run run = inventory.validate("--output", blocker.resolve("report.txt").toString());
        assertEquals(2, run.status());
        assertEquals("validate: --output " + blocker.resolve("report.txt") + ": " + blocker + " is not a folder\n", run.err());
    }

    @Test
    void outputIntoAMissingFolderIsRefusedNotCreated() {
        TestInventory inventory = TestInventory.copyOfMinimal(temp.resolve("inventory"));
        Path missing = temp.resolve("reprots");
        TestInventory.Run run = inventory.validate("--output", missing.resolve("validation.xml").toString());
        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals("validate: --output " + missing.resolve("validation.xml") + ": no folder " + missing + " (create it first)\n", run.err());
        assertFalse(Files.exists(missing));
    }

    @Test
    void usageErrorsAreOneLineNamingTheOptionAndTheUsageBlockIsForHelp() {
        String help = "; lgwan-config validate --help lists its options\n";
        assertEquals("validate: Unknown option: '--bogus'" + help, usageError("validate", "--bogus"));
        assertEquals("validate: Invalid value for option '--as-of': '2026-13-01' is no day of the calendar; expected YYYY-MM-DD, such as 2026-11-25"
                + help, usageError("validate", "--as-of", "2026-13-01"));
        assertEquals("validate: Invalid value for option '--as-of': 'tomorrow' is not a date; expected YYYY-MM-DD, such as 2026-11-25"
                + help, usageError("validate", "--as-of", "tomorrow"));
        assertEquals("validate: Invalid value for option '--format': expected one of [text, json, junit] (case-sensitive) but was 'xml'" + help,
                usageError("validate", "--format", "xml"));
        assertEquals("diff: Missing required option: '--base=REV'; lgwan-config diff --help lists its options\n", usageError("diff"));
        assertEquals("render: Invalid value for option '--as-of': '2026-02-30' is no day of the calendar; expected YYYY-MM-DD, such as 2026-11-25"
                + "; lgwan-config render --help lists its options\n", usageError("render", "--out", temp.toString(), "--as-of", "2026-02-30"));
        assertEquals("lgwan-config: Unmatched argument at index 0: 'valdate' (did you mean validate?); lgwan-config --help lists the commands\n",
                usageError("valdate"));
        String none = usageError();
        assertTrue(none.startsWith("lgwan-config: name a command: validate, render, diff, "), none);
        assertFalse(none.contains("bench-worker"), none);

        TestInventory.Run help1 = TestInventory.cli("validate", "--help");
        assertEquals(0, help1.status());
        assertTrue(help1.out().startsWith("Usage: lgwan-config validate "), help1.out());
    }

    /** What a call that is refused as a usage error prints: exactly one line, no usage block, no Java class name. */
    private static String usageError(String... args) {
        TestInventory.Run run = TestInventory.cli(args);
        assertEquals(2, run.status(), run.err());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(run.err().contains("Usage:") || run.err().contains("java."), run.err());
        return run.err();
    }
}
