package jp.lgwan.routerconfig.change;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.lgwan.routerconfig.audit.AuditLog;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Finding;
import jp.lgwan.routerconfig.inventory.load.InventoryLoader;
import jp.lgwan.routerconfig.inventory.load.InventoryUnreadableException;
import jp.lgwan.routerconfig.inventory.load.LoadResult;
import jp.lgwan.routerconfig.render.ConfigRenderer;
import jp.lgwan.routerconfig.render.Dialect;
import jp.lgwan.routerconfig.render.FleetRenderer;
import jp.lgwan.routerconfig.render.InventoryDiff;
import jp.lgwan.routerconfig.render.RenderBudget;
import jp.lgwan.routerconfig.render.RenderProblem;
import jp.lgwan.routerconfig.render.RenderedConfig;
import jp.lgwan.routerconfig.render.RevisionSnapshot;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.jboss.logging.Logger;

/**
 * The inventory the service works from. Git is the source of truth: the service loads the
 * inventory and templates as committed at HEAD (never uncommitted edits, which it only reports),
 * records that commit, and renders any other commit a change notification names. Where the
 * inventory folder is not inside a git repository it reads the folder as it is.
 *
 * <p>Only a revision where the inventory is valid and every router renders within its budget is
 * served, at a start as at a reload. A reload of an invalid HEAD is refused and the old revision
 * keeps serving; a start on an invalid HEAD serves the last revision it served (kept in PostgreSQL),
 * says so ({@link #headRefused()}: {@code /api/inventory}, health), and no window starts until a
 * valid HEAD is reloaded.
 */
@ApplicationScoped
@Startup
public class LiveInventory {

    public static final String WORKING_TREE = "working-tree";
    private static final Logger LOG = Logger.getLogger(LiveInventory.class);
    /**
     * Revisions loading at once (each renders on every core through the common pool already): more
     * only divide the cores among them.
     */
    private static final int PARALLEL_LOADS = 2;
    /** Heap a loaded revision holds per byte of its files in git, measured: see {@link #retainedBytes}. */
    static final int RETAINED_PER_SOURCE_BYTE = 10;

    private static final java.time.ZoneId JAPAN = java.time.ZoneId.of("Asia/Tokyo");

    private final Path inventoryDir;
    private final Path templatesDir;
    private final Clock clock;
    private final Repository repository;
    private final String inventoryInRepo;
    private final String templatesInRepo;
    private final RevisionCache revisions;
    private final ServedRevisions served;
    private final RenderBudget budget;
    private final Optional<LocalDate> asOf;
    /** The served revision kept on disk per commit, for a fast restart; none for the commands. */
    private final Optional<InventorySnapshots> snapshots;
    private final UncommittedChanges uncommitted;
    private volatile InventoryRevision current;
    /** Whether the revision served since the start was read from its snapshot rather than parsed and rendered. */
    private boolean startedFromSnapshot;
    private volatile HeadRefused headRefused;

    /**
     * HEAD as it could not be served, and why; while there is one the service serves the last good
     * revision and starts no window.
     *
     * @param errors every finding or render problem, {@code FILE:LINE:COL: RULE: …}
     */
    public record HeadRefused(String head, String servedInstead, String detail, List<String> errors) {
    }

    /** HEAD, or nothing, with the default render budget: for the commands that run without the service's database. */
    public LiveInventory(Path inventoryDir, Path templatesDir, Clock clock) {
        this(inventoryDir, templatesDir, clock, Optional.empty());
    }

    /** The same, validated as of {@code asOf} where given (the {@code lab} command's {@code --as-of}). */
    public LiveInventory(Path inventoryDir, Path templatesDir, Clock clock, Optional<LocalDate> asOf) {
        this(inventoryDir, templatesDir, clock, ServedRevisions.NONE, RenderBudget.DEFAULT, Optional.empty(), asOf, Optional.empty());
    }

