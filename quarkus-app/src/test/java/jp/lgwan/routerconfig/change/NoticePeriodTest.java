package jp.lgwan.routerconfig.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class NoticePeriodTest {

    private static final NoticePeriod RULE = new NoticePeriod(20, ZoneId.of("Asia/Tokyo"));

    @Test
    void nineteenDaysIsTooLateTwentyAndTwentyOneAreAllowed() {
        Instant submitted = Instant.parse("2026-11-25T03:00:00Z"); // 12:00 JST on 11-25
        assertFalse(RULE.allows(submitted, LocalDate.parse("2026-12-14")), "19 days");
        assertTrue(RULE.allows(submitted, LocalDate.parse("2026-12-15")), "20 days");
        assertTrue(RULE.allows(submitted, LocalDate.parse("2026-12-16")), "21 days");
        assertEquals(LocalDate.parse("2026-12-15"), RULE.earliestEffectiveDate(submitted));
    }

    @Test
    void daysAreCountedInJapanNotInUtc() {
        // 23:30 JST on 11-25 is 14:30 UTC the same day: both calendars agree
        Instant lateEvening = Instant.parse("2026-11-25T14:30:00Z");
        assertEquals(LocalDate.parse("2026-11-25"), RULE.submissionDay(lateEvening));
        assertEquals(LocalDate.parse("2026-12-15"), RULE.earliestEffectiveDate(lateEvening));
        // 00:30 JST on 11-26 is still 11-25 in UTC: counted from 11-26, so 12-15 is only 19 days ahead
        Instant afterMidnight = Instant.parse("2026-11-25T15:30:00Z");
        assertEquals(LocalDate.parse("2026-11-26"), RULE.submissionDay(afterMidnight));
        assertFalse(RULE.allows(afterMidnight, LocalDate.parse("2026-12-15")));
        assertTrue(RULE.allows(afterMidnight, LocalDate.parse("2026-12-16")));
    }

    @Test
    void theLastMinuteOfAJapaneseDayStillCountsFromThatDay() {
        Instant lastMinute = Instant.parse("2026-11-25T14:59:59Z"); // 23:59:59 JST
        assertTrue(RULE.allows(lastMinute, LocalDate.parse("2026-12-15")));
        Instant nextDay = Instant.parse("2026-11-25T15:00:00Z"); // 00:00 JST 11-26
        assertFalse(RULE.allows(nextDay, LocalDate.parse("2026-12-15")));
    }

    @Test
    void theNumberOfDaysIsConfigurable() {
        NoticePeriod week = new NoticePeriod(7, ZoneId.of("Asia/Tokyo"));
        Instant submitted = Instant.parse("2026-11-25T03:00:00Z");
        assertEquals(LocalDate.parse("2026-12-02"), week.earliestEffectiveDate(submitted));
        assertThrows(IllegalArgumentException.class, () -> new NoticePeriod(-1, ZoneId.of("Asia/Tokyo")));
    }
}
