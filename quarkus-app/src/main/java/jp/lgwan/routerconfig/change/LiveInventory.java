package jp.lgwan.routerconfig.change;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Finding;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.inventory.load.InventoryUnreadableException;
import jp.lgwan.routerconfig.inventory.load.LoadResult;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.render.FleetRenderer;
import jp.lgwan.routerconfig.render.InventoryDiff;
import jp.lgwan.routerconfig.render.RenderedConfig;
import jp.lgwan.routerconfig.render.RevisionSnapshot;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The inventory the service works from. Git is the source of truth: the service loads the
 * inventory and templates as committed at HEAD (never uncommitted edits, which it only reports),
 * records that commit, and renders any other commit a change notification names. Where the
 * inventory folder is not inside a git repository it reads the folder as it is.
 */
@ApplicationScoped
@Startup
public class LiveInventory {

    public static final String WORKING_TREE = "working-tree";
    private static final Logger LOG = Logger.getLogger(LiveInventory.class);
    private static final int CACHED_REVISIONS = 3;

    private final Path inventoryDir;
    private final Path templatesDir;
    private final Clock clock;
    private final Repository repository;
    private final String inventoryInRepo;
    private final String templatesInRepo;
    private final Map<String, InventoryRevision> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, InventoryRevision> eldest) {
            return size() > CACHED_REVISIONS;
        }
    };
    private volatile InventoryRevision current;

    public LiveInventory(@ConfigProperty(name = "lgwan.inventory", defaultValue = "inventory") Path inventoryDir,
                         @ConfigProperty(name = "lgwan.templates", defaultValue = "templates") Path templatesDir, Clock clock) {
        this.inventoryDir = inventoryDir.toAbsolutePath().normalize();
        this.templatesDir = templatesDir.toAbsolutePath().normalize();
        this.clock = clock;
        Repository found = null;
        try {
            found = RevisionSnapshot.open(this.inventoryDir);
        } catch (RevisionSnapshot.RevisionException e) {
            LOG.warnf("%s is not inside a git repository: serving the folder as it is, revisions cannot be named", this.inventoryDir);
        }
        Path top = found == null ? null : found.getWorkTree().toPath().toAbsolutePath().normalize();
        if (found != null && (!this.templatesDir.startsWith(top))) {
            LOG.warnf("templates %s are outside the repository %s: serving the folder as it is", this.templatesDir, top);
            found = null;
        }
        this.repository = found;
        this.inventoryInRepo = found == null ? null : top.relativize(this.inventoryDir).toString().replace('\\', '/');
        this.templatesInRepo = found == null ? null : top.relativize(this.templatesDir).toString().replace('\\', '/');
        InventoryRevision loaded = load(headRevision());
        if (!loaded.problems().isEmpty()) {
            LOG.warnf("%d routers failed to render at %s: %s", loaded.problems().size(), loaded.commit(), loaded.problems().get(0).format());
        }
        this.current = loaded;
        LOG.infof("inventory %s at %s: %d organizations, %d routers", this.inventoryDir, loaded.commit(),
                loaded.inventory().organizations().size(), loaded.inventory().routerCount());
    }

    public InventoryRevision current() {
        return current;
    }

    public boolean inGit() {
        return repository != null;
    }

    /** Loads HEAD again and serves it; on an invalid inventory keeps serving the old one and refuses with the findings. */
    public synchronized InventoryRevision reload() {
        InventoryRevision loaded = load(headRevision());
        current = loaded;
        return loaded;
    }

    /** The inventory at {@code revision} (a commit, branch, tag or HEAD~n); refused with 422 when unknown or invalid. */
    public InventoryRevision at(String revision) {
        String commit = resolve(revision);
        if (commit.equals(current.commit())) {
            return current;
        }
        synchronized (cache) {
            InventoryRevision cached = cache.get(commit);
            if (cached != null) {
                return cached;
            }
        }
        InventoryRevision loaded = load(commit);
        synchronized (cache) {
            cache.put(commit, loaded);
        }
        return loaded;
    }

    /** The full commit id {@code revision} names. */
    public String resolve(String revision) {
        if (repository == null) {
            if (revision == null || revision.equals(WORKING_TREE)) {
                return WORKING_TREE;
            }
            throw ChangeRefused.unprocessable("unknown-revision", "Unknown inventory revision",
                    "the inventory at " + inventoryDir + " is not in git; only the working tree can be used, not " + revision);
        }
        String wanted = revision == null ? "HEAD" : revision;
        try {
            ObjectId id = repository.resolve(wanted + "^{commit}");
            if (id == null) {
                throw ChangeRefused.unprocessable("unknown-revision", "Unknown inventory revision",
                        "no commit named " + wanted + " in " + repository.getWorkTree()).with("inventory_revision", wanted);
            }
            return id.name();
        } catch (IOException | RuntimeException e) {
            if (e instanceof ChangeRefused refused) {
                throw refused;
            }
            throw ChangeRefused.unprocessable("unknown-revision", "Unknown inventory revision",
                    "cannot resolve " + wanted + ": " + e.getMessage()).with("inventory_revision", wanted);
        }
    }

    /** Whether inventory or template files differ from what is committed at HEAD (uncommitted edits are not served). */
    public boolean hasUncommittedChanges() {
        if (repository == null) {
            return false;
        }
        try {
            List<String> folders = List.of(inventoryInRepo, templatesInRepo);
            Map<String, ObjectId> committed = RevisionSnapshot.blobIds(repository, "HEAD", folders);
            Map<String, ObjectId> working = RevisionSnapshot.workingTreeBlobIds(repository.getWorkTree().toPath(), folders);
            return !committed.equals(working);
        } catch (IOException | RevisionSnapshot.RevisionException e) {
            return true;
        }
    }

    private String headRevision() {
        return repository == null ? WORKING_TREE : resolve("HEAD");
    }

    private InventoryRevision load(String commit) {
        if (repository == null) {
            return loadFrom(WORKING_TREE, inventoryDir, templatesDir);
        }
        try (RevisionSnapshot snapshot = RevisionSnapshot.of(repository, commit, List.of(inventoryInRepo, templatesInRepo))) {
            return loadFrom(commit, snapshot.root().resolve(inventoryInRepo), snapshot.root().resolve(templatesInRepo));
        } catch (RevisionSnapshot.RevisionException e) {
            throw ChangeRefused.unprocessable("unknown-revision", "Unknown inventory revision", e.getMessage()).with("inventory_revision", commit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InventoryRevision loadFrom(String commit, Path inventory, Path templates) {
        LoadResult result;
        try {
            result = new InventoryLoader().load(inventory, LocalDate.now(clock));
        } catch (InventoryUnreadableException e) {
            throw ChangeRefused.unprocessable("invalid-inventory", "Invalid inventory", "the inventory at " + commit + " cannot be read: "
                    + shown(e.getMessage(), inventory)).with("inventory_revision", commit);
        }
        if (!result.isValid()) {
            List<String> errors = result.findings().stream().filter(Finding::isError).map(f -> shown(f.format(), inventory)).toList();
            throw ChangeRefused.unprocessable("invalid-inventory", "Invalid inventory", "the inventory at " + commit + " has "
                    + errors.size() + " errors; the first: " + errors.get(0)).with("inventory_revision", commit).with("errors", errors);
        }
        if (!Files.isDirectory(templates)) {
            throw ChangeRefused.unprocessable("invalid-inventory", "No templates", "no templates folder at " + commit);
        }
        try {
            ConfigRenderer renderer = new ConfigRenderer(templates);
            List<ConnectionRouter> routers = result.inventory().organizations().stream().flatMap(o -> o.routers().stream()).toList();
            FleetRenderer.Result rendered = new FleetRenderer(renderer).render(result.inventory(), routers, done -> { });
            Map<String, RenderedConfig> configs = new HashMap<>();
            rendered.configs().forEach(c -> configs.put(c.hostname(), c));
            Map<String, Dialect> dialects = new HashMap<>();
            rendered.configs().forEach(c -> dialects.computeIfAbsent(c.profile(), p -> InventoryDiff.dialectOf(templates, p)));
            return new InventoryRevision(commit, result.inventory(), Map.copyOf(configs), Map.copyOf(dialects),
                    new ArrayList<>(rendered.problems()), clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shown(String text, Path inventory) {
        Path root = inventory.getParent();
        return root == null ? text : text.replace(root + "/", "");
    }

    public Path inventoryDir() {
        return inventoryDir;
    }

    public Optional<Repository> repository() {
        return Optional.ofNullable(repository);
    }
}
