package io.headwater.connectors.debezium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.connectors.kafka.SchemaRegistryFraming;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.LogRecord;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * Decodes the records that Debezium's {@code ExtractNewRecordState} transform writes, in JSON with or
 * without the schema envelope (see {@link ConnectJson}): the value is the row after the change.
 * <ul>
 *   <li>A delete is a tombstone (null value, the key present), or, under
 *       {@code delete.handling.mode=rewrite} / {@code delete.tombstone.handling.mode=rewrite}, the row before the
 *       delete with {@code "__deleted": "true"}; either decodes as a DELETE of the key.</li>
 *   <li>Fields the transform adds ({@code add.fields}: {@code __op}, {@code __table}, {@code __lsn},
 *       {@code __source_ts_ms}, …; any name starting with {@code __}) are metadata, never columns.</li>
 *   <li>The op is {@code __op} when added; otherwise a row is an upsert, decoded as an UPDATE.</li>
 *   <li>The commit time is {@code __source_ts_us} or {@code __source_ts_ms} when added, else the record's timestamp.</li>
 *   <li>The event id is {@code <__lsn or the record's position>:<dataset>:<key json>}.</li>
 * </ul>
 * Values are typed as {@link DebeziumJsonDecoder} types them. A record framed for a schema registry
 * (Avro) is refused. Thread-safe and stateless.
 */
public final class FlattenedJsonDecoder implements ChangeDecoder {
    /** Decimal numbers are kept as written (JsonConverter's {@code decimal.format=NUMERIC}), not rounded to a double. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String METADATA_PREFIX = "__";

    @Override
    public Optional<ChangeEvent> decode(LogRecord record, Dataset logDataset) {
        SchemaRegistryFraming.rejectFramed(record, logDataset);
        ConnectJson key = record.key() == null ? null : ConnectJson.of(DebeziumJsonDecoder.parse(record, record.key(), "key"));
        ConnectJson value = record.value() == null ? null : ConnectJson.of(DebeziumJsonDecoder.parse(record, record.value(), "value"));
        try {
            if (value == null || value.isNull()) {
                return tombstone(record, logDataset, key);
            }
            JsonNode row = value.payload();
            if (!row.isObject()) {
                throw new IllegalArgumentException("the value is not a row (a JSON object) but " + row.getNodeType());
            }
            ChangeOp op = deleted(row.get("__deleted")) ? ChangeOp.DELETE
                    : row.hasNonNull("__op") ? DebeziumJsonDecoder.op(row.get("__op").asText()) : ChangeOp.UPDATE;
            Row image = RowImages.row(row, value.schema(), logDataset, name -> !name.startsWith(METADATA_PREFIX));
            Row keyRow = RowImages.key(key == null ? null : key.payload(), key == null ? null : key.schema(), logDataset, image);
            String position = row.hasNonNull("__lsn") ? row.get("__lsn").asText() : record.position().toString();
            return Optional.of(new ChangeEvent(record.position(), eventId(position, logDataset, key), op, keyRow,
                    op.removes() ? image : null, op.removes() ? null : image, committedAt(row, record)));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException | JsonProcessingException e) {
            throw new StoreException("log record " + record.position() + " of " + logDataset.ref()
                    + " is not a flattened change record Headwater can read: " + e.getMessage(), e);
        }
    }

    /** A tombstone deletes its key; one without a key carries nothing. */
    private static Optional<ChangeEvent> tombstone(LogRecord record, Dataset logDataset, ConnectJson key) throws JsonProcessingException {
        if (key == null || key.isNull()) {
            return Optional.empty();
        }
        Row keyRow = RowImages.key(key.payload(), key.schema(), logDataset, null);
        return Optional.of(new ChangeEvent(record.position(), eventId(record.position() + ":tombstone", logDataset, key), ChangeOp.DELETE,
                keyRow, null, null, record.timestamp()));
    }

    private static String eventId(String position, Dataset logDataset, ConnectJson key) throws JsonProcessingException {
        return position + ":" + logDataset.ref() + ":" + (key == null ? "null" : JSON.writeValueAsString(key.payload()));
    }

    /** The transform writes {@code "true"}; a boolean {@code true} is taken as well. */
    private static boolean deleted(JsonNode n) {
        return n != null && (n.isBoolean() ? n.asBoolean() : n.asText().trim().equalsIgnoreCase("true"));
    }

    private static Instant committedAt(JsonNode row, LogRecord record) {
        if (row.hasNonNull("__source_ts_us")) {
            return ConnectValues.instantFromMicros(row.get("__source_ts_us").asLong());
        }
        if (row.hasNonNull("__source_ts_ms")) {
            return Instant.ofEpochMilli(row.get("__source_ts_ms").asLong());
        }
        return record.timestamp();
    }
}
