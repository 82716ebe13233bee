package jp.lgwan.routerconfig.rollout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How a window runs ({@code lgwan.rollout.*}). */
@ConfigMapping(prefix = "lgwan.rollout")
public interface RolloutPolicy {

    /** Routers pushed at once by one instance. */
    @WithDefault("50")
    int concurrency();

    /**
     * What those pushes run on: {@code virtual} (a virtual thread per router in flight, so
     * {@code concurrency} may be in the thousands) or {@code platform} (a pool of
     * {@code concurrency} platform threads). See {@link PushThreads}.
     */
    @WithDefault("virtual")
    PushThreads threads();

    /** Routers of each vendor profile in the canary wave, which runs alone before any other. */
    @WithDefault("1")
    int canaryPerProfile();

    /** Routers per wave after the canary wave. */
    @WithDefault("100")
    int waveSize();

    /** The window halts when failed or rolled-back routers reach this many ... */
    @WithDefault("3")
    int haltCount();

    /** ... or exceed this share of the window's routers. */
    @WithDefault("0.10")
    double haltRatio();

    /** Time one router's push and checks may take: none starts later than this before the window closes. */
    @WithDefault("5m")
    Duration routerBudget();

    /** The revert timer of a commit: unconfirmed by then, the router (or the watchdog) restores the backup. */
    @WithDefault("3m")
    Duration revertIn();

    /** Wait after a commit before the first post-check poll, and between the two polls. */
    @WithDefault("2s")
    Duration settle();

    @WithDefault("10s")
    Duration snmpTimeout();

    /**
     * After a power-cut window (法定点検) the return check starts at the window's end plus the boot
     * allowance ({@code lgwan.change.boot-allowance}) and keeps polling a router that is not back yet
     * for this much longer: a router that boots in a little over 10 minutes is late, not lost.
     */
    @WithDefault("10m")
    Duration returnGrace();

    /** How often the return check polls a router that is not back yet, within {@link #returnGrace()}. */
    @WithDefault("30s")
    Duration returnPollInterval();

    /** How long an instance's claim on a router holds without a heartbeat; after it, another instance takes over. */
    @WithDefault("30s")
    Duration lease();

    /** This instance's name in claims; default: a new random one per start. */
    Optional<String> instanceId();

    /** The service desk's webhook; notices wait in the database until it is set and answers 2xx. */
    Optional<String> serviceDeskUrl();

    /**
     * The defaults above with another {@code settle}, for a push run outside the service (the
     * bench's workers, tests) by {@code instanceId}.
     */
    static RolloutPolicy defaults(Duration settle, String instanceId) {
        return new FixedRolloutPolicy(50, PushThreads.VIRTUAL, 1, 100, 3, 0.10, Duration.ofMinutes(5), Duration.ofMinutes(3), settle, Duration.ofSeconds(10),
                Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(30), Optional.of(instanceId), Optional.empty());
    }
}
