package jp.lgwan.routerconfig.change;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

/** The domain's configurable numbers (DOMAIN.md), read from {@code lgwan.change.*}. */
@ConfigMapping(prefix = "lgwan.change")
public interface ChangePolicy {

    /** Days a change notification (変更届出) must be filed ahead of its effective date. */
    @WithDefault("20")
    int noticeDays();

    /** The shortest planned-outage window: time for a router to be pushed, reboot and come back. */
    @WithDefault("10m")
    Duration bootAllowance();

    /** Days are counted in this zone, whatever the server's clock zone. */
    @WithDefault("Asia/Tokyo")
    ZoneId zone();
}
