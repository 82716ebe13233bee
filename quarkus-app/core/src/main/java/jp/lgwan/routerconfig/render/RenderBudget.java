package jp.lgwan.routerconfig.render;

import java.time.Duration;

/**
 * What rendering one router may spend: wall time, and characters of output. Templates come from
 * git, written by whoever may commit; without a budget a loop of 300 million steps kept a reload
 * busy for 16 s and was accepted, and nothing bounded what a template may write.
 *
 * @param time        from the start of the template's processing (its parsing not included)
 * @param outputChars characters the config may hold
 */
public record RenderBudget(Duration time, int outputChars) {

    /**
     * 2 s and 1 MiB. A router renders in 0.2–0.4 ms of CPU (3,500 routers in 0.6–1.2 s on 2 cores,
     * README), so 2 s leaves a margin of thousands for a loaded machine and a garbage collection; the
     * largest config of the sample is 1.4 KB, so 1 MiB holds a router with hundreds of times its lines.
     */
    public static final RenderBudget DEFAULT = new RenderBudget(Duration.ofSeconds(2), 1 << 20);

    public RenderBudget {
        if (time.isNegative() || time.isZero() || outputChars < 1) {
            throw new IllegalArgumentException("a render budget is a positive time and output size, not " + time + " and " + outputChars);
        }
    }
}
