package io.headwater.connectors.debezium;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A record key or value as Kafka Connect's JsonConverter writes it: with {@code schemas.enable=true}
 * an object of exactly two fields, {@code schema} and {@code payload}; without, the payload alone.
 * Told apart per record, so a topic whose converter setting changed reads through.
 *
 * @param payload the data
 * @param schema  its schema; null when the record was written without one
 */
record ConnectJson(JsonNode payload, ConnectSchema schema) {

    /** Splits {@code node} into payload and schema when it is a schema envelope; otherwise the node is the payload. */
    static ConnectJson of(JsonNode node) {
        if (node != null && node.isObject() && node.size() == 2 && node.has("schema") && node.has("payload")) {
            return new ConnectJson(node.get("payload"), ConnectSchema.of(node.get("schema")));
        }
        return new ConnectJson(node, null);
    }

    /** Whether there is no data (absent, or JSON null). */
    boolean isNull() {
        return payload == null || payload.isNull() || payload.isMissingNode();
    }
}
