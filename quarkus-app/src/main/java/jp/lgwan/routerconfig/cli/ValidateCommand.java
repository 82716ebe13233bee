package jp.lgwan.routerconfig.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.inventory.load.InventoryUnreadableException;
import jp.lgwan.routerconfig.inventory.load.LoadResult;
import jp.lgwan.routerconfig.inventory.rules.RuleCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks an inventory directory against every rule and reports each problem as FILE:LINE:COL: RULE: FIELD: MESSAGE.",
                "Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error or unreadable input."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    SourceFolders.InventoryFolder folder;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or junit (default: ${DEFAULT-VALUE})")
    FindingsReport.Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "write the report to FILE instead of standard output (its folder must exist)")
    Path output;

    @picocli.CommandLine.Mixin
    AsOfOption asOf;

    @picocli.CommandLine.Mixin
    CacheOption caching;

    @Option(names = "--list-rules", description = "list every rule id with what it checks, and exit")
    boolean listRules;

    @Override
    public Integer call() {
        if (listRules) {
            int width = RuleCatalog.ALL.keySet().stream().mapToInt(String::length).max().orElse(0);
            RuleCatalog.ALL.forEach((id, description) -> spec.commandLine().getOut().printf("%-" + width + "s  %s%n", id, description));
            spec.commandLine().getOut().flush();
            return Cli.OK;
        }
        LocalDate day = asOf.day();
        ReportOutput.requireFolder(output);
        LoadResult result;
        try {
            result = load(folder.inventory, day);
        } catch (InventoryUnreadableException e) {
            spec.commandLine().getErr().println("validate: " + e.getMessage());
            return Cli.USAGE;
        }
        FindingsReport.write(result, format, output, spec.commandLine().getOut(), spec.commandLine().getErr());
        return result.hasUnreadableFile() ? Cli.USAGE : result.isValid() ? Cli.OK : Cli.INVALID;
    }

    /** The inventory, each file's parse from the cache where its bytes were read before. */
    private LoadResult load(Path inventory, LocalDate day) throws InventoryUnreadableException {
        java.util.Optional<jp.lgwan.routerconfig.inventory.load.ParseCache> cache = caching.open(null, inventory);
        try {
            return new InventoryLoader().load(jp.lgwan.routerconfig.inventory.load.InventoryFiles.folder(inventory), day, cache.orElse(null));
        } finally {
            CacheOption.close(cache);
        }
    }
}