    @Inject
    public LiveInventory(InventorySources inventory, TemplateSources templates, RenderSettings render, Clock clock, ServedRevisions served) {
        this(inventory.folder(), templates.folder(), clock, served, render.budget(), inventory.revisionCacheBytes(), inventory.asOf(),
                inventory.snapshotDirectory());
    }

    /** The same as the service's, its settings given one by one (the tests). */
    LiveInventory(Path inventoryDir, Path templatesDir, Clock clock, ServedRevisions served, RenderBudget budget,
                  Optional<Long> revisionCacheBytes, Optional<LocalDate> asOf, Optional<Path> snapshotDirectory) {
        this.asOf = asOf;
        this.snapshots = snapshotDirectory.map(dir -> new InventorySnapshots(dir.toAbsolutePath().normalize()));
        this.inventoryDir = inventoryDir.toAbsolutePath().normalize();
        this.templatesDir = templatesDir.toAbsolutePath().normalize();
        this.clock = clock;
        this.served = served;
        this.budget = budget;
        // an eighth of the heap unless set: 1 GiB of a 8 GiB heap, 60 MiB of the 512 MiB a small container gives
        this.revisions = new RevisionCache(revisionCacheBytes.orElse(Runtime.getRuntime().maxMemory() / 8), PARALLEL_LOADS);
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
        this.uncommitted = found == null ? null : new UncommittedChanges(found, List.of(inventoryInRepo, templatesInRepo));
        this.current = startOn(headRevision());
        LOG.infof("inventory %s at %s: %d organizations, %d routers", this.inventoryDir, current.commit(),
                current.inventory().organizations().size(), current.inventory().routerCount());
    }

    /** HEAD if it can be served, else the last revision served before, saying why; neither: the start fails, saying both. */
    private InventoryRevision startOn(String head) {
        try {
            Optional<InventoryRevision> kept = fromSnapshot(head);
            startedFromSnapshot = kept.isPresent();
            InventoryRevision loaded = kept.orElseGet(() -> snapshotted(servable(load(head).revision())));
            if (repository != null) {
                served.record(loaded.commit(), AuditLog.SERVICE);
            }
            return loaded;
        } catch (ChangeRefused refused) {
            Optional<String> lastGood = repository == null ? Optional.empty() : served.lastServed().filter(commit -> !commit.equals(head));
            if (lastGood.isEmpty()) {
                throw new NothingToServe("HEAD " + head + " cannot be served and no earlier revision was: " + refused.getMessage());
            }
            InventoryRevision fallback;
            try {
                fallback = servable(load(lastGood.get()).revision());
            } catch (ChangeRefused alsoRefused) {
                throw new NothingToServe("HEAD " + head + " cannot be served (" + refused.getMessage() + "), nor the last revision served, "
                        + lastGood.get() + " (" + alsoRefused.getMessage() + ")");
            }
            headRefused = new HeadRefused(head, fallback.commit(), refused.getMessage(), errorsOf(refused));
            LOG.errorf("HEAD %s cannot be served: %s. Serving the last good revision %s instead; no window starts until a valid HEAD is "
                    + "loaded (commit a fix, then POST /api/inventory/reload)", head, refused.getMessage(), fallback.commit());
            return fallback;
        }
    }

