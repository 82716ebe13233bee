package jp.lgwan.routerconfig.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
     * renders the same on both sides (its organization file, the reference data and the templates
     * did not change), so it counts as compared without being rendered.
     */
    public static Result between(Side base, Side head, java.util.function.Predicate<String> compare, IntConsumer progress)
            throws java.io.IOException {
        List<RenderProblem> baseProblems = new ArrayList<>();
        Map<String, RenderedConfig> before = renderAll(base, compare, baseProblems, i -> { });
        List<RenderProblem> problems = new ArrayList<>();
        Map<String, RenderedConfig> after = renderAll(head, compare, problems, progress);
        TreeSet<String> all = new TreeSet<>();
        for (Side side : List.of(base, head)) {
            side.inventory().organizations().forEach(o -> o.routers().forEach(r -> all.add(r.hostname())));
        }
        TreeSet<String> hostnames = new TreeSet<>(before.keySet());
        hostnames.addAll(after.keySet());
        Map<String, Dialect> dialects = new HashMap<>();
        List<RouterChange> changes = new ArrayList<>();
        for (String hostname : hostnames) {
            RenderedConfig old = before.get(hostname);
            RenderedConfig now = after.get(hostname);
            String profile = now != null ? now.profile() : old.profile();
            Dialect dialect = dialects.computeIfAbsent(profile, p -> dialectOf(head.templates(), p));
            RouterChange change = routerChange(hostname, old, now, dialect);
            if (change.risk() != ChangeRisk.NONE) {
                changes.add(change);
            }
        }
        return new Result(changes, all.size(), problems, baseProblems);
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

    private static Map<String, RenderedConfig> renderAll(Side side, java.util.function.Predicate<String> compare, List<RenderProblem> problems,
                                                         IntConsumer progress) throws java.io.IOException {
        Collection<ConnectionRouter> routers = side.inventory().organizations().stream().flatMap(o -> o.routers().stream())
                .filter(r -> compare.test(r.hostname())).toList();
        FleetRenderer.Result result = new FleetRenderer(new ConfigRenderer(side.templates())).render(side.inventory(), routers, progress);
        problems.addAll(result.problems());
        Map<String, RenderedConfig> byHostname = new HashMap<>();
        result.configs().forEach(c -> byHostname.put(c.hostname(), c));
        return byHostname;
    }
}
