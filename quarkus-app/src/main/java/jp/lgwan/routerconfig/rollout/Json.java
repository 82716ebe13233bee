package jp.lgwan.routerconfig.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import jp.lgwan.routerconfig.change.Timestamps;
import jp.lgwan.routerconfig.device.Verification;

/**
 * The rollout's JSON edge: a step's evidence and a router's failed checks are records ({@link StepEvidence},
 * {@link RolloutJobRouter.FailedCheck}) until they are written here into the step journal, and a service-desk notice's body
 * until it is posted. Instants are written the one way every output writes them ({@link Timestamps}: Japan time to the millisecond).
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // StepEvidence.None is written as {}
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // registered after JavaTimeModule, so it wins for Instant
            .registerModule(new SimpleModule("timestamps").addSerializer(Instant.class, timestampWriter(Instant.class)));

    /** Reads what {@link #MAPPER} wrote; a field a later build added to a record does not stop an older row being read. */
    private static final ObjectMapper READER = MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<Verification.Check>> CHECKS = new TypeReference<>() {
    };

    @SuppressWarnings("unchecked")
    private static <T> JsonSerializer<T> timestampWriter(Class<T> type) {
        return (JsonSerializer<T>) Timestamps.JSON_WRITERS.get(type);
    }

    private Json() {
    }

    /** Checks as the step journal stored them (written from {@link Verification.Check}), back as records. */
    static List<Verification.Check> checks(List<?> stored) {
        return READER.convertValue(stored, CHECKS);
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