    /**
     * HEAD as a snapshot of an earlier start left it ({@link InventorySnapshots}: same commit, day, folders, budget and
     * build), with its dialects read again from the commit's templates; nothing where there is none or it cannot be used.
     */
    private Optional<InventoryRevision> fromSnapshot(String commit) {
        if (snapshots.isEmpty() || repository == null) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        Optional<InventorySnapshots.Content> content = snapshots.get().read(snapshotKey(commit));
        if (content.isEmpty()) {
            return Optional.empty();
        }
        try (RevisionSnapshot templates = RevisionSnapshot.of(repository, commit, List.of(templatesInRepo), path -> true)) {
            Path root = templates.root().resolve(templatesInRepo);
            Map<String, RenderedConfig> configs = new HashMap<>();
            Map<String, Dialect> dialects = new HashMap<>();
            for (RenderedConfig config : content.get().configs()) {
                configs.put(config.hostname(), config);
                dialects.computeIfAbsent(config.profile(), p -> InventoryDiff.dialectOf(root, p));
            }
            LOG.infof("inventory at %s read from its snapshot in %d ms (not parsed or rendered again)", commit,
                    (System.nanoTime() - started) / 1_000_000);
            return Optional.of(new InventoryRevision(commit, content.get().inventory(), Map.copyOf(configs), Map.copyOf(dialects),
                    new ArrayList<>(), clock.instant()));
        } catch (IOException | RevisionSnapshot.RevisionException | RuntimeException e) {
            LOG.warnf("the snapshot of %s cannot be used (%s): loading it from git", commit, e);
            return Optional.empty();
        }
    }

    /** {@code revision}, after writing its snapshot where the service keeps them (a failure to write is logged, not thrown). */
    private InventoryRevision snapshotted(InventoryRevision revision) {
        if (snapshots.isPresent() && repository != null) {
            List<RenderedConfig> configs = revision.configs().values().stream().sorted(java.util.Comparator.comparing(RenderedConfig::hostname)).toList();
            snapshots.get().write(snapshotKey(revision.commit()), new InventorySnapshots.Content(revision.inventory(), configs));
        }
        return revision;
    }

    private InventorySnapshots.Key snapshotKey(String commit) {
        return new InventorySnapshots.Key(commit, validationDay(), inventoryInRepo, templatesInRepo, budget);
    }

    /** Neither HEAD nor a revision served before can be served: the service cannot start. */
    public static final class NothingToServe extends RuntimeException {
        NothingToServe(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code revision} if every router of it renders; else refused with every render problem, {@code TEMPLATE:LINE:COL: template-error: ROUTER: …}. */
    private static InventoryRevision servable(InventoryRevision revision) {
        if (revision.problems().isEmpty()) {
            return revision;
        }
        List<String> errors = revision.problems().stream().map(RenderProblem::format).toList();
        throw ChangeRefused.unprocessable("invalid-inventory", "Routers do not render", "the inventory at " + revision.commit() + " has "
                + errors.size() + (errors.size() == 1 ? " router that does not render: " : " routers that do not render; the first: ")
                + errors.get(0)).with("inventory_revision", revision.commit()).with("errors", errors);
    }

    @SuppressWarnings("unchecked")
    private static List<String> errorsOf(ChangeRefused refused) {
        Object errors = refused.extensions().get("errors");
        return errors instanceof List<?> list ? (List<String>) list : List.of(refused.getMessage());
    }

    /** HEAD as it could not be served at the start, while the service serves its last good revision instead. */
    public Optional<HeadRefused> headRefused() {
        return Optional.ofNullable(headRefused);
    }

    /**
     * Throws unless the service serves HEAD: a window pushes the revisions its notifications name,
     * but a service that could not load HEAD at its start (a bad commit on the branch after a crash)
     * starts none until an operator or engineer has loaded a valid one.
     */
    public void requireHeadServed(String what) {
        HeadRefused refused = headRefused;
        if (refused != null) {
            throw ChangeRefused.conflict("inventory-head-invalid", "HEAD cannot be served", what + " is refused: the service serves the last "
                    + "good revision " + refused.servedInstead() + " because HEAD " + refused.head() + " cannot be served (" + refused.detail()
                    + "); commit a fix and POST /api/inventory/reload").with("head", refused.head()).with("inventory_revision", refused.servedInstead());
        }
    }

    /** Whether the start read the served revision from its snapshot ({@link InventorySnapshots}). */
    boolean startedFromSnapshot() {
        return startedFromSnapshot;
    }

    public InventoryRevision current() {
        return current;
    }

