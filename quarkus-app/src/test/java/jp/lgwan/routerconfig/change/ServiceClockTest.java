package jp.lgwan.routerconfig.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code lgwan.clock.starts-at}: the packaged service's clock reads that instant at its process's start and runs on (the ITs and the bench pin their day by it). */
class ServiceClockTest {

    @Test
    void startsAtTheGivenInstantWhenTheProcessStartedAndRunsOn() {
        OffsetDateTime startsAt = OffsetDateTime.parse("2026-11-25T10:00+09:00");
        Clock clock = new ServiceClock().clock(Optional.of(startsAt));
        // by the system clock, as the service counts it (not the monotonic uptime: under faketime the two part)
        Duration running = Duration.between(Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()), Instant.now());
        Duration off = Duration.between(startsAt.toInstant().plus(running), clock.instant()).abs();
        assertTrue(off.compareTo(Duration.ofSeconds(1)) < 0, "reads " + clock.instant() + ", " + off + " from the start plus the process's uptime");
    }

    /** What the ITs pass (MovableClock.startsAtOption: nanoseconds and an offset), read as the service's configuration reads it. */
    @Test
    void theSettingIsReadAsAnOffsetDateTime() {
        var config = new io.smallrye.config.SmallRyeConfigBuilder()
                .withDefaultValue("lgwan.clock.starts-at", "2026-11-25T10:03:12.123456789+09:00").build();
        assertEquals(Optional.of(OffsetDateTime.parse("2026-11-25T10:03:12.123456789+09:00")),
                config.getOptionalValue("lgwan.clock.starts-at", OffsetDateTime.class));
    }

    @Test
    void withoutItIsTheSystemClock() {
        Clock clock = new ServiceClock().clock(Optional.empty());
        assertTrue(Duration.between(Instant.now(), clock.instant()).abs().compareTo(Duration.ofSeconds(1)) < 0);
    }
}
