package jp.lgwan.routerconfig.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --inventory} and {@code --templates}, declared here once for every command: one name, one
 * label, one default and one description each, so {@code --help} says the same of them everywhere.
 * A command that renders takes both (this mixin); one that reads only the inventory takes
 * {@link InventoryFolder} alone. Where a command reads them from git (diff: inside {@code --repo} at
 * each revision) its own options say so.
 */
final class SourceFolders {

    /** {@code --inventory}: the commands that render nothing take only this. */
    static final class InventoryFolder {
        @Option(names = "--inventory", paramLabel = "DIR", defaultValue = "inventory",
                description = "the inventory folder: organizations/ and reference/ (default: ${DEFAULT-VALUE})")
        Path inventory;
    }

    static final class TemplatesFolder {
        @Option(names = "--templates", paramLabel = "DIR", defaultValue = "templates",
                description = "the templates folder: one folder per vendor profile (default: ${DEFAULT-VALUE})")
        Path templates;
    }

    @Mixin
    InventoryFolder inventoryFolder;

    @Mixin
    TemplatesFolder templatesFolder;

    Path inventory() {
        return inventoryFolder.inventory;
    }

    Path templates() {
        return templatesFolder.templates;
    }
}
