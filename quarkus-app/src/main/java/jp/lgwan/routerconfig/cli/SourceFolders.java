package jp.lgwan.routerconfig.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --inventory} and {@code --templates}, declared here once for every command: one name, one
 * label, one default and one description each, so {@code --help} says the same of them everywhere.
 * A command that renders takes both (this mixin); one that reads only the inventory takes
 * {@link InventoryFolder} alone. Where a command reads them from git (diff: inside {@code --repo} at
 * each revision) its own options say so. Public for the bench's command, which takes them too.
 */
public final class SourceFolders {

    /** {@code --inventory}: the commands that render nothing take only this. */
    public static final class InventoryFolder {
        @Option(names = "--inventory", paramLabel = "DIR", defaultValue = "inventory",
                description = "the inventory folder: organizations/ and reference/ (default: ${DEFAULT-VALUE})")
        Path inventory;
    }

    public static final class TemplatesFolder {
        @Option(names = "--templates", paramLabel = "DIR", defaultValue = "templates",
                description = "the templates folder: one folder per vendor profile (default: ${DEFAULT-VALUE})")
        Path templates;
    }

    @Mixin
    InventoryFolder inventoryFolder;

    @Mixin
    TemplatesFolder templatesFolder;

    public Path inventory() {
        return inventoryFolder.inventory;
    }

    public Path templates() {
        return templatesFolder.templates;
    }
}
