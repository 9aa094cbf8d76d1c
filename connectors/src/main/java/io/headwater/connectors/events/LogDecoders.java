package io.headwater.connectors.events;

import io.headwater.connectors.debezium.DebeziumJsonDecoder;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.LogRecord;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The decoder for every topic of a pipeline: topics of an event-sourced system of record (a Kafka
 * system with role {@code record}) hold plain events ({@link EventJsonDecoder}); every other topic
 * holds change-capture records in Debezium's envelope ({@link DebeziumJsonDecoder}). Thread-safe.
 */
public final class LogDecoders implements ChangeDecoder {
    private final Set<String> eventSourcedSystems;
    private final ChangeDecoder events = new EventJsonDecoder();
    private final ChangeDecoder changes = new DebeziumJsonDecoder();

    private LogDecoders(Set<String> eventSourcedSystems) {
        this.eventSourcedSystems = eventSourcedSystems;
    }

    public static LogDecoders forPipeline(Pipeline pipeline) {
        return new LogDecoders(pipeline.systems().stream().filter(SystemSpec::eventSourced).map(SystemSpec::id).collect(Collectors.toSet()));
    }

    @Override
    public Optional<ChangeEvent> decode(LogRecord record, Dataset logDataset) {
        return (eventSourcedSystems.contains(logDataset.ref().system()) ? events : changes).decode(record, logDataset);
    }
}
