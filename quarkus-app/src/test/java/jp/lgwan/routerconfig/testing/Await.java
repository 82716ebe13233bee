package jp.lgwan.routerconfig.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for something the service does on its own threads (a window opening, a job ending, a
 * notice delivered): polls the condition until it holds, or fails naming what never happened. The
 * limit is generous on purpose, the test's one guard against a hang, never a measurement: a test
 * passes as soon as the condition holds (time targets live in the bench). The wait is measured on
 * the system clock, whatever the service's clock ({@link MovableClock}) says.
 */
public final class Await {

    /** What the service tests wait at most. */
    public static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Duration EVERY = Duration.ofMillis(100);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(what, LIMIT, condition);
    }

    public static void until(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            Thread.sleep(EVERY.toMillis());
        }
    }
}
