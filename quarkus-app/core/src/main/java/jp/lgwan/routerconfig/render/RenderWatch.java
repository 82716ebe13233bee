package jp.lgwan.routerconfig.render;

import freemarker.core.Environment;
import freemarker.core.TemplateElement;
import freemarker.core._CoreAPI;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The time half of a {@link RenderBudget}: a watchdog that interrupts the thread rendering a
 * router once its time is up. Freemarker stops at the next loop step or macro call of a template
 * given {@code _CoreAPI.addThreadInterruptedChecks} (what the FreeMarker online tester does to
 * stop templates people type in: apache/freemarker-online-tester,
 * src/main/java/org/apache/freemarker/onlinetester/services/FreeMarkerService.java). The interrupt
 * is sent only while that render runs and cleared when it ends, so a pooled thread (rendering runs
 * on the common fork-join pool) never carries it into its next task.
 */
final class RenderWatch implements AutoCloseable {

    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private final Thread renderer = Thread.currentThread();
    private final ScheduledFuture<?> alarm;
    private Environment environment;
    private boolean finished;
    private boolean expired;
    private Where stoppedAt;

    private RenderWatch(Duration time) {
        this.alarm = WATCHDOG.schedule(this::expire, time.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts the clock for a render on the calling thread. */
    static RenderWatch start(Duration time) {
        return new RenderWatch(time);
    }

    /** The template environment, so that an expiry can tell where the template was. */
    synchronized void watch(Environment environment) {
        this.environment = environment;
    }

    private synchronized void expire() {
        if (finished) {
            return;
        }
        expired = true;
        stoppedAt = whereIs(environment);
        renderer.interrupt();
    }

    synchronized boolean expired() {
        return expired;
    }

    /** The template line the render was at when its time ran out, if it could be told. */
    synchronized Where stoppedAt() {
        return stoppedAt;
    }

    /** Ends the watch: no interrupt comes after this, and one that came is cleared from the thread. */
    @Override
    public void close() {
        alarm.cancel(false);
        synchronized (this) {
            finished = true;
            if (expired) {
                Thread.interrupted();
            }
        }
    }

    /** A template (its name under the templates folder) and a line of it. */
    record Where(String template, int line) {
    }

    /**
     * The instruction {@code environment} runs, innermost first. From the watchdog thread this reads
     * an instruction stack not meant to be read from outside: a best effort for the message, which
     * may find nothing.
     */
    // TemplateElement and TemplateObject are deprecated only to mark them FreeMarker's internal API (no
    // compatibility promised); _CoreAPI's instruction stack has no public equivalent, and a failure here is caught
    @SuppressWarnings("deprecation")
    static Where whereIs(Environment environment) {
        if (environment == null) {
            return null;
        }
        try {
            TemplateElement[] stack = _CoreAPI.getInstructionStackSnapshot(environment);
            TemplateElement top = stack == null || stack.length == 0 ? null : stack[0];
            return top == null || top.getTemplate() == null ? null : new Where(top.getTemplate().getSourceName(), top.getBeginLine());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "render-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        // a cancelled alarm (every render that finishes in time) leaves the queue at once
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
