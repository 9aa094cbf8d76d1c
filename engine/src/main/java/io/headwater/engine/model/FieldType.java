package io.headwater.engine.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The logical type of a field. Values travel through the engine as these Java types:
 * INTEGER {@code Long}, DECIMAL {@code BigDecimal}, FLOAT {@code Double}, STRING {@code String},
 * BOOLEAN {@code Boolean}, TIMESTAMP {@code Instant}, DATE {@code LocalDate}, UUID {@code UUID},
 * BYTES {@code byte[]}.
 */
public enum FieldType {
    INTEGER, DECIMAL, FLOAT, STRING, BOOLEAN, TIMESTAMP, DATE, UUID, BYTES;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldType> fromConfigName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName().equals(name)).findFirst();
    }

    /** Whether this type may be (part of) a dataset key. */
    public boolean isKeyType() {
        return this == INTEGER || this == STRING || this == UUID || this == DATE;
    }
}
