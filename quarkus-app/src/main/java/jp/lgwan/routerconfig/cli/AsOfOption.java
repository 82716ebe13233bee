package jp.lgwan.routerconfig.cli;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --as-of}: the day end-of-support dates are judged on; today in Japan unless pinned (CI machines run on UTC). */
final class AsOfOption {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", converter = Day.class, description = "the day end-of-support dates are compared with (default: today in Asia/Tokyo)")
    LocalDate asOf;

    /** A day as YYYY-MM-DD; anything else is refused in words, without Java's class names. */
    static final class Day implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException((value.matches("\\d{4}-\\d{2}-\\d{2}") ? "'" + value + "' is no day of the calendar"
                        : "'" + value + "' is not a date") + "; expected YYYY-MM-DD, such as 2026-11-25");
            }
        }
    }

    LocalDate day() {
        return asOf != null ? asOf : LocalDate.now(JAPAN);
    }
}
