package jp.lgwan.routerconfig.rollout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Backup collections ({@code lgwan.backup.*}, {@link BackupCollector}).
 */
@ConfigMapping(prefix = "lgwan.backup")
public interface BackupSettings {

    /**
     * Routers read at once. Each is one SSH session and one {@code show running-config}; a router's read is
     * mostly waiting for it, so more than the cores help (BENCHMARKS.md, backup collection).
     */
    @WithDefault("16")
    int concurrency();

    /**
     * How long a router's reading may take (login, {@code show running-config}, compare) before the marker that makes a
     * push wait for it ({@link RouterReadings}) expires: a push waits at most this long for a collection on its router.
     */
    @WithDefault("PT2M")
    java.time.Duration readingLimit();

    /**
     * When the whole inventory is collected: a Quartz cron expression (seconds first, the JVM's zone) or {@code off}.
     * Read by the scheduler ({@code @Scheduled}); its value is in application.properties.
     */
    String schedule();
}
