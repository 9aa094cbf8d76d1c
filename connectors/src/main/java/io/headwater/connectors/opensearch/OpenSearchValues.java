package io.headwater.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.headwater.engine.model.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Turns the JSON values of a document's {@code _source} into the Java types of the dataset's logical
 * field types ({@link FieldType}). Sources are written by many producers, so one logical type accepts
 * several JSON shapes: an integer as a number or a numeric string; a decimal as a number (read
 * without going through a double) or a string; a timestamp as an ISO-8601 string (with or without an
 * offset; without one it is UTC; a bare date is midnight UTC) or as epoch milliseconds; a date as
 * {@code yyyy-MM-dd}, a date-time (its UTC date) or epoch milliseconds; a string from a keyword or text
 * value, or from a number or boolean as written (never in exponent form). A one-element array is its
 * element; a string field holding several values (a multi-valued keyword) is read as the JSON text of
 * the array, so it compares as one value rather than failing the read. Stateless.
 */
public final class OpenSearchValues {
    private OpenSearchValues() {
    }

    /**
     * The value of {@code json} as {@code type}; null for an absent or JSON null value.
     *
     * @throws IllegalArgumentException when the value cannot be read as that type (an array of several
     *                                  values, a word where a number belongs)
     */
    public static Object normalise(FieldType type, JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return null;
        }
        if (json.isArray()) {
            if (json.isEmpty()) {
                return null;
            }
            if (json.size() == 1) {
                return normalise(type, json.get(0));
            }
            if (type == FieldType.STRING && allScalars(json)) {
                return json.toString();
            }
            throw new IllegalArgumentException("an array of " + json.size() + " values where one " + type.configName() + " belongs");
        }
        if (json.isObject()) {
            throw new IllegalArgumentException("an object where a " + type.configName() + " belongs");
        }
        try {
            return switch (type) {
                case INTEGER -> json.isNumber() ? exactLong(json.decimalValue()) : exactLong(new BigDecimal(json.asText().trim()));
                case DECIMAL -> json.isNumber() ? json.decimalValue() : new BigDecimal(json.asText().trim());
                case FLOAT -> json.isNumber() ? json.doubleValue() : Double.parseDouble(json.asText().trim());
                case STRING -> json.isNumber() ? numberText(json) : json.asText();
                case BOOLEAN -> bool(json);
                case TIMESTAMP -> instant(json);
                case DATE -> date(json);
                case UUID -> UUID.fromString(json.asText().trim());
                case BYTES -> Base64.getDecoder().decode(json.asText());
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + json.asText() + "' is not a " + type.configName() + ": " + e.getMessage(), e);
        }
    }

    /** A number as written, never in exponent form: {@code 1000} for {@code 1e3}, {@code 0.5} for {@code 5E-1}. */
    private static String numberText(JsonNode json) {
        return json.isIntegralNumber() ? json.bigIntegerValue().toString() : json.decimalValue().toPlainString();
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static Long exactLong(BigDecimal d) {
        return d.longValueExact();
    }

    private static Boolean bool(JsonNode json) {
        if (json.isBoolean()) {
            return json.booleanValue();
        }
        String text = json.asText().trim();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        throw new IllegalArgumentException("'" + text + "' is not a boolean");
    }

    private static Instant instant(JsonNode json) {
        if (json.isNumber()) {
            return Instant.ofEpochMilli(exactLong(json.decimalValue()));
        }
        String text = json.asText().trim();
        if (isInteger(text)) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    private static LocalDate date(JsonNode json) {
        if (json.isNumber()) {
            return LocalDate.ofInstant(Instant.ofEpochMilli(exactLong(json.decimalValue())), ZoneOffset.UTC);
        }
        String text = json.asText().trim();
        if (text.length() == 10 && !isInteger(text)) {
            return LocalDate.parse(text);
        }
        return LocalDate.ofInstant(instant(json), ZoneOffset.UTC);
    }

    private static boolean isInteger(String text) {
        if (text.isEmpty()) {
            return false;
        }
        int start = text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
