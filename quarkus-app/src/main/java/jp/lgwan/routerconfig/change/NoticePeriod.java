package jp.lgwan.routerconfig.change;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The notice rule of a change notification (変更届出): its effective date lies at least
 * {@code days} calendar days after the day it was submitted, both days taken in Japan's calendar.
 * A notification submitted at 23:30 JST counts from that JST day, not from the UTC day.
 */
public record NoticePeriod(int days, ZoneId zone) {

    public NoticePeriod {
        if (days < 0) {
            throw new IllegalArgumentException("notice days must not be negative: " + days);
        }
    }

    public LocalDate submissionDay(Instant submittedAt) {
        return submittedAt.atZone(zone).toLocalDate();
    }

    public LocalDate earliestEffectiveDate(Instant submittedAt) {
        return submissionDay(submittedAt).plusDays(days);
    }

    public boolean allows(Instant submittedAt, LocalDate effectiveDate) {
        return !effectiveDate.isBefore(earliestEffectiveDate(submittedAt));
    }
}
