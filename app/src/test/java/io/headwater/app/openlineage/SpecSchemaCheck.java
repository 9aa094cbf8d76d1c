package io.headwater.app.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.OffsetDateTime;

/**
 * A small JSON Schema (2020-12) check, enough for the OpenLineage specification's schemas in
 * {@code src/test/resources/openlineage-spec}: {@code $ref} (within a file and across files by
 * {@code $id}), {@code allOf}, {@code type}, {@code required}, {@code properties},
 * {@code additionalProperties}, {@code items}, {@code enum} and the formats {@code uri},
 * {@code uuid} and {@code date-time}. Returns every violation, each with its JSON path.
 */
final class SpecSchemaCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Map<String, JsonNode> documents = new HashMap<>();

    /** Loads the schema resources named; each is known by its {@code $id}. */
    SpecSchemaCheck(String... resources) {
        for (String r : resources) {
            try (InputStream in = SpecSchemaCheck.class.getResourceAsStream("/openlineage-spec/" + r)) {
                if (in == null) {
                    throw new IllegalArgumentException("no schema resource " + r);
                }
                JsonNode doc = MAPPER.readTree(in);
                documents.put(doc.get("$id").asText(), doc);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    boolean knows(String documentUrl) {
        return documents.containsKey(documentUrl);
    }

    /** The property names a facet document declares at its top level (facet name to its definition). */
    Map<String, String> facetNames(String documentUrl) {
        Map<String, String> names = new HashMap<>();
        JsonNode props = documents.get(documentUrl).path("properties");
        props.fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().path("$ref").asText()));
        return names;
    }

    /** Every violation of the definition a URL with a fragment names ({@code ...json#/$defs/RunEvent}). */
    List<String> check(JsonNode value, String schemaUrl) {
        List<String> errors = new ArrayList<>();
        Resolved r = resolve(schemaUrl, null);
        validate(value, r.schema, r.base, "$", errors);
        return errors;
    }

    private record Resolved(JsonNode schema, String base) {
    }

    private Resolved resolve(String ref, String base) {
        String url = ref.startsWith("#") ? base + ref : ref;
        int hash = url.indexOf('#');
        String doc = hash < 0 ? url : url.substring(0, hash);
        String pointer = hash < 0 ? "" : url.substring(hash + 1);
        JsonNode root = documents.get(doc);
        if (root == null) {
            throw new IllegalArgumentException("schema " + doc + " is not loaded (referenced as " + ref + ")");
        }
        JsonNode node = pointer.isEmpty() ? root : root.at(pointer);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("no " + pointer + " in " + doc);
        }
        return new Resolved(node, doc);
    }

    private void validate(JsonNode value, JsonNode schema, String base, String path, List<String> errors) {
        if (schema.has("$ref")) {
            Resolved r = resolve(schema.get("$ref").asText(), base);
            validate(value, r.schema, r.base, path, errors);
        }
        for (JsonNode sub : schema.path("allOf")) {
            validate(value, sub, base, path, errors);
        }
        if (schema.has("type") && !hasType(value, schema.get("type").asText())) {
            errors.add(path + ": expected " + schema.get("type").asText() + ", got " + value.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("format") && value.isTextual()) {
            format(value.asText(), schema.get("format").asText(), path, errors);
        }
        if (value.isObject()) {
            for (JsonNode req : schema.path("required")) {
                if (!value.has(req.asText())) {
                    errors.add(path + ": required '" + req.asText() + "' is missing");
                }
            }
            JsonNode props = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path + "." + e.getKey();
                if (props.has(e.getKey())) {
                    validate(e.getValue(), props.get(e.getKey()), base, child, errors);
                } else if (additional != null && additional.isObject()) {
                    validate(e.getValue(), additional, base, child, errors);
                } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                    errors.add(child + ": not allowed");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) {
                validate(item, schema.get("items"), base, path + "[" + i++ + "]", errors);
            }
        }
    }

    private static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            default -> true;
        };
    }

    private static void format(String text, String format, String path, List<String> errors) {
        try {
            switch (format) {
                case "uri" -> {
                    if (URI.create(text).getScheme() == null) {
                        errors.add(path + ": '" + text + "' is not an absolute URI");
                    }
                }
                case "uuid" -> UUID.fromString(text);
                case "date-time" -> OffsetDateTime.parse(text);
                default -> { }
            }
        } catch (RuntimeException e) {
            errors.add(path + ": '" + text + "' is not a " + format + ": " + e.getMessage());
        }
    }
}
