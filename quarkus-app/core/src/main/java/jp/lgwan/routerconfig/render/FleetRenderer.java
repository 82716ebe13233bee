package jp.lgwan.routerconfig.render;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;

/**
 * Renders many routers at once, in parallel, keeping every result and every problem (a failed
 * router does not stop the others) — except a template that runs past its {@link RenderBudget}:
 * the routers of the same template would each spend the budget again, so once one has, the routers
 * not yet started are not rendered, each with a problem that says why.
 */
public final class FleetRenderer {

    /**
     * The configs rendered and the problems met, both in hostname order.
     *
     * @param overBudget the first router whose render ran past its budget, if any
     */
    public record Result(List<RenderedConfig> configs, List<RenderProblem> problems, Optional<RenderProblem> overBudget) {
    }

    private final ConfigRenderer renderer;

    public FleetRenderer(ConfigRenderer renderer) {
        this.renderer = renderer;
    }

    public Result render(Inventory inventory, Collection<ConnectionRouter> routers, IntConsumer progress) {
        AtomicInteger done = new AtomicInteger();
        Run run = run();
        List<Object> outcomes = routers.parallelStream().map(router -> {
            Object outcome = run.render(inventory, router);
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
        return new Result(configs, problems, run.overBudget());
    }

    /** One pass over routers, rendered one at a time by any thread, that stops once a template ran past its budget. */
    public Run run() {
        return new Run();
    }

    /** See {@link #run()}. */
    public final class Run {
        private final AtomicReference<RenderProblem> overBudget = new AtomicReference<>();

        private Run() {
        }

        /** The router's {@link RenderedConfig}, or the {@link RenderProblem} that stopped it (a template past its budget stops the rest). */
        public Object render(Inventory inventory, ConnectionRouter router) {
            RenderProblem first = overBudget.get();
            if (first != null) {
                return new RenderProblem(first.template(), 0, 0, router.hostname(), "not rendered: rendering stopped after " + first.router()
                        + " ran past its budget");
            }
            try {
                return renderer.render(inventory, router);
            } catch (RenderException e) {
                if (e.isOverBudget()) {
                    overBudget.compareAndSet(null, e.problem());
                }
                return e.problem();
            }
        }

        public Optional<RenderProblem> overBudget() {
            return Optional.ofNullable(overBudget.get());
        }
    }
}
