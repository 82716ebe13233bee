package jp.lgwan.routerconfig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.lgwan.routerconfig.inventory.TestInventory;
import org.junit.jupiter.api.Test;

/**
 * {@code --inventory} and {@code --templates} read the same in every command's {@code --help}: one
 * declaration ({@link SourceFolders}), one description each. A new command that reads the inventory
 * takes the mixin, or this test names it.
 */
class SourceFoldersHelpTest {

    static final String INVENTORY = "--inventory=DIR the inventory folder: organizations/ and reference/ (default: inventory)";
    static final String TEMPLATES = "--templates=DIR the templates folder: one folder per vendor profile (default: templates)";
    /** The commands that read no inventory: the client's ask the running service, which has its own. */
    static final List<String> WITHOUT_INVENTORY = List.of("hash-password", "help", "notifications", "outages", "jobs", "drift", "backups");
    /** The commands that read the inventory but render nothing. */
    static final List<String> WITHOUT_TEMPLATES = List.of("validate", "generate-fleet");

    @Test
    void everyCommandDescribesTheFoldersInTheSameWords() {
        List<String> commands = commands();
        assertTrue(commands.containsAll(List.of("validate", "render", "diff", "generate-fleet", "serve", "lab")), commands.toString());
        for (String command : commands) {
            if (WITHOUT_INVENTORY.contains(command)) {
                continue;
            }
            String help = help(command);
            assertEquals(Optional.of(INVENTORY), option(help, "--inventory"), command + " --help:\n" + help);
            assertEquals(WITHOUT_TEMPLATES.contains(command) ? Optional.empty() : Optional.of(TEMPLATES), option(help, "--templates"),
                    command + " --help:\n" + help);
        }
    }

    @Test
    void diffSaysTheFoldersAreInsideTheRepository() {
        assertEquals(Optional.of("--repo=DIR the git repository; --inventory and --templates are folders inside it (default: the current directory)"),
                option(help("diff"), "--repo"));
    }

    private static String help(String command) {
        TestInventory.Run run = TestInventory.cli(command, "--help");
        assertEquals(0, run.status(), run.err());
        return run.out();
    }

    /** The commands {@code lgwan-config --help} lists. */
    private static List<String> commands() {
        TestInventory.Run run = TestInventory.cli("--help");
        assertEquals(0, run.status(), run.err());
        List<String> commands = new ArrayList<>();
        boolean listed = false;
        for (String line : run.out().lines().toList()) {
            if (line.equals("Commands:")) {
                listed = true;
            } else if (listed && line.matches("  \\S.*")) {
                commands.add(line.strip().split("\\s+")[0]);
            }
        }
        assertFalse(commands.isEmpty(), run.out());
        return commands;
    }

    /** One option's entry in a usage help, its wrapped lines joined and its spaces collapsed: "--name=LABEL description". */
    static Optional<String> option(String help, String name) {
        List<String> lines = help.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            // an option's entry is indented; the command's description, which may name the option too, is not
            if (lines.get(i).startsWith(" ") && (line.startsWith(name + "=") || line.startsWith(name + " "))) {
                StringBuilder entry = new StringBuilder(line);
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("      ") && !lines.get(j).strip().startsWith("-"); j++) {
                    entry.append(' ').append(lines.get(j).strip());
                }
                return Optional.of(entry.toString().replaceAll("\\s+", " "));
            }
        }
        return Optional.empty();
    }
}
