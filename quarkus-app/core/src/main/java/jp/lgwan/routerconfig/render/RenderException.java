package jp.lgwan.routerconfig.render;

/** Rendering failed; carries the problem with template, line and router. */
public final class RenderException extends Exception {

    private final transient RenderProblem problem;

    public RenderException(RenderProblem problem) {
        super(problem.format(), null, false, false);
        this.problem = problem;
    }

    public RenderProblem problem() {
        return problem;
    }
}
