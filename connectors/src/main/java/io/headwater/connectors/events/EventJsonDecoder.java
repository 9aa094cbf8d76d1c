package io.headwater.connectors.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.connectors.debezium.DebeziumJsonDecoder;
import io.headwater.connectors.kafka.SchemaRegistryFraming;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.LogRecord;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes the records of an event-sourced topic: each value is one event, a JSON object with the
 * dataset's declared fields. An event is a fact that happened once, so it decodes as a create whose
 * identity is its key (the event id): a producer's retry that wrote the same event twice is applied
 * once. Its time is the dataset's timestamp field when declared, else the record's timestamp. A
 * tombstone (null value) carries no event. A record framed for a schema registry (Avro) is refused. Thread-safe.
 */
public final class EventJsonDecoder implements ChangeDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Optional<ChangeEvent> decode(LogRecord record, Dataset logDataset) {
        SchemaRegistryFraming.rejectFramed(record, logDataset);
        if (record.value() == null) {
            return Optional.empty();
        }
        JsonNode value;
        try {
            value = JSON.readTree(record.value());
        } catch (IOException e) {
            throw unreadable(record, logDataset, "its value is not JSON: " + e.getMessage(), e);
        }
        if (value == null || !value.isObject()) {
            throw unreadable(record, logDataset, "its value is not a JSON object", null);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Field f : logDataset.fields()) {
            JsonNode n = value.get(f.name());
            if (n != null) {
                try {
                    fields.put(f.name(), DebeziumJsonDecoder.typed(n, f.type()));
                } catch (IllegalArgumentException | DateTimeException e) {
                    throw unreadable(record, logDataset, "'" + f.name() + "' " + n + " is not a " + f.type().configName() + " (" + e.getMessage() + ")", e);
                }
            }
        }
        for (String k : logDataset.key()) {
            if (fields.get(k) == null) {
                throw unreadable(record, logDataset, "the event has no '" + k + "' (the dataset's key)", null);
            }
        }
        Row after = Row.of(fields);
        Row key = after.project(logDataset.key());
        Instant at = logDataset.timestamp().map(after::get).filter(Instant.class::isInstance).map(Instant.class::cast).orElse(record.timestamp());
        return Optional.of(new ChangeEvent(record.position(), "event:" + logDataset.ref() + ":" + key, ChangeOp.CREATE, key, null, after, at));
    }

    private static StoreException unreadable(LogRecord record, Dataset logDataset, String why, Exception cause) {
        return new StoreException("log record " + record.position() + " of " + logDataset.ref() + " is not an event Headwater can read: " + why, cause);
    }

}
