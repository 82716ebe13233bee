package jp.lgwan.routerconfig.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What the operations checks judge by ({@code lgwan.ops.*}), read by {@link RolloutHealth}. */
@ConfigMapping(prefix = "lgwan.ops")
public interface OpsSettings {

    /** A service-desk notice waiting longer than this makes {@code /q/health/well}'s {@code service-desk} check fail. */
    @WithDefault("15m")
    Duration serviceDeskMaxDelay();
}
