package jp.lgwan.routerconfig.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.lgwan.routerconfig.lab.TestClock;
import org.junit.jupiter.api.Test;

/** The login throttle's rules, one per test, on a clock the test moves. */
class LoginThrottleTest {

    private final TestClock clock = new TestClock();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Settings(3, 10, Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofMinutes(30), 100), clock);

    @Test
    void aUserHasFreeFailuresThenBlocksThatDoubleUpToTheLongest() {
        List<Optional<Duration>> blocks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.empty(), throttle.blocked("operator", "192.0.2." + i), "each try waits out the block before it");
            LoginThrottle.Failure failure = throttle.failed("operator", "192.0.2." + i);
            assertEquals(i + 1, failure.userFailures());
            blocks.add(failure.blockedFor());
            assertEquals(failure.blockedFor(), throttle.blocked("operator", "198.51.100.1"), "blocked from any address");
            clock.advance(failure.blockedFor().orElse(Duration.ZERO));
        }
        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(Duration.ofSeconds(1)), Optional.of(Duration.ofSeconds(2)),
                Optional.of(Duration.ofSeconds(4)), Optional.of(Duration.ofSeconds(8)), Optional.of(Duration.ofSeconds(16)),
                Optional.of(Duration.ofSeconds(32)), Optional.of(Duration.ofSeconds(60))), blocks);
    }

    @Test
    void theBlockRunsOutByItself() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ci", "192.0.2.1");
        }
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.blocked("ci", "192.0.2.1"));
        clock.advance(Duration.ofMillis(400));
        assertEquals(Optional.of(Duration.ofMillis(600)), throttle.blocked("ci", "192.0.2.1"));
        clock.advance(Duration.ofMillis(600));
        assertEquals(Optional.empty(), throttle.blocked("ci", "192.0.2.1"));
    }

    @Test
    void aCorrectPasswordEndsTheUsersCountButNotTheAddresss() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("viewer", "192.0.2.1");
        }
        throttle.succeeded("viewer");
        assertEquals(1, throttle.failed("viewer", "192.0.2.1").userFailures());
        assertEquals(5, throttle.failed("operator", "192.0.2.1").sourceFailures(), "a valid viewer login does not reset the address guessing operator's password");
    }

    @Test
    void oneAddressTryingManyUsersIsBlockedAsAnAddress() {
        LoginThrottle.Failure last = null;
        for (int i = 0; i < 11; i++) {
            last = throttle.failed("user" + i, "203.0.113.9");
        }
        assertEquals(1, last.userFailures());
        assertEquals(Optional.of(Duration.ofSeconds(1)), last.blockedFor());
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.blocked("somebody-else", "203.0.113.9"));
        assertEquals(Optional.empty(), throttle.blocked("somebody-else", "203.0.113.10"));
    }

    @Test
    void aCountIsForgottenAfterAQuietWhile() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("engineer", "192.0.2.1");
        }
        clock.advance(Duration.ofMinutes(31));
        LoginThrottle.Failure failure = throttle.failed("engineer", "192.0.2.1");
        assertEquals(1, failure.userFailures());
        assertEquals(Optional.empty(), failure.blockedFor());
    }

    @Test
    void inventedUserNamesCannotFillTheMemory() {
        LoginThrottle small = new LoginThrottle(new LoginThrottle.Settings(3, 1_000_000, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMinutes(30), 100), clock);
        for (int i = 0; i < 4; i++) {
            small.failed("operator", "192.0.2.1");
        }
        // the least recently failed name goes first; the others are remembered
        for (int i = 0; i < 1_000; i++) {
            small.failed("invented-" + i, "192.0.2.2");
        }
        assertEquals(Optional.empty(), small.blocked("operator", "192.0.2.3"), "forgotten after 100 newer names");
        assertEquals(2, small.failed("invented-999", "192.0.2.2").userFailures(), "a recent one is remembered");
    }
}
