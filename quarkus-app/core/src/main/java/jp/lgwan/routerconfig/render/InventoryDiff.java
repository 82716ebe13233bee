package jp.lgwan.routerconfig.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;

/**
 * Renders every router on both sides of a change (two inventories with their templates) and
 * diffs each router's config: what CI shows a reviewer before anything is pushed.
 */
public final class InventoryDiff {

    /** One side: a valid inventory and the templates to render it with. */
    public record Side(Inventory inventory, Path templates) {
        /** A side with no routers: what a base revision without a (valid) inventory compares as. */
        public static Side empty(Path templates) {
            return new Side(new Inventory(List.of(), null, null, null), templates);
        }
    }

    /** A router whose config changes, with the masked unified diff and the risk of the change. */
    public record RouterChange(String hostname, String profile, ChangeRisk risk, ConfigDiff diff, String maskedDiff) {
    }

    /** Every router that changes (in hostname order), how many were compared, and the render problems met on each side. */
    public record Result(List<RouterChange> changes, int compared, List<RenderProblem> problems, List<RenderProblem> baseProblems) {
        public ChangeRisk highestRisk() {
            return changes.stream().map(RouterChange::risk).reduce(ChangeRisk.NONE, ChangeRisk::max);
        }
    }

    private InventoryDiff() {
    }

    public static Result between(Side base, Side head, IntConsumer progress) throws java.io.IOException {
        return between(base, head, hostname -> true, progress);
    }

    /**
     * Compares only the routers {@code compare} accepts; the caller vouches that every other router
     * renders the same on both sides (its organization file, the reference data and its template
     * folder did not change), so it counts as compared without being rendered.
     *
     * <p>Each router is rendered on both sides and diffed at once, on every core, and only its change
     * is kept: a fleet-wide diff (a template change) of 10,000 routers held every rendered config and
     * the model it came from on both sides until the end, 3.5 GB of heap; now it holds the changes.
     */
    public static Result between(Side base, Side head, java.util.function.Predicate<String> compare, IntConsumer progress)
            throws java.io.IOException {
        Map<String, ConnectionRouter> before = routers(base, compare);
        Map<String, ConnectionRouter> after = routers(head, compare);
        TreeSet<String> all = new TreeSet<>();
        for (Side side : List.of(base, head)) {
            side.inventory().organizations().forEach(o -> o.routers().forEach(r -> all.add(r.hostname())));
        }
        TreeSet<String> hostnames = new TreeSet<>(before.keySet());
        hostnames.addAll(after.keySet());
        FleetRenderer.Run baseRun = new FleetRenderer(new ConfigRenderer(base.templates())).run();
        FleetRenderer.Run headRun = new FleetRenderer(new ConfigRenderer(head.templates())).run();
        Map<String, Dialect> dialects = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        List<Compared> compared = new ArrayList<>(hostnames).parallelStream().map(hostname -> {
            ConnectionRouter oldRouter = before.get(hostname);
            ConnectionRouter newRouter = after.get(hostname);
            Object old = oldRouter == null ? null : baseRun.render(base.inventory(), oldRouter);
            Object now = null;
            if (newRouter != null) {
                now = headRun.render(head.inventory(), newRouter);
                progress.accept(done.incrementAndGet());
            }
            RenderedConfig oldConfig = old instanceof RenderedConfig config ? config : null;
            RenderedConfig newConfig = now instanceof RenderedConfig config ? config : null;
            RouterChange change = null;
            if (oldConfig != null || newConfig != null) {
                String profile = newConfig != null ? newConfig.profile() : oldConfig.profile();
                change = routerChange(hostname, oldConfig, newConfig, dialects.computeIfAbsent(profile, p -> dialectOf(head.templates(), p)));
            }
            return new Compared(change == null || change.risk() == ChangeRisk.NONE ? null : change,
                    old instanceof RenderProblem problem ? problem : null, now instanceof RenderProblem problem ? problem : null);
        }).toList();
        List<RouterChange> changes = new ArrayList<>();
        List<RenderProblem> problems = new ArrayList<>();
        List<RenderProblem> baseProblems = new ArrayList<>();
        for (Compared one : compared) {
            if (one.change() != null) {
                changes.add(one.change());
            }
            if (one.baseProblem() != null) {
                baseProblems.add(one.baseProblem());
            }
            if (one.problem() != null) {
                problems.add(one.problem());
            }
        }
        return new Result(changes, all.size(), problems, baseProblems);
    }

    /** One router compared: its change (null when none), and the problem that stopped its render on either side. */
    private record Compared(RouterChange change, RenderProblem baseProblem, RenderProblem problem) {
    }

    /** The side's routers that are compared, by hostname. */
    private static Map<String, ConnectionRouter> routers(Side side, java.util.function.Predicate<String> compare) {
        Map<String, ConnectionRouter> routers = new HashMap<>();
        side.inventory().organizations().forEach(o -> o.routers().stream().filter(r -> compare.test(r.hostname()))
                .forEach(r -> routers.put(r.hostname(), r)));
        return routers;
    }

    /** One router's change from {@code old} (null: new router) to {@code now} (null: removed), NONE included. */
    public static RouterChange routerChange(String hostname, RenderedConfig old, RenderedConfig now, Dialect dialect) {
        String profile = now != null ? now.profile() : old.profile();
        ConfigDiff diff = ConfigDiff.between(hostname, dialect, old == null ? "" : old.text(), now == null ? "" : now.text());
        ChangeRisk risk = ChangeRisk.of(old == null ? null : old.model(), now == null ? null : now.model(), diff.changed());
        return new RouterChange(hostname, profile, risk, diff, SecretPlaceholder.mask(diff.unifiedDiff()));
    }

    public static Dialect dialectOf(Path templates, String profile) {
        return java.nio.file.Files.isRegularFile(templates.resolve(profile).resolve("dialect.yaml"))
                ? Dialect.load(templates, profile) : Dialect.PLAIN;
    }
}
