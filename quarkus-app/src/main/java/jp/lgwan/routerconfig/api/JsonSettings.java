package jp.lgwan.routerconfig.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;
import jp.lgwan.routerconfig.change.Timestamps;
import jp.lgwan.routerconfig.inventory.InterfaceMode;
import jp.lgwan.routerconfig.inventory.Ipv4Address;
import jp.lgwan.routerconfig.inventory.Ipv4Prefix;

/**
 * Strict JSON in, the inventory's own notation out. A wrong type is an error, not a guess: "20"
 * is not a number, 1 is not a string, a duplicate key is refused, a date is {@code YYYY-MM-DD}
 * and nothing more, and every date and time lies in the years {@value #FIRST_YEAR} to
 * {@value #LAST_YEAR}; addresses and interface modes are written as the YAML writes them
 * ({@code 10.1.2.0/30}, {@code 100-full}); a point in time is written one way ({@link Timestamps}:
 * {@code 2026-12-20T22:00:00.000+09:00}).
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    /**
     * The years a date or time of the API may name. Nothing of this service happens outside them,
     * and beyond them lie the values that broke it: year +999999999 overflowed PostgreSQL's date
     * (a 500), 1900 and 10000 were taken.
     */
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    @Override
    // ObjectMapper.configure(MapperFeature, ...) is deprecated in favour of the mapper's builder, which a customizer of
    // Quarkus' mapper cannot use; the coercion configs below refuse only part of what ALLOW_COERCION_OF_SCALARS does
    @SuppressWarnings("deprecation")
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        SimpleModule inventory = new SimpleModule("inventory-notation");
        inventory.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return Temporal.class.isAssignableFrom(description.getBeanClass()) ? new TextOnly(deserializer) : deserializer;
            }
        });
        inventory.addSerializer(Ipv4Address.class, ToStringSerializer.instance);
        inventory.addSerializer(Ipv4Prefix.class, ToStringSerializer.instance);
        inventory.addSerializer(InterfaceMode.class, ToStringSerializer.instance);
        // every point in time the one way (Timestamps): Jackson's own writes an Instant with Z and nanoseconds, an OffsetDateTime
        // with its own offset and the microseconds PostgreSQL kept
        // with JavaTimeModule's, registered after this customizer, which would win as the module registered last: a modifier of
        // whatever serializer was found has the last word
        inventory.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description, JsonSerializer<?> serializer) {
                JsonSerializer<?> timestamp = Timestamps.JSON_WRITERS.get(description.getBeanClass());
                return timestamp != null ? timestamp : serializer;
            }
        });
        mapper.registerModule(inventory);
    }

    /**
     * Dates and times only as the ISO text they are written in: Jackson would also take a number
     * (20 as an epoch day or second) or an array ([2027, 1, 1]), and a wrong type must be an error;
     * for a date, a date and time ({@code 2027-01-01T10:00:00Z}, whose zone it silently dropped).
     * Then within {@link #FIRST_YEAR} to {@link #LAST_YEAR}.
     */
    static final class TextOnly extends DelegatingDeserializer {

        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(_delegatee.handledType(), parser);
            }
            Class<?> type = _delegatee.handledType();
            String text = parser.getText();
            if (type == LocalDate.class && !ISO_DATE.matcher(text).matches()) {
                return context.handleWeirdStringValue(type, text, "not a date");
            }
            Object value = _delegatee.deserialize(parser, context);
            int year = value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC).getYear()
                    : value instanceof TemporalAccessor temporal && temporal.isSupported(ChronoField.YEAR) ? temporal.get(ChronoField.YEAR)
                    : FIRST_YEAR;
            if (year < FIRST_YEAR || year > LAST_YEAR) {
                return context.handleWeirdStringValue(type, text, "outside the years " + FIRST_YEAR + " to " + LAST_YEAR);
            }
            return value;
        }
    }
}
