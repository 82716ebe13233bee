package jp.lgwan.routerconfig.change;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;

/**
 * The one way this project writes a point in time, in every output: the API's JSON, the event
 * streams, the client's lines, step evidence, notices — {@code 2026-12-20T22:00:00.000+09:00}:
 * Japan time (日本標準時, which has no summer time, so always {@code +09:00}), to the millisecond.
 * A reader never meets {@code Z} beside {@code +09:00}, nor micro- or nanoseconds (PostgreSQL
 * keeps microseconds, the JVM's clock nanoseconds: both used to leak) — one pattern a script can match.
 * Input is read more liberally ({@link #parse}): any ISO-8601 instant or offset time.
 */
public final class Timestamps {

    /** LGWAN's zone: every municipality it connects is in Japan. */
    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    /** {@code uuuu-MM-dd'T'HH:mm:ss.SSSXXX}: the offset always written as {@code +09:00}, never {@code Z}. */
    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

    private Timestamps() {
    }

    /** {@code instant} in Japan time to the millisecond (truncated, never rounded into the next second); null stays null. */
    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS).atZone(JAPAN));
    }

    /** The same instant written the one way, whatever offset it came with. */
    public static String format(OffsetDateTime time) {
        return time == null ? null : format(time.toInstant());
    }

    /**
     * Jackson's writers of the three kinds of point in time, each the one way: the API's mapper takes them
     * ({@code api.JsonSettings}) and so does the rollout's JSON edge (the step journal, notices).
     */
    public static final Map<Class<?>, JsonSerializer<?>> JSON_WRITERS = Map.of(
            Instant.class, new Writer<>(Instant.class, Timestamps::format),
            OffsetDateTime.class, new Writer<>(OffsetDateTime.class, Timestamps::format),
            ZonedDateTime.class, new Writer<>(ZonedDateTime.class, time -> format(time.toInstant())));

    /** A point in time as {@link #format} writes it. */
    private static final class Writer<T> extends StdSerializer<T> {

        private final transient Function<T, String> format;

        Writer(Class<T> type, Function<T, String> format) {
            super(type);
            this.format = format;
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(format.apply(value));
        }
    }

    /** {@code text} (an ISO-8601 instant {@code …Z} or a time with an offset) as an instant. */
    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(text);
        }
    }
}
