package io.headwater.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;

/**
 * The mapping of an index Headwater's sink creates, from the dataset's field types, and the JSON
 * document of a row. Key fields are {@code keyword} or {@code long} with doc values so that scans sort
 * on them; every string is a {@code keyword} (exact terms, for lookups by subject in the audits).
 * Documents keep each value exactly: decimals as JSON numbers written digit for digit, timestamps as
 * ISO-8601 text with all their fractional digits, dates as {@code yyyy-MM-dd}, bytes as base64; the
 * {@code _source} is what the reader reads back, so the index's own rounding of a {@code double} or
 * a millisecond {@code date} never shows. Stateless.
 */
final class SearchMappings {
    private static final int KEYWORD_LIMIT = 8_191;

    private SearchMappings() {
    }

    /** The {@code mappings} object of a new index for {@code dataset}, with an empty {@code _meta}. */
    static ObjectNode mappings(Dataset dataset) {
        ObjectNode mappings = OpenSearchRest.JSON.createObjectNode();
        mappings.put("dynamic", false);
        mappings.putObject("_meta");
        ObjectNode properties = mappings.putObject("properties");
        for (Field f : dataset.fields()) {
            properties.set(f.name(), type(f.type(), dataset.key().contains(f.name())));
        }
        return mappings;
    }

    private static ObjectNode type(FieldType type, boolean key) {
        ObjectNode t = OpenSearchRest.JSON.createObjectNode();
        switch (type) {
            case INTEGER -> t.put("type", "long");
            case DECIMAL, FLOAT -> t.put("type", "double");
            case BOOLEAN -> t.put("type", "boolean");
            case TIMESTAMP -> t.put("type", "date").put("format", "strict_date_optional_time||epoch_millis");
            case DATE -> t.put("type", "date").put("format", "strict_date||epoch_millis");
            case BYTES -> t.put("type", "binary");
            case STRING, UUID -> {
                t.put("type", "keyword");
                if (!key) {
                    t.put("ignore_above", KEYWORD_LIMIT);
                }
            }
        }
        return t;
    }

    /** The document of {@code row}: each field of the dataset, null where the row has none. */
    static ObjectNode document(Row row, Dataset dataset) {
        ObjectNode doc = OpenSearchRest.JSON.createObjectNode();
        for (Field f : dataset.fields()) {
            doc.set(f.name(), json(row.get(f.name())));
        }
        return doc;
    }

    private static JsonNode json(Object value) {
        if (value == null) {
            return OpenSearchRest.JSON.nullNode();
        }
        if (value instanceof byte[] bytes) {
            return OpenSearchRest.JSON.getNodeFactory().textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof Instant || value instanceof LocalDate || value instanceof UUID) {
            return OpenSearchRest.JSON.getNodeFactory().textNode(value.toString());
        }
        return OpenSearchRest.JSON.valueToTree(value);
    }
}
