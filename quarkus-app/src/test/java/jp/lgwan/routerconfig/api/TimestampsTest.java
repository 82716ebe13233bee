package jp.lgwan.routerconfig.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.lgwan.routerconfig.change.Timestamps;
import org.junit.jupiter.api.Test;

/** The one time format (issue 17), without the service: {@link Timestamps} itself, and the API's mapper writing every kind of time with it. */
class TimestampsTest {

    @Test
    void aTimeIsWrittenInJapanTimeToTheMillisecondWhateverItCameWith() {
        // nanoseconds from the JVM's clock, microseconds from PostgreSQL, Z from Instant.toString: one way out
        assertEquals("2026-12-20T22:00:00.123+09:00", Timestamps.format(Instant.parse("2026-12-20T13:00:00.123456789Z")));
        assertEquals("2026-12-21T00:00:00.000+09:00", Timestamps.format(Instant.parse("2026-12-20T15:00:00Z")));
        // truncated, never rounded into the next second (the next day, at a day's end)
        assertEquals("2026-12-20T23:59:59.999+09:00", Timestamps.format(Instant.parse("2026-12-20T14:59:59.999999Z")));
        assertEquals(Instant.parse("2026-12-20T13:00:00Z"), Timestamps.parse("2026-12-20T22:00:00+09:00"));
        assertEquals(Instant.parse("2026-12-20T13:00:00Z"), Timestamps.parse("2026-12-20T13:00:00Z"));
    }

    record Times(Instant instant, OffsetDateTime offset, ZonedDateTime zoned, Map<String, Object> evidence) {
    }

    /** Whatever JavaTimeModule Quarkus registers after the customizer (it would win as the module registered last), the one format holds. */
    @Test
    void theApisMapperWritesEveryKindOfTimeOneWay() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        new JsonSettings().customize(mapper);
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Instant at = Instant.parse("2026-12-20T13:00:00.123456789Z");
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("back_at", at);
        String json = mapper.writeValueAsString(new Times(at, at.atOffset(ZoneOffset.UTC), at.atZone(ZoneOffset.ofHours(-5)), evidence));
        assertEquals("{\"instant\":\"2026-12-20T22:00:00.123+09:00\",\"offset\":\"2026-12-20T22:00:00.123+09:00\","
                + "\"zoned\":\"2026-12-20T22:00:00.123+09:00\",\"evidence\":{\"back_at\":\"2026-12-20T22:00:00.123+09:00\"}}", json);
    }
}