    /**
     * Commits a new inventory file ({@code fileInInventory}, relative to the inventory folder) on a branch of its own,
     * parented on HEAD, leaving HEAD, the index and the working tree as they are ({@link DraftCommits}); empty when the
     * inventory is not in git (nothing to commit to).
     */
    public Optional<DraftCommits.DraftCommit> commitDraft(String branch, String fileInInventory, String content, String message, String by) {
        if (repository == null) {
            return Optional.empty();
        }
        String path = inventoryInRepo.isEmpty() ? fileInInventory : inventoryInRepo + "/" + fileInInventory;
        return Optional.of(DraftCommits.commit(repository, branch, path, content, message, by));
    }

    public boolean inGit() {
        return repository != null;
    }

    /**
     * Loads HEAD again and serves it; on an invalid inventory, or a router that does not render,
     * keeps serving the old one and refuses with the findings.
     */
    public synchronized InventoryRevision reload(String by) {
        InventoryRevision before = current;
        InventoryRevision loaded;
        try {
            loaded = snapshotted(servable(load(headRevision()).revision()));
        } catch (ChangeRefused refused) {
            LOG.warnf("inventory reload by %s refused: %s; still serving %s", by, refused.getMessage(), before.commit());
            throw refused;
        }
        if (repository != null) {
            served.record(loaded.commit(), by);
        }
        current = loaded;
        logReload(by, before, loaded);
        if (headRefused != null) {
            LOG.infof("HEAD %s is served again (reloaded by %s); windows may start", loaded.commit(), by);
        }
        headRefused = null;
        return loaded;
    }

    /** {@code inventory reloaded by engineer: 1a2b3c4d5e6f -> 9f8e7d6c5b4a (13 organizations, 14 routers)}, or that it stayed. */
    private static void logReload(String by, InventoryRevision before, InventoryRevision after) {
        if (before.commit().equals(after.commit())) {
            LOG.infof("inventory reloaded by %s: still at %s", by, after.commit());
        } else {
            LOG.infof("inventory reloaded by %s: %s -> %s (%d organizations, %d routers)", by, before.commit(), after.commit(),
                    after.inventory().organizations().size(), after.inventory().routerCount());
        }
    }

    /**
     * The inventory at {@code revision} (a commit, branch, tag or HEAD~n), for the service's own use
     * (a notification's revision, a job's); refused with 422 when unknown, too large or invalid.
     */
    public InventoryRevision at(String revision) {
        String commit = resolve(revision);
        InventoryRevision served = current;
        return commit.equals(served.commit()) ? served : other(commit);
    }

    /**
     * The inventory at {@code revision} for a caller of the API ({@code ?revision=}): the served
     * commit for anybody, another only for engineers and operators (403 for the others), who name
     * revisions in their notifications. Loading one costs seconds of CPU for a large fleet; the ci
     * role's pipelines diff revisions with the {@code diff} command, on their own machines.
     */
    public InventoryRevision at(String revision, Actor caller) {
        String commit = resolve(revision);
        InventoryRevision served = current;
        if (commit.equals(served.commit())) {
            return served;
        }
        if (!caller.is(Actor.ENGINEER) && !caller.is(Actor.OPERATOR)) {
            String named = revision.equals(commit) ? commit : revision + " (" + commit + ")";
            throw ChangeRefused.forbidden("revision-not-allowed", "Only engineers and operators load other revisions", "revision " + named
                    + " is not the served " + served.commit() + "; only engineers and operators may load another revision (CI pipelines run"
                    + " the diff command)").with("field", "revision");
        }
        return other(commit);
    }

    private InventoryRevision other(String commit) {
        // by day too: whether an OS is past its end of support depends on it
        return revisions.get(commit + "@" + validationDay(), () -> {
            try {
                Loaded loaded = load(commit);
                return new RevisionCache.Entry(loaded.revision(), null, retainedBytes(loaded));
            } catch (ChangeRefused refused) {
                return new RevisionCache.Entry(null, refused, RevisionCache.Entry.REFUSAL_BYTES);
            }
        });
    }

