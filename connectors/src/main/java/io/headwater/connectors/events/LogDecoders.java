package io.headwater.connectors.events;

import io.headwater.connectors.debezium.DebeziumJsonDecoder;
import io.headwater.connectors.debezium.FlattenedJsonDecoder;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.LogRecord;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The decoder for every topic of a pipeline, chosen by the topic dataset's {@link LogFormat}:
 * {@code debezium} ({@link DebeziumJsonDecoder}), {@code flattened} ({@link FlattenedJsonDecoder}) or
 * {@code events} ({@link EventJsonDecoder}). A dataset built without a format takes its system's
 * default: plain events on an event-sourced system of record (a Kafka system with role
 * {@code record}), Debezium's envelope everywhere else. Thread-safe.
 */
public final class LogDecoders implements ChangeDecoder {
    private static final ChangeDecoder EVENTS = new EventJsonDecoder();
    private static final ChangeDecoder DEBEZIUM = new DebeziumJsonDecoder();
    private static final ChangeDecoder FLATTENED = new FlattenedJsonDecoder();

    private final Set<String> eventSourcedSystems;

    private LogDecoders(Set<String> eventSourcedSystems) {
        this.eventSourcedSystems = eventSourcedSystems;
    }

    public static LogDecoders forPipeline(Pipeline pipeline) {
        return new LogDecoders(pipeline.systems().stream().filter(SystemSpec::eventSourced).map(SystemSpec::id).collect(Collectors.toSet()));
    }

    /** The decoder of records written in {@code format}. */
    public static ChangeDecoder forFormat(LogFormat format) {
        return switch (format) {
            case DEBEZIUM -> DEBEZIUM;
            case FLATTENED -> FLATTENED;
            case EVENTS -> EVENTS;
        };
    }

    /** The format {@code logDataset}'s records are read in: its own, else its system's default. */
    public LogFormat formatOf(Dataset logDataset) {
        return logDataset.format().orElse(eventSourcedSystems.contains(logDataset.ref().system()) ? LogFormat.EVENTS : LogFormat.DEBEZIUM);
    }

    @Override
    public Optional<ChangeEvent> decode(LogRecord record, Dataset logDataset) {
        return forFormat(formatOf(logDataset)).decode(record, logDataset);
    }
}
