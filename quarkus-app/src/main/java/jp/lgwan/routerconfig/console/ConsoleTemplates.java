package jp.lgwan.routerconfig.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The console's pages (templates/ConsoleTemplates/*.html), checked when the service is built: an
 * expression naming a field or a message that does not exist fails the build, not the page.
 */
@CheckedTemplate(basePath = "ConsoleTemplates")
final class ConsoleTemplates {

    private ConsoleTemplates() {
    }

    static native TemplateInstance login(ConsolePage page, boolean error);

    static native TemplateInstance board(ConsolePage page, ConsoleViews.Board board);

    static native TemplateInstance notification(ConsolePage page, ConsoleViews.NotificationPage n);

    static native TemplateInstance window(ConsolePage page, ConsoleViews.WindowPage w);

    /** The job part of the window page alone, for its live updates. */
    static native TemplateInstance window$job(ConsolePage page, ConsoleViews.WindowPage w);

    static native TemplateInstance confirm(ConsolePage page, ConsoleViews.WindowPage w, String action);

    static native TemplateInstance router(ConsolePage page, ConsoleViews.RouterPage r);

    static native TemplateInstance audit(ConsolePage page, ConsoleViews.AuditPage a);

    static native TemplateInstance drift(ConsolePage page, ConsoleViews.DriftPage d);

    static native TemplateInstance file(ConsolePage page, List<String> organizations, List<String> itemKinds, String today);

    static native TemplateInstance refused(ConsolePage page, int status, String title, String detail, String back);
}
