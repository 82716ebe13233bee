package jp.lgwan.routerconfig.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The rollout's JSON edge: a step's evidence and a router's failed checks are records ({@link StepEvidence},
 * {@link RolloutJobRouter.FailedCheck}) until they are written here into the step journal, and a service-desk notice's body
 * until it is posted. Instants are written as ISO-8601 text, as {@link java.time.Instant#toString} writes them.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // StepEvidence.None is written as {}
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
