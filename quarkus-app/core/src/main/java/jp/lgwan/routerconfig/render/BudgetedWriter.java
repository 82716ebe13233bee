package jp.lgwan.routerconfig.render;

import freemarker.core.Environment;
import java.io.IOException;
import java.io.Writer;

/** The output half of a {@link RenderBudget}: collects a config and stops the template the moment it writes more than its budget. */
final class BudgetedWriter extends Writer {

    /** Thrown into the template when its output is over budget; names where the template was. */
    static final class OverBudget extends IOException {
        private final RenderWatch.Where at;

        OverBudget(RenderWatch.Where at) {
            super("output over budget", null);
            this.at = at;
        }

        RenderWatch.Where at() {
            return at;
        }
    }

    private final StringBuilder text = new StringBuilder(4096);
    private final int limit;

    BudgetedWriter(int limit) {
        this.limit = limit;
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        if (text.length() + (long) length > limit) {
            throw new OverBudget(RenderWatch.whereIs(Environment.getCurrentEnvironment()));
        }
        text.append(buffer, offset, length);
    }

    @Override
    public void write(String string, int offset, int length) throws IOException {
        if (text.length() + (long) length > limit) {
            throw new OverBudget(RenderWatch.whereIs(Environment.getCurrentEnvironment()));
        }
        text.append(string, offset, offset + length);
    }

    @Override
    public void flush() {
        // nothing buffered outside the text
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
