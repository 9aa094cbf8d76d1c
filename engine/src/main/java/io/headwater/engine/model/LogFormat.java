package io.headwater.engine.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How the records of a Kafka topic are written: the config key {@code format} of a kafka dataset
 * (or of its kafka system, as the default for its datasets). See {@code docs/kafka-formats.md}.
 */
public enum LogFormat {
    /**
     * Debezium's change event envelope ({@code before}, {@code after}, {@code source}, {@code op}) in
     * JSON, with or without the schema envelope of Kafka Connect's JsonConverter, told apart record
     * by record. The default on a log system.
     */
    DEBEZIUM,
    /**
     * The row itself, as Debezium's {@code ExtractNewRecordState} transform writes it: a delete is a
     * tombstone or a row with {@code __deleted: "true"}; fields named {@code __…} are metadata.
     */
    FLATTENED,
    /** One plain JSON object per business event (an event-sourced record); the default on a kafka record system. */
    EVENTS;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LogFormat> fromConfigName(String name) {
        return Arrays.stream(values()).filter(f -> f.configName().equals(name)).findFirst();
    }
}
