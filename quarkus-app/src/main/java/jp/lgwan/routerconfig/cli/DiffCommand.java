package jp.lgwan.routerconfig.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import jp.lgwan.routerconfig.inventory.Finding;
import jp.lgwan.routerconfig.inventory.load.InventoryFiles;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.inventory.load.InventoryUnreadableException;
import jp.lgwan.routerconfig.inventory.load.LoadResult;
import jp.lgwan.routerconfig.inventory.load.ParseCache;
import jp.lgwan.routerconfig.render.InventoryDiff;
import jp.lgwan.routerconfig.render.RenderProblem;
import jp.lgwan.routerconfig.render.RevisionFiles;
import jp.lgwan.routerconfig.render.RevisionSnapshot;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Incremental: a router's config depends on its organization file, the reference files and its
 * vendor profile's template folder, so only the routers whose inputs changed between the two
 * revisions (by git blob id, {@link ChangedFiles}) are rendered and diffed — all of them when a
 * reference file changes. The head's inventory is still validated whole, each file's parse taken from
 * the parse cache where its blob was read before. The report is the same as rendering every router
 * ({@code --full}); {@code DiffIncrementalTest} holds it to that.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Renders every router at two git revisions and prints each config change with its risk.",
                "Only routers whose organization file, reference files or template folder changed are rendered; the result is the same as --full.",
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

    @Option(names = "--also", paramLabel = "FORMAT=FILE",
            description = "write the same report in FORMAT to FILE as well (repeatable), e.g. --also json=target/config-diff.json:"
                    + " one comparison for several reports")
    Map<DiffReport.Format, Path> also = new LinkedHashMap<>();

    @Option(names = "--full", description = "render and compare every router, whatever changed (the same report, slower)")
    boolean full;

    @picocli.CommandLine.Mixin
    AsOfOption asOf;

    @picocli.CommandLine.Mixin
    CacheOption caching;

    @Override
    public Integer call() throws IOException {
        LocalDate day = asOf.day();
        ReportOutput.requireFolder(output);
        also.forEach((kind, file) -> ReportOutput.requireFolder("--also " + kind + "=", file));
        List<String> folders = List.of(inventoryPath(), templatesPath());
        try (Repository repository = RevisionSnapshot.open(repo)) {
            ChangedFiles changed = ChangedFiles.between(repository, base, head, folders, inventoryPath() + "/" + InventoryLoader.ORGANIZATIONS + "/",
                    templatesPath() + "/").full(full);
            Optional<ParseCache> cache = caching.open(repository.getDirectory(), repo);
            try (RevisionSnapshot baseTemplates = RevisionSnapshot.of(repository, base, List.of(templatesPath()));
                 RevisionSnapshot headTemplates = head == null ? null : RevisionSnapshot.of(repository, head, List.of(templatesPath()))) {
                RevisionFiles baseFiles = RevisionFiles.of(repository, baseTemplates.commit(), inventoryPath(), changed::neededAtBase,
                        changed.partialBase(), RevisionSnapshot.Limits.DEFAULT);
                InventoryFiles headFiles = head == null ? InventoryFiles.folder(repository.getWorkTree().toPath().resolve(inventoryPath()))
                        : RevisionFiles.of(repository, headTemplates.commit(), inventoryPath(), path -> true, false, RevisionSnapshot.Limits.DEFAULT);
                return compare(repository, changed, baseFiles, baseTemplates, headFiles, headTemplates, day, cache.orElse(null));
            } finally {
                CacheOption.close(cache);
            }
        } catch (RevisionSnapshot.RevisionException e) {
            throw new Cli.UsageException(e.getMessage());
        }
    }

    private int compare(Repository repository, ChangedFiles changed, RevisionFiles baseFiles, RevisionSnapshot baseTemplates, InventoryFiles headFiles,
                        RevisionSnapshot headTemplates, LocalDate day, ParseCache cache) throws IOException {
        Path headRoot = headTemplates != null ? headTemplates.root() : repository.getWorkTree().toPath();
        LoadResult headLoad;
        try {
            headLoad = new InventoryLoader().load(headFiles, day, cache);
        } catch (InventoryUnreadableException e) {
            throw new Cli.UsageException((head == null ? "working tree: " : head + ": ") + e.getMessage());
        }
        if (!headLoad.isValid()) {
            headLoad.findings().stream().filter(Finding::isError).forEach(f -> spec.commandLine().getErr().println(f.format()));
            spec.commandLine().getErr().println("diff: the inventory at " + (head == null ? "the working tree" : head) + " is invalid; nothing compared");
            return Cli.INVALID;
        }
        LoadResult baseLoad = baseLoad(baseFiles, day, cache);
        Path baseTemplatesPath = baseTemplates.root().resolve(templatesPath());
        InventoryDiff.Side baseSide = baseLoad == null ? InventoryDiff.Side.empty(baseTemplatesPath) : new InventoryDiff.Side(baseLoad.inventory(), baseTemplatesPath);
        InventoryDiff.Side headSide = new InventoryDiff.Side(headLoad.inventory(), headRoot.resolve(templatesPath()));
        Predicate<String> compare = changed.everything() ? hostname -> true
                : changed.hostnamesIn(headLoad).or(changed.hostnamesIn(baseSide, baseLoad));
        int routers = (int) headLoad.inventory().organizations().stream().flatMap(o -> o.routers().stream())
                .filter(r -> compare.test(r.hostname())).count();
        InventoryDiff.Result result = InventoryDiff.between(baseSide, headSide, compare, new Progress(spec.commandLine().getErr(), "rendering", routers));
        for (RenderProblem problem : result.baseProblems()) {
            spec.commandLine().getErr().println("diff: at " + base + ": " + shown(problem.format(), baseTemplates) + " (compared as a new router)");
        }
        if (!result.problems().isEmpty()) {
            result.problems().forEach(p -> spec.commandLine().getErr().println(shown(p.format(), headTemplates)));
            spec.commandLine().getErr().println("diff: " + result.problems().size() + " routers failed to render at "
                    + (head == null ? "the working tree" : head));
            return Cli.INVALID;
        }
        String headName = head != null ? head + " (" + headTemplates.commit().substring(0, 12) + ")" : "working tree";
        String baseName = base + " (" + baseTemplates.commit().substring(0, 12) + ")";
        also.forEach((kind, file) -> ReportOutput.writeFile(DiffReport.report(result, kind, baseName, headName), "--also " + kind + "=", file));
        DiffReport.write(result, format, baseName, headName, output, spec.commandLine().getOut(), spec.commandLine().getErr());
        return result.changes().isEmpty() ? Cli.OK : CHANGES;
    }

    /** The base's inventory (only the changed organizations where that is all the diff needs); null where it has none or an invalid one. */
    private LoadResult baseLoad(RevisionFiles files, LocalDate day, ParseCache cache) {
        try {
            LoadResult loaded = new InventoryLoader().load(files, day, cache);
            if (loaded.isValid()) {
                return loaded;
            }
            spec.commandLine().getErr().println("diff: the inventory at " + base + " is invalid (" + loaded.errorCount()
                    + " errors); every router is compared as new");
        } catch (InventoryUnreadableException e) {
            spec.commandLine().getErr().println("diff: no inventory at " + base + "; every router is compared as new");
        }
        return null;
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
