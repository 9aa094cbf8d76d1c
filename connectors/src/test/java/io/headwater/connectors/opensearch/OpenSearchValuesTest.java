package io.headwater.connectors.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.headwater.engine.model.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OpenSearchValuesTest {
    private static JsonNode json(String text) throws Exception {
        return OpenSearchRest.JSON.readTree(text);
    }

    @Test
    void integersComeFromNumbersAndNumericStrings() throws Exception {
        assertThat(OpenSearchValues.normalise(FieldType.INTEGER, json("42"))).isEqualTo(42L);
        assertThat(OpenSearchValues.normalise(FieldType.INTEGER, json("\"-7\""))).isEqualTo(-7L);
        assertThat(OpenSearchValues.normalise(FieldType.INTEGER, json("5.0"))).isEqualTo(5L);
        assertThatThrownBy(() -> OpenSearchValues.normalise(FieldType.INTEGER, json("5.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5.5");
    }

    @Test
    void decimalsKeepEveryDigit() throws Exception {
        assertThat(OpenSearchValues.normalise(FieldType.DECIMAL, json("12345678901234567.89")))
                .isEqualTo(new BigDecimal("12345678901234567.89"));
        assertThat(OpenSearchValues.normalise(FieldType.DECIMAL, json("\"0.10\""))).isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void timestampsComeFromIsoTextOrEpochMillis() throws Exception {
        Instant t = Instant.parse("2024-03-01T10:15:30.123Z");
        assertThat(OpenSearchValues.normalise(FieldType.TIMESTAMP, json("\"2024-03-01T10:15:30.123Z\""))).isEqualTo(t);
        assertThat(OpenSearchValues.normalise(FieldType.TIMESTAMP, json("\"2024-03-01T12:15:30.123+02:00\""))).isEqualTo(t);
        assertThat(OpenSearchValues.normalise(FieldType.TIMESTAMP, json("\"2024-03-01T10:15:30.123\""))).isEqualTo(t);
        assertThat(OpenSearchValues.normalise(FieldType.TIMESTAMP, json(Long.toString(t.toEpochMilli())))).isEqualTo(t);
        assertThat(OpenSearchValues.normalise(FieldType.TIMESTAMP, json("\"" + t.toEpochMilli() + "\""))).isEqualTo(t);
        assertThat(OpenSearchValues.normalise(FieldType.TIMESTAMP, json("\"2024-03-01\"")))
                .isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    }

    @Test
    void datesComeFromIsoDatesDateTimesOrEpochMillis() throws Exception {
        LocalDate d = LocalDate.of(1990, 7, 14);
        assertThat(OpenSearchValues.normalise(FieldType.DATE, json("\"1990-07-14\""))).isEqualTo(d);
        assertThat(OpenSearchValues.normalise(FieldType.DATE, json("\"1990-07-14T23:00:00Z\""))).isEqualTo(d);
        assertThat(OpenSearchValues.normalise(FieldType.DATE, json("647913600000"))).isEqualTo(d);
    }

    @Test
    void stringsBooleansFloatsAndUuidsAreRead() throws Exception {
        assertThat(OpenSearchValues.normalise(FieldType.STRING, json("\"Ada Lovelace\""))).isEqualTo("Ada Lovelace");
        assertThat(OpenSearchValues.normalise(FieldType.STRING, json("123"))).isEqualTo("123");
        assertThat(OpenSearchValues.normalise(FieldType.BOOLEAN, json("true"))).isEqualTo(true);
        assertThat(OpenSearchValues.normalise(FieldType.BOOLEAN, json("\"false\""))).isEqualTo(false);
        assertThat(OpenSearchValues.normalise(FieldType.FLOAT, json("0.25"))).isEqualTo(0.25d);
        UUID u = UUID.randomUUID();
        assertThat(OpenSearchValues.normalise(FieldType.UUID, json("\"" + u + "\""))).isEqualTo(u);
    }

    @Test
    void nullsAndSingleElementArraysAreUnwrappedAndLongerArraysRefused() throws Exception {
        assertThat(OpenSearchValues.normalise(FieldType.STRING, null)).isNull();
        assertThat(OpenSearchValues.normalise(FieldType.STRING, json("null"))).isNull();
        assertThat(OpenSearchValues.normalise(FieldType.STRING, json("[]"))).isNull();
        assertThat(OpenSearchValues.normalise(FieldType.INTEGER, json("[3]"))).isEqualTo(3L);
        assertThatThrownBy(() -> OpenSearchValues.normalise(FieldType.INTEGER, json("[1,2]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("array of 2");
        assertThatThrownBy(() -> OpenSearchValues.normalise(FieldType.STRING, json("[{\"a\":1},\"b\"]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("array of 2");
        assertThatThrownBy(() -> OpenSearchValues.normalise(FieldType.BOOLEAN, json("\"yes\"")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMultiValuedStringIsTheJsonTextOfItsValues() throws Exception {
        assertThat(OpenSearchValues.normalise(FieldType.STRING, json("[\"a\", \"b\", 3]"))).isEqualTo("[\"a\",\"b\",3]");
    }

    @Test
    void numbersReadAsStringsAreWrittenOutWithoutExponent() throws Exception {
        assertThat(OpenSearchValues.normalise(FieldType.STRING, json("1e3"))).isEqualTo("1000");
        assertThat(OpenSearchValues.normalise(FieldType.STRING, json("5E-1"))).isEqualTo("0.5");
        assertThat(OpenSearchValues.normalise(FieldType.STRING, json("12345678901234567890"))).isEqualTo("12345678901234567890");
        assertThat(OpenSearchValues.normalise(FieldType.INTEGER, json("1e3"))).isEqualTo(1000L);
    }

    @Test
    void textAndKeywordValuesAreReadAsTheyAreAndBooleansAsWords() throws Exception {
        assertThat(OpenSearchValues.normalise(FieldType.STRING, json("\"  padded text  \""))).isEqualTo("  padded text  ");
        assertThat(OpenSearchValues.normalise(FieldType.STRING, json("true"))).isEqualTo("true");
        assertThat(OpenSearchValues.normalise(FieldType.DATE, json("\"1990-07-14\""))).isEqualTo(LocalDate.of(1990, 7, 14));
    }
}
