package jp.lgwan.routerconfig.render;

/** Rendering failed; carries the problem with template, line and router. */
public final class RenderException extends Exception {

    private final transient RenderProblem problem;
    private final boolean overBudget;

    public RenderException(RenderProblem problem) {
        this(problem, false);
    }

    private RenderException(RenderProblem problem, boolean overBudget) {
        super(problem.format(), null, false, false);
        this.problem = problem;
        this.overBudget = overBudget;
    }

    /** The template ran past its {@link RenderBudget}: the same template will do so for other routers too. */
    public static RenderException overBudget(RenderProblem problem) {
        return new RenderException(problem, true);
    }

    public boolean isOverBudget() {
        return overBudget;
    }

    public RenderProblem problem() {
        return problem;
    }
}
