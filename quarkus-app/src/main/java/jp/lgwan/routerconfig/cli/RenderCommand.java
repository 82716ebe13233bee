package jp.lgwan.routerconfig.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Finding;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.inventory.load.InventoryUnreadableException;
import jp.lgwan.routerconfig.inventory.load.LoadResult;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.FleetRenderer;
import jp.lgwan.routerconfig.render.RenderProblem;
import jp.lgwan.routerconfig.render.RenderedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Renders each router's intended config from the templates into DIR/<hostname>.cfg.",
                "Writes nothing unless every router renders. Exit status: 0 rendered, 1 invalid inventory or template error, 2 usage error."})
final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    SourceFolders folders;

    @Option(names = "--router", paramLabel = "HOSTNAME", description = "render only these routers (repeatable)")
    List<String> only = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "directory to write the configs to (created if missing)")
    Path out;

    @picocli.CommandLine.Mixin
    AsOfOption asOf;

    @picocli.CommandLine.Mixin
    CacheOption caching;

    @Override
    public Integer call() throws IOException {
        LoadResult loaded;
        try {
            loaded = load(folders.inventory(), asOf.day());
        } catch (InventoryUnreadableException e) {
            throw new Cli.UsageException(e.getMessage());
        }
        if (!Files.isDirectory(folders.templates())) {
            throw new Cli.UsageException("templates directory " + folders.templates() + " does not exist");
        }
        if (!loaded.isValid()) {
            loaded.findings().stream().filter(Finding::isError).forEach(f -> spec.commandLine().getErr().println(f.format()));
            spec.commandLine().getErr().println("render: the inventory is invalid (" + loaded.errorCount() + " errors); nothing rendered");
            return loaded.hasUnreadableFile() ? Cli.USAGE : Cli.INVALID;
        }
        List<ConnectionRouter> routers = select(loaded);
        FleetRenderer.Result result = new FleetRenderer(new ConfigRenderer(folders.templates()))
                .render(loaded.inventory(), routers, new Progress(spec.commandLine().getErr(), "rendering", routers.size()));
        if (!result.problems().isEmpty()) {
            result.problems().forEach(p -> spec.commandLine().getErr().println(p.format()));
            spec.commandLine().getErr().println("render: " + result.problems().size() + " of " + routers.size() + " routers failed; nothing written");
            return Cli.INVALID;
        }
        write(result.configs());
        spec.commandLine().getErr().println("rendered " + result.configs().size() + " routers into " + out);
        return Cli.OK;
    }

    private List<ConnectionRouter> select(LoadResult loaded) {
        if (only.isEmpty()) {
            return loaded.inventory().organizations().stream().flatMap(o -> o.routers().stream()).toList();
        }
        Set<String> wanted = new LinkedHashSet<>(only);
        List<ConnectionRouter> routers = new ArrayList<>();
        for (String hostname : wanted) {
            routers.add(loaded.inventory().router(hostname)
                    .orElseThrow(() -> new Cli.UsageException("no router " + hostname + " in " + folders.inventory())));
        }
        return routers;
    }

    private void write(List<RenderedConfig> configs) throws IOException {
        Files.createDirectories(out);
        // every config rendered before the first is written; a file whose text is already right is left alone
        configs.parallelStream().forEach(config -> {
            Path target = out.resolve(config.hostname() + ".cfg");
            try {
                byte[] bytes = config.text().getBytes(StandardCharsets.US_ASCII);
                if (!Files.exists(target) || Files.size(target) != bytes.length || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                    Files.write(target, bytes);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
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
