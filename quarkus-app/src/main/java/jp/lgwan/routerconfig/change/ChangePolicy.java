package jp.lgwan.routerconfig.change;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

/** The domain's configurable numbers (DOMAIN.md), read from {@code lgwan.change.*}. */
@ConfigMapping(prefix = "lgwan.change")
public interface ChangePolicy {

    /**
     * Days a change notification (変更届出) must be filed ahead of its effective date for items the source sets no
     * period for but that change the router (ROUTER_SETTINGS, OTHER): the operating body's general rule.
     */
    @WithDefault("20")
    int noticeDays();

    /**
     * Days ahead for line speed changes and line switches, the source's own number: 「回線の速度変更を行う20日前までに」,
     * 「回線切替えの20日前までに」.
     */
    @WithDefault("20")
    int lineNoticeDays();

    /** Days ahead for personnel changes (LGWAN責任者, 運用担当者): the source sets none, so none unless configured. */
    @WithDefault("0")
    int personnelNoticeDays();

    /** The notice days items of {@code rule} need. */
    default int noticeDays(NotificationItem.NoticeRule rule) {
        return switch (rule) {
            case LINE -> lineNoticeDays();
            case PERSONNEL -> personnelNoticeDays();
            case GENERAL -> noticeDays();
        };
    }

    /** The shortest planned-outage window: time for a router to be pushed, reboot and come back. */
    @WithDefault("10m")
    Duration bootAllowance();

    /** Days are counted in this zone, whatever the server's clock zone. */
    @WithDefault("Asia/Tokyo")
    ZoneId zone();
}
