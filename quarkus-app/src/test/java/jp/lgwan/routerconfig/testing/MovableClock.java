package jp.lgwan.routerconfig.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import jp.lgwan.routerconfig.inventory.TestInventory;

/**
 * The service's clock in every {@code @QuarkusTest}: it replaces {@code change.ServiceClock}'s
 * {@code Clock.systemUTC()} (an alternative with a priority wins over the producer), so a test of a
 * time-bound rule sets "now" instead of racing midnight in Japan or sleeping, and no test depends on
 * the machine's date. It starts at {@link #PINNED_START}, ten in the morning in Japan on
 * {@link TestInventory#AS_OF} (the day the command-line tests judge end of support on), and still
 * ticks: it reads that instant plus the real time elapsed since the JVM started (on the monotonic
 * clock, so neither the machine's date nor a step of it moves it), plus an offset a test sets with
 * {@link #setTo} and {@link #advance}; the leases, timers and waits of a running push keep their
 * real lengths, and the lab's routers, which the service starts on this clock, count their uptime
 * by it. Without this a run on or after 2029-04-01 filed its changes past the sample's earliest OS
 * releases' end of support (2029-03-31) and failed. {@link ClockReset} takes the offset away after
 * every test.
 *
 * <p>Helpers that are no bean (the API tests' {@code Api}) read it through {@link #now()} and
 * {@link #todayInJapan()}; the state is static, one service per test JVM. The ITs, which launch the
 * packaged service, pass it {@link #startsAtOption()}: its clock then reads what this one reads.
 */
@Alternative
@Priority(1)
@Singleton
public class MovableClock extends Clock {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    /** Where every test run's service clock starts. */
    public static final Instant PINNED_START = TestInventory.AS_OF.atTime(10, 0).atZone(JAPAN).toInstant();
    /** When this JVM started, on the monotonic clock: a Quarkus restart for another test profile does not start the day again. */
    private static final long JVM_STARTED_NANOS = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(ManagementFactory.getRuntimeMXBean().getUptime());

    private static volatile Duration offset = Duration.ZERO;

    /** What the service's clock reads now. */
    public static Instant now() {
        return PINNED_START.plusNanos(System.nanoTime() - JVM_STARTED_NANOS).plus(offset);
    }

    /** The day it is in Japan by the service's clock. */
    public static LocalDate todayInJapan() {
        return LocalDate.ofInstant(now(), JAPAN);
    }

    /** Now by the service's clock, in Japan's offset (+09:00). */
    public static OffsetDateTime nowInJapan() {
        return OffsetDateTime.ofInstant(now(), JAPAN);
    }

    /**
     * The packaged service's option that makes its clock read what this one reads (unmoved): it
     * starts at this instant when its process starts ({@code change.ServiceClock}), a few
     * milliseconds after this is called.
     */
    public static String startsAtOption() {
        return "-Dlgwan.clock.starts-at=" + nowInJapan();
    }

    /** From now on the service reads {@code now}, and the time that passes after it. */
    public void setTo(Instant now) {
        offset = offset.plus(Duration.between(now(), now));
    }

    /** Ten in the morning in Japan on {@code day}: far from either midnight, so a test that takes minutes stays on its day. */
    public void setToMorningOf(LocalDate day) {
        setTo(day.atTime(10, 0).atZone(JAPAN).toInstant());
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Back to the pinned start plus the time elapsed. */
    public void reset() {
        offset = Duration.ZERO;
    }

    /** The day it is in {@code zone} by this clock. */
    public LocalDate today(ZoneId zone) {
        return LocalDate.ofInstant(instant(), zone);
    }

    @Override
    public Instant instant() {
        return now();
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