    /**
     * What a loaded revision holds of the heap, estimated from the size of its files:
     * {@value #RETAINED_PER_SOURCE_BYTE} bytes per byte. Measured (heap after GC, revisions held):
     * the sample, 254 KB for 126 KB of files (2.0: its templates are mostly comments); a generated
     * fleet of 3,675 routers, 50 MB for 5.6 MB (8.9), which took 19 s of a loaded 2-core machine to load.
     */
    static long retainedBytes(Loaded loaded) {
        return RETAINED_PER_SOURCE_BYTE * loaded.sourceBytes();
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
            return uncommitted.any();
        } catch (IOException | RevisionSnapshot.RevisionException | RuntimeException e) {
            return true;
        }
    }

    private String headRevision() {
        return repository == null ? WORKING_TREE : resolve("HEAD");
    }

    /** A revision and the bytes of its files. */
    record Loaded(InventoryRevision revision, long sourceBytes) {
    }

    private Loaded load(String commit) {
        if (repository == null) {
            return new Loaded(loadFrom(WORKING_TREE, inventoryDir, templatesDir), 0);
        }
        try (RevisionSnapshot snapshot = RevisionSnapshot.of(repository, commit, List.of(inventoryInRepo, templatesInRepo), path -> true)) {
            return new Loaded(loadFrom(commit, snapshot.root().resolve(inventoryInRepo), snapshot.root().resolve(templatesInRepo)), snapshot.bytes());
        } catch (RevisionSnapshot.RevisionTooLarge e) {
            throw ChangeRefused.unprocessable("revision-too-large", "Revision too large", e.getMessage()).with("inventory_revision", commit);
        } catch (RevisionSnapshot.RevisionException e) {
            throw ChangeRefused.unprocessable("unknown-revision", "Unknown inventory revision", e.getMessage()).with("inventory_revision", commit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InventoryRevision loadFrom(String commit, Path inventory, Path templates) {
        LoadResult result;
        try {
            result = new InventoryLoader().load(inventory, validationDay());
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
            ConfigRenderer renderer = new ConfigRenderer(templates, budget);
            List<ConnectionRouter> routers = result.inventory().organizations().stream().flatMap(o -> o.routers().stream()).toList();
            FleetRenderer.Result rendered = new FleetRenderer(renderer).render(result.inventory(), routers, done -> { });
            List<RenderProblem> problems = rendered.problems().stream().map(p -> new RenderProblem(shown(p.template(), inventory), p.line(),
                    p.column(), p.router(), p.message())).toList();
            if (rendered.overBudget().isPresent()) {
                // a template past its budget is refused whatever asked for the revision: asking again would cost the same
                RenderProblem first = problems.stream().filter(p -> p.router().equals(rendered.overBudget().get().router())).findFirst().orElseThrow();
                throw ChangeRefused.unprocessable("render-over-budget", "A template runs past its budget", "the inventory at " + commit
                        + " is refused: " + first.format()).with("inventory_revision", commit).with("errors", List.of(first.format()));
            }
            Map<String, RenderedConfig> configs = new HashMap<>();
            rendered.configs().forEach(c -> configs.put(c.hostname(), c));
            Map<String, Dialect> dialects = new HashMap<>();
            rendered.configs().forEach(c -> dialects.computeIfAbsent(c.profile(), p -> InventoryDiff.dialectOf(templates, p)));
            return new InventoryRevision(commit, result.inventory(), Map.copyOf(configs), Map.copyOf(dialects),
                    new ArrayList<>(problems), clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The day a revision is validated as of (end of support among its rules): today in Japan, or {@code lgwan.inventory.as-of}
     * where set — the tests pin it so that the sample does not turn red on 2029-04-01. A change is held to end of support
     * as of its own effective date and window's day besides (ChangeNotificationService).
     */
    LocalDate validationDay() {
        return asOf.orElseGet(() -> LocalDate.now(clock.withZone(JAPAN)));
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
