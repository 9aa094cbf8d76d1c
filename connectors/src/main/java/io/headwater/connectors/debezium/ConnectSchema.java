package io.headwater.connectors.debezium;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Kafka Connect schema as JsonConverter writes it beside a payload ({@code schemas.enable=true}),
 * read as far as decoding needs it: the type, the logical name ({@code org.apache.kafka.connect.data.Decimal},
 * {@code io.debezium.time.MicroTimestamp}, …), its parameters (a decimal's {@code scale}) and, for a
 * struct, the schemas of its fields.
 *
 * @param type       the Connect type: {@code int64}, {@code string}, {@code bytes}, {@code struct}, …
 * @param name       the logical name; null when the schema has none
 * @param parameters the schema's parameters, as strings
 * @param fields     a struct's field schemas by field name; empty for other types
 */
record ConnectSchema(String type, String name, Map<String, String> parameters, Map<String, ConnectSchema> fields) {
    ConnectSchema {
        parameters = Map.copyOf(parameters);
        fields = Map.copyOf(fields);
    }

    /** The schema written as {@code node}; null when {@code node} is absent or JSON null. */
    static ConnectSchema of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        node.path("parameters").properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
        Map<String, ConnectSchema> fields = new LinkedHashMap<>();
        for (JsonNode f : node.path("fields")) {
            ConnectSchema s = of(f);
            if (s != null && f.hasNonNull("field")) {
                fields.put(f.get("field").asText(), s);
            }
        }
        String name = node.hasNonNull("name") ? node.get("name").asText() : null;
        return new ConnectSchema(node.path("type").asText(""), name, parameters, fields);
    }

    /** The schema of field {@code field} of a struct; null when {@code struct} is null or has no such field. */
    static ConnectSchema field(ConnectSchema struct, String field) {
        return struct == null ? null : struct.fields().get(field);
    }
}
