package jp.lgwan.routerconfig.lab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves by hand: timers, counters and sysUpTime follow it. Read by the lab's agent
 * and SSH threads too, so a move is seen at once by all of them.
 */
public final class TestClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-25T01:00:00Z");

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
