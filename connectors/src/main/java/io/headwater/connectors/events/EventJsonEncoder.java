package io.headwater.connectors.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.engine.StoreException;
import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.util.Base64;

/**
 * Writes events as {@link EventJsonDecoder} reads them: a JSON object of the dataset's fields, with
 * decimals as strings (exact), timestamps as ISO-8601 instants and bytes as base64; the key is a
 * JSON object of the key fields. Thread-safe.
 */
public final class EventJsonEncoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Dataset dataset;

    public EventJsonEncoder(Dataset dataset) {
        this.dataset = dataset;
    }

    public byte[] value(Row event) {
        ObjectNode o = JSON.createObjectNode();
        for (Field f : dataset.fields()) {
            if (event.has(f.name())) {
                put(o, f, event.get(f.name()));
            }
        }
        return bytes(o);
    }

    public byte[] key(Row event) {
        ObjectNode o = JSON.createObjectNode();
        for (Field f : dataset.keyFields()) {
            put(o, f, event.get(f.name()));
        }
        return bytes(o);
    }

    private static void put(ObjectNode o, Field f, Object v) {
        if (v == null) {
            o.putNull(f.name());
            return;
        }
        switch (f.type()) {
            case INTEGER -> o.put(f.name(), ((Number) v).longValue());
            case FLOAT -> o.put(f.name(), ((Number) v).doubleValue());
            case BOOLEAN -> o.put(f.name(), (Boolean) v);
            case DECIMAL -> o.put(f.name(), ((BigDecimal) v).toPlainString());
            case BYTES -> o.put(f.name(), Base64.getEncoder().encodeToString((byte[]) v));
            case TIMESTAMP -> o.put(f.name(), CanonicalForm.truncate((java.time.Instant) v).toString());
            default -> o.put(f.name(), v.toString());
        }
    }

    private static byte[] bytes(ObjectNode o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write an event as JSON: " + e.getMessage(), e);
        }
    }
}
