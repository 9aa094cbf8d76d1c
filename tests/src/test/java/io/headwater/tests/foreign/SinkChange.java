package io.headwater.tests.foreign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One change the user's sink applies, decoded from a Kafka record in any of the connector's formats:
 * Debezium's envelope ({@code op} c/u/r upserts {@code after}, d deletes), the flattened row of
 * {@code ExtractNewRecordState} ({@code __deleted=true} deletes), a tombstone (deletes by key), each with or
 * without the converter's schema envelope.
 *
 * @param key the key column's value as text
 * @param row the new row (column name to value) for an upsert; null for a delete
 */
record SinkChange(String key, JsonNode row) {
    private static final ObjectMapper JSON = new ObjectMapper();

    boolean isDelete() {
        return row == null;
    }

    /** Decodes a record of {@code table}'s topic; null when it changes nothing (a tombstone after a delete event still deletes, harmlessly). */
    static SinkChange decode(BankSchema.TableShape table, String recordKey, String recordValue) {
        JsonNode key = payload(parse(recordKey, "key"));
        String keyValue = key == null ? null : key.path(table.keyColumn()).asText(null);
        JsonNode value = payload(parse(recordValue, "value"));
        if (value == null) {
            if (keyValue == null) {
                throw new ForeignPipelineException("a tombstone without a key on table " + table.name());
            }
            return new SinkChange(keyValue, null);
        }
        if (value.has("op") && value.has("after")) {
            String op = value.path("op").asText();
            JsonNode image = op.equals("d") ? value.path("before") : value.path("after");
            String id = image.path(table.keyColumn()).asText(keyValue);
            return switch (op) {
                case "c", "u", "r" -> new SinkChange(id, image);
                case "d" -> new SinkChange(id, null);
                default -> null; // 't' (truncate) and 'm' (message) do not change a row
            };
        }
        String id = value.path(table.keyColumn()).asText(keyValue);
        return value.path("__deleted").asText("false").equals("true") ? new SinkChange(id, null) : new SinkChange(id, value);
    }

    private static JsonNode parse(String text, String what) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new ForeignPipelineException("the record's " + what + " is not JSON: " + text, e);
        }
    }

    /** The payload of the converter's schema envelope, or the node itself when it has none. */
    private static JsonNode payload(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.has("schema") && node.has("payload")) {
            JsonNode payload = node.get("payload");
            return payload.isNull() ? null : payload;
        }
        return node;
    }
}
