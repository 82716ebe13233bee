package jp.lgwan.routerconfig.cli;

import java.io.PrintWriter;
import java.util.function.IntConsumer;

/**
 * "rendering 1200/10500" on a terminal for long runs, redrawn at most every quarter second;
 * nothing when the output is not a terminal (CI logs stay clean) or the run is short.
 */
final class Progress implements IntConsumer {

    private static final int WORTH_SHOWING = 500;

    private final PrintWriter err;
    private final String verb;
    private final int total;
    private final boolean shown;
    private long lastDrawn;

    Progress(PrintWriter err, String verb, int total) {
        this.err = err;
        this.verb = verb;
        this.total = total;
        this.shown = System.console() != null && total >= WORTH_SHOWING;
    }

    @Override
    public synchronized void accept(int done) {
        if (!shown) {
            return;
        }
        long now = System.nanoTime();
        if (done == total || now - lastDrawn > 250_000_000L) {
            lastDrawn = now;
            err.print("\r" + verb + " " + done + "/" + total + (done == total ? "\n" : ""));
            err.flush();
        }
    }
}
