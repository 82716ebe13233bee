package jp.lgwan.routerconfig.render;

import freemarker.cache.TemplateLoader;
import freemarker.core.Environment;
import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.core._CoreAPI;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.lgwan.routerconfig.inventory.ConnectionRouter;
import jp.lgwan.routerconfig.inventory.Inventory;

/**
 * Renders a router's intended config from {@code templates/<vendor-profile>/router.ftl} and the
 * vendor-neutral {@link RouterModel}. Freemarker is locked down: a missing value is an error, not
 * an empty string; templates can reach no Java class ({@code ?new} resolves nothing, {@code ?api}
 * is off, the model holds only plain data); and the output may hold nothing but printable ASCII
 * lines, so no value can smuggle a control character to a device. Each router's render has a
 * {@link RenderBudget} of time and output; a template over it is stopped and named. Thread-safe.
 */
public final class ConfigRenderer {

    public static final String TEMPLATE = "router.ftl";

    private final Path templatesDir;
    private final Configuration freemarker;
    private final RenderBudget budget;

    public ConfigRenderer(Path templatesDir) throws IOException {
        this(templatesDir, RenderBudget.DEFAULT);
    }

    public ConfigRenderer(Path templatesDir, RenderBudget budget) throws IOException {
        this.templatesDir = templatesDir;
        this.budget = budget;
        Configuration cfg = new InterruptibleConfiguration();
        cfg.setTemplateLoader(new PathTemplateLoader(templatesDir));
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        cfg.setLocalizedLookup(false);
        cfg.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34));
        // "computer" formats: 100000 stays 100000, not the locale's 100,000
        cfg.setNumberFormat("computer");
        cfg.setBooleanFormat("c");
        cfg.setLocale(Locale.ROOT);
        this.freemarker = cfg;
    }

    public RenderedConfig render(Inventory inventory, ConnectionRouter router) throws RenderException {
        String templateName = router.vendorProfile() + "/" + TEMPLATE;
        String shownName = templatesDir.resolve(templateName).normalize().toString();
        Template template;
        try {
            template = freemarker.getTemplate(templateName);
        } catch (TemplateNotFoundException e) {
            throw new RenderException(new RenderProblem(shownName, 0, 0, router.hostname(),
                    "no template for vendor profile " + router.vendorProfile()));
        } catch (ParseException e) {
            throw new RenderException(new RenderProblem(shownName, e.getLineNumber(), e.getColumnNumber(), router.hostname(),
                    "syntax error: " + firstLine(e.getEditorMessage())));
        } catch (IOException e) {
            throw new RenderException(new RenderProblem(shownName, 0, 0, router.hostname(), "cannot read: " + e.getMessage()));
        }
        BudgetedWriter out = new BudgetedWriter(budget.outputChars());
        RouterModel model = RouterModel.of(inventory, router);
        try (RenderWatch watch = RenderWatch.start(budget.time())) {
            try {
                Environment environment = template.createProcessingEnvironment(model.templateModel(), out);
                watch.watch(environment);
                environment.process();
            } catch (TemplateException | IOException | RuntimeException e) {
                throw failure(router, shownName, e, watch);
            }
        }
        String text = out.toString();
        if (!text.endsWith("\n")) {
            text += "\n";
        }
        checkPrintable(text, shownName, router.hostname());
        return new RenderedConfig(router.hostname(), router.vendorProfile(), text, model);
    }

    /** Why the processing of a router's template failed: over its output or time budget (however Freemarker wrapped that), or the template's own error. */
    private RenderException failure(ConnectionRouter router, String shownName, Exception e, RenderWatch watch) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BudgetedWriter.OverBudget output) {
                return overBudget(router, shownName, output.at(), "wrote more than " + budget.outputChars() + " characters (the output budget per router)");
            }
        }
        if (watch.expired()) {
            return overBudget(router, shownName, watch.stoppedAt(), "ran longer than " + budget.time().toMillis() + " ms (the time budget per router)");
        }
        if (e instanceof TemplateException template) {
            return problem(router, shownName, template);
        }
        if (e instanceof IOException io) {
            throw new java.io.UncheckedIOException(io);
        }
        throw (RuntimeException) e;
    }

    private RenderException problem(ConnectionRouter router, String shownName, TemplateException e) {
        String where = e.getTemplateSourceName() == null ? shownName : templatesDir.resolve(e.getTemplateSourceName()).normalize().toString();
        // Freemarker's first line of a missing value is "The following has evaluated to null or missing:"; say which
        String message = e instanceof InvalidReferenceException && e.getBlamedExpressionString() != null
                ? e.getBlamedExpressionString() + " is null or missing" : firstLine(e.getMessageWithoutStackTop());
        return new RenderException(new RenderProblem(where, e.getLineNumber() == null ? 0 : e.getLineNumber(),
                e.getColumnNumber() == null ? 0 : e.getColumnNumber(), router.hostname(), message));
    }

    private RenderException overBudget(ConnectionRouter router, String shownName, RenderWatch.Where at, String what) {
        String where = at == null ? shownName : templatesDir.resolve(at.template()).normalize().toString();
        return RenderException.overBudget(new RenderProblem(where, at == null ? 0 : at.line(), 0, router.hostname(),
                "stopped: the template " + what));
    }

    /**
     * Every template it gives out (the router's and any it includes) stops at its next loop step or
     * macro call once its thread is interrupted, so {@link RenderWatch} can stop it.
     */
    private static final class InterruptibleConfiguration extends Configuration {
        private final Set<Template> interruptible = Collections.newSetFromMap(new IdentityHashMap<>());

        InterruptibleConfiguration() {
            super(Configuration.VERSION_2_3_34);
        }

        @Override
        public Template getTemplate(String name, Locale locale, Object customLookupCondition, String encoding, boolean parseAsFTL,
                                    boolean ignoreMissing) throws IOException {
            Template template = super.getTemplate(name, locale, customLookupCondition, encoding, parseAsFTL, ignoreMissing);
            if (template != null) {
                // once per parsed template: a second pass would add its checks again; a thread asking meanwhile waits here
                synchronized (interruptible) {
                    if (interruptible.add(template)) {
                        _CoreAPI.addThreadInterruptedChecks(template);
                    }
                }
            }
            return template;
        }
    }

    /**
     * Templates read through {@link Path}, so they may come from any file system (a revision's
     * snapshot lives in an in-memory zip file system), never from outside the templates folder.
     */
    private static final class PathTemplateLoader implements TemplateLoader {
        private final Path base;
        private final Path realBase;

        PathTemplateLoader(Path base) throws IOException {
            if (!Files.isDirectory(base)) {
                throw new java.io.FileNotFoundException(base + (Files.exists(base) ? " is not a directory" : " does not exist"));
            }
            this.base = base.toAbsolutePath().normalize();
            this.realBase = base.toRealPath();
        }

        @Override
        public Object findTemplateSource(String name) throws IOException {
            Path file = base.resolve(name).normalize();
            if (!file.startsWith(base) || !Files.isRegularFile(file) || !file.toRealPath().startsWith(realBase)) {
                return null; // not found, as FileTemplateLoader says of a file outside its folder (a link included)
            }
            return file;
        }

        @Override
        public long getLastModified(Object source) {
            try {
                return Files.getLastModifiedTime((Path) source).toMillis();
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public java.io.Reader getReader(Object source, String encoding) throws IOException {
            return Files.newBufferedReader((Path) source, java.nio.charset.Charset.forName(encoding));
        }

        @Override
        public void closeTemplateSource(Object source) {
            // nothing held open between calls
        }
    }

    /** Whether a template for this profile exists, to tell a missing template from a broken one early. */
    public boolean hasTemplate(String profile) {
        return Files.isRegularFile(templatesDir.resolve(profile).resolve(TEMPLATE));
    }

    private static void checkPrintable(String text, String template, String router) throws RenderException {
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c < 0x20 || c > 0x7e) {
                throw new RenderException(new RenderProblem(template, 0, 0, router, String.format(
                        "output line %d holds the character U+%04X; a config is printable ASCII lines", line, (int) c)));
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "template error";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
    }
}
