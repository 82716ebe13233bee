package jp.lgwan.routerconfig.render;

/**
 * Why a router's config could not be rendered, pinned to the template file and line (line 0 when
 * the problem is not in a template line) and naming the router.
 */
public record RenderProblem(String template, int line, int column, String router, String message) {

    /** {@code templates/frr/router.ftl:12:5: template-error: lgrt.x.lgwan.jp: message}. */
    public String format() {
        return template + ":" + line + ":" + column + ": template-error: " + router + ": " + message;
    }
}
