package jp.lgwan.routerconfig.render;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;

/** Renders many routers at once, in parallel, keeping every result and every problem (a failed router does not stop the others). */
public final class FleetRenderer {

    /** The configs rendered and the problems met, both in hostname order. */
    public record Result(List<RenderedConfig> configs, List<RenderProblem> problems) {
    }

    private final ConfigRenderer renderer;

    public FleetRenderer(ConfigRenderer renderer) {
        this.renderer = renderer;
    }

    public Result render(Inventory inventory, Collection<ConnectionRouter> routers, IntConsumer progress) {
        AtomicInteger done = new AtomicInteger();
        List<Object> outcomes = routers.parallelStream().map(router -> {
            Object outcome;
            try {
                outcome = renderer.render(inventory, router);
            } catch (RenderException e) {
                outcome = e.problem();
            }
            progress.accept(done.incrementAndGet());
            return outcome;
        }).toList();
        List<RenderedConfig> configs = new ArrayList<>();
        List<RenderProblem> problems = new ArrayList<>();
        for (Object outcome : outcomes) {
            if (outcome instanceof RenderedConfig config) {
                configs.add(config);
            } else {
                problems.add((RenderProblem) outcome);
            }
        }
        configs.sort(Comparator.comparing(RenderedConfig::hostname));
        problems.sort(Comparator.comparing(RenderProblem::router));
        return new Result(configs, problems);
    }
}
