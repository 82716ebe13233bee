package jp.lgwan.routerconfig.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import jp.lgwan.routerconfig.inventory.Finding;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.inventory.load.InventoryUnreadableException;
import jp.lgwan.routerconfig.inventory.load.LoadResult;
import jp.lgwan.routerconfig.render.InventoryDiff;
import jp.lgwan.routerconfig.render.RenderProblem;
import jp.lgwan.routerconfig.render.RevisionSnapshot;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Renders every router at two git revisions and prints each config change with its risk.",
                "Exit status: 0 no change, 3 changes present, 1 invalid inventory or template error at head, 2 usage error."})
final class DiffCommand implements Callable<Integer> {

    static final int CHANGES = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--base", paramLabel = "REV", required = true, description = "the revision to compare with (branch, tag, commit, HEAD~1 ...)")
    String base;

    @Option(names = "--head", paramLabel = "REV", description = "the revision to compare (default: the working tree)")
    String head;

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".",
            description = "the git repository; --inventory and --templates are folders inside it (default: the current directory)")
    Path repo;

    @picocli.CommandLine.Mixin
    SourceFolders sources;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, markdown, json or junit (default: ${DEFAULT-VALUE})")
    DiffReport.Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "write the report to FILE instead of standard output (its folder must exist)")
    Path output;

    @picocli.CommandLine.Mixin
    AsOfOption asOf;

    @Override
    public Integer call() throws IOException {
        LocalDate day = asOf.day();
        ReportOutput.requireFolder(output);
        List<String> folders = List.of(inventoryPath(), templatesPath());
        try (Repository repository = RevisionSnapshot.open(repo)) {
            ChangedFiles changed = ChangedFiles.between(repository, base, head, folders, inventoryPath() + "/" + InventoryLoader.ORGANIZATIONS + "/");
            try (RevisionSnapshot baseSnapshot = RevisionSnapshot.of(repository, base, folders, changed::neededAtBase);
                 RevisionSnapshot headSnapshot = head == null ? null : RevisionSnapshot.of(repository, head, folders)) {
                return compare(repository, changed, baseSnapshot, headSnapshot, day);
            }
        } catch (RevisionSnapshot.RevisionException e) {
            throw new Cli.UsageException(e.getMessage());
        }
    }

    private int compare(Repository repository, ChangedFiles changed, RevisionSnapshot baseSnapshot, RevisionSnapshot headSnapshot, LocalDate day)
            throws IOException {
        Path headRoot = headSnapshot != null ? headSnapshot.root() : repository.getWorkTree().toPath();
        LoadResult headLoad;
        try {
            headLoad = new InventoryLoader().load(headRoot.resolve(inventoryPath()), day);
        } catch (InventoryUnreadableException e) {
            throw new Cli.UsageException((head == null ? "working tree: " : head + ": ") + e.getMessage());
        }
        if (!headLoad.isValid()) {
            headLoad.findings().stream().filter(Finding::isError).forEach(f -> spec.commandLine().getErr().println(shown(f.format(), headSnapshot)));
            spec.commandLine().getErr().println("diff: the inventory at " + (head == null ? "the working tree" : head) + " is invalid; nothing compared");
            return Cli.INVALID;
        }
        InventoryDiff.Side baseSide = baseSide(baseSnapshot, changed, day);
        InventoryDiff.Side headSide = new InventoryDiff.Side(headLoad.inventory(), headRoot.resolve(templatesPath()));
        java.util.function.Predicate<String> compare = changed.everything() ? hostname -> true
                : changed.hostnamesIn(headLoad).or(changed.hostnamesIn(baseSide))::test;
        int routers = (int) headLoad.inventory().organizations().stream().flatMap(o -> o.routers().stream())
                .filter(r -> compare.test(r.hostname())).count();
        InventoryDiff.Result result = InventoryDiff.between(baseSide, headSide, compare, new Progress(spec.commandLine().getErr(), "rendering", routers));
        for (RenderProblem problem : result.baseProblems()) {
            spec.commandLine().getErr().println("diff: at " + base + ": " + shown(problem.format(), baseSnapshot) + " (compared as a new router)");
        }
        if (!result.problems().isEmpty()) {
            result.problems().forEach(p -> spec.commandLine().getErr().println(shown(p.format(), headSnapshot)));
            spec.commandLine().getErr().println("diff: " + result.problems().size() + " routers failed to render at "
                    + (head == null ? "the working tree" : head));
            return Cli.INVALID;
        }
        String headName = head != null ? head + " (" + headSnapshot.commit().substring(0, 12) + ")" : "working tree";
        DiffReport.write(result, format, base + " (" + baseSnapshot.commit().substring(0, 12) + ")", headName, output,
                spec.commandLine().getOut(), spec.commandLine().getErr());
        return result.changes().isEmpty() ? Cli.OK : CHANGES;
    }

    private InventoryDiff.Side baseSide(RevisionSnapshot snapshot, ChangedFiles changed, LocalDate day) throws IOException {
        Path templates = snapshot.root().resolve(templatesPath());
        Path organizations = snapshot.root().resolve(inventoryPath()).resolve(InventoryLoader.ORGANIZATIONS);
        if (!changed.everything() && Files.isDirectory(organizations.getParent())) {
            // the snapshot holds only the organizations that changed, maybe none (a docs-only change, `diff main` on
            // main, a new organization): git keeps no empty folder, but the base has an inventory all the same
            Files.createDirectories(organizations);
        }
        try {
            LoadResult loaded = new InventoryLoader().load(snapshot.root().resolve(inventoryPath()), day);
            if (loaded.isValid()) {
                return new InventoryDiff.Side(loaded.inventory(), templates);
            }
            spec.commandLine().getErr().println("diff: the inventory at " + base + " is invalid (" + loaded.errorCount()
                    + " errors); every router is compared as new");
        } catch (InventoryUnreadableException e) {
            spec.commandLine().getErr().println("diff: no inventory at " + base + "; every router is compared as new");
        }
        return InventoryDiff.Side.empty(templates);
    }

    /** Paths inside a snapshot's temporary folder read as paths in the repository. */
    private static String shown(String text, RevisionSnapshot snapshot) {
        return snapshot == null ? text : text.replace(snapshot.root().toString() + "/", "");
    }

    /** The inventory folder inside the repository, as git names it. */
    private String inventoryPath() {
        return sources.inventory().toString();
    }

    private String templatesPath() {
        return sources.templates().toString();
    }
}
