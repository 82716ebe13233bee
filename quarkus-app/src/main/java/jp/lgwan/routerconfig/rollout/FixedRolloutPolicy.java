package jp.lgwan.routerconfig.rollout;

import java.time.Duration;
import java.util.Optional;

/** A rollout policy given in code rather than read from the configuration (see {@link RolloutPolicy#defaults}). */
record FixedRolloutPolicy(int concurrency, PushThreads threads, int canaryPerProfile, int waveSize, int haltCount, double haltRatio, Duration routerBudget,
                          Duration revertIn, Duration settle, Duration snmpTimeout, Duration returnGrace,
                          Duration returnPollInterval, Duration lease, Optional<String> instanceId,
                          Optional<String> serviceDeskUrl) implements RolloutPolicy {
}
