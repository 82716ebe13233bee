package jp.lgwan.routerconfig.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in every {@code @QuarkusTest}: it replaces {@code change.ServiceClock}'s
 * {@code Clock.systemUTC()} (an alternative with a priority wins over the producer), so a test of a
 * time-bound rule sets "now" instead of racing midnight in Japan or sleeping. It still ticks: it
 * reads the system clock plus an offset, so the leases, timers and waits of a running push keep
 * their real lengths, and a test moves it with {@link #setTo} and {@link #advance}. Unmoved it is the
 * system clock; {@link ClockReset} puts it back after every test.
 */
@Alternative
@Priority(1)
@Singleton
public class MovableClock extends Clock {

    private static final Clock SYSTEM = Clock.systemUTC();

    private volatile Duration offset = Duration.ZERO;

    /** From now on the service reads {@code now}, and the time that passes after it. */
    public void setTo(Instant now) {
        offset = Duration.between(SYSTEM.instant(), now);
    }

    /** Ten in the morning in Japan on {@code day}: far from either midnight, so a test that takes minutes stays on its day. */
    public void setToMorningOf(LocalDate day) {
        setTo(day.atTime(10, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant());
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Back to the system clock. */
    public void reset() {
        offset = Duration.ZERO;
    }

    /** The day it is in {@code zone} by this clock. */
    public LocalDate today(ZoneId zone) {
        return LocalDate.ofInstant(instant(), zone);
    }

    @Override
    public Instant instant() {
        return SYSTEM.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        MovableClock self = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return self.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }
        };
    }
}
