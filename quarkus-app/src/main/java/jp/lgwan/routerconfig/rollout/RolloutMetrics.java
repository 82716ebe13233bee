package jp.lgwan.routerconfig.rollout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * What this instance's windows did, for Prometheus ({@code /q/metrics}): routers by how they ended,
 * routers pushed (their commit went through), and how long pushes, verifications and each step
 * took. Per instance: sum them over the instances that share a database. Step names and router
 * states are labels as they come, so new ones show without a change here. Made at start, so
 * that its counters are in {@code /q/metrics} (at 0) before the first window.
 */
@Startup
@ApplicationScoped
public class RolloutMetrics {

    private final MeterRegistry registry;
    private final Counter pushed;

    public RolloutMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.pushed = Counter.builder("lgwan.rollout.routers.pushed")
                .description("Routers whose change was committed (under its revert timer), before verification").register(registry);
    }

    /** A step was recorded {@code took} after the router's previous one (or its start). */
    void step(String name, String outcome, Duration took) {
        Timer.builder("lgwan.rollout.step").description("Time a router's step took, by step").tag("step", name)
                .register(registry).record(took);
        if (name.equals("commit") && outcome.equals("ok")) {
            pushed.increment();
        }
        if (name.equals("post-check") || name.equals("return-check")) {
            Timer.builder("lgwan.rollout.verification").description("Time the checks over SNMP after a push (or a power cut) took")
                    .tag("passed", String.valueOf(outcome.equals("passed") || outcome.equals("ok")))
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(100)).maximumExpectedValue(Duration.ofMinutes(2))
                    .register(registry).record(took);
        }
    }

    /** A router of a window ended in {@code state}, {@code took} after this instance took it up. */
    void finished(RolloutJobRouter.State state, Duration took) {
        Counter.builder("lgwan.rollout.routers").description("Routers of windows by how they ended (CONFIRMED, ROLLED_BACK, FAILED ...)")
                .tag("state", state.name()).register(registry).increment();
        Timer.builder("lgwan.rollout.push").description("Time one router's push took, from its pre-check to its end, by how it ended")
                .tag("state", state.name())
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(100)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry).record(took);
    }
}
