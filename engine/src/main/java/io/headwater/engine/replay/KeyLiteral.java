package io.headwater.engine.replay;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A key as a user types it, read by the key fields' types: {@code 42} for a dataset with one key
 * field, {@code id=42}, or {@code account=7,day=2024-05-01} for a composite key (every key field once,
 * in any order). A value may not contain a comma. Stateless.
 */
public final class KeyLiteral {
    private KeyLiteral() {
    }

    /**
     * The key row, with the key fields in the dataset's order.
     *
     * @throws IllegalArgumentException naming the key fields and their types when the text does not fit
     */
    public static Row parse(Dataset dataset, String text) {
        List<Field> keyFields = dataset.keyFields();
        if (keyFields.isEmpty()) {
            throw new IllegalArgumentException(dataset.ref() + " has no key");
        }
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw problem(dataset, "an empty key");
        }
        Map<String, String> given = new LinkedHashMap<>();
        if (t.indexOf('=') < 0) {
            if (keyFields.size() != 1) {
                throw problem(dataset, "'" + text + "' (the key is composite: name every field)");
            }
            given.put(keyFields.get(0).name(), t);
        } else {
            for (String part : t.split(",", -1)) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw problem(dataset, "'" + part + "' (expected field=value)");
                }
                String name = part.substring(0, eq).trim();
                if (given.put(name, part.substring(eq + 1).trim()) != null) {
                    throw problem(dataset, "'" + name + "' given twice");
                }
            }
        }
        Map<String, Object> key = new LinkedHashMap<>();
        for (Field f : keyFields) {
            String value = given.remove(f.name());
            if (value == null) {
                throw problem(dataset, "no value for key field '" + f.name() + "'");
            }
            key.put(f.name(), typed(dataset, f, value));
        }
        if (!given.isEmpty()) {
            throw problem(dataset, given.keySet() + ", which " + (given.size() == 1 ? "is" : "are") + " not key fields");
        }
        return Row.of(key);
    }

    /** The accepted form, for messages: {@code id (integer)} or {@code account (integer), day (date)}. */
    public static String describe(Dataset dataset) {
        return String.join(", ", dataset.keyFields().stream().map(f -> f.name() + " (" + f.type().configName() + ")").toList());
    }

    private static Object typed(Dataset dataset, Field f, String value) {
        if (!f.type().isKeyType()) {
            throw problem(dataset, "key field '" + f.name() + "' of type " + f.type().configName() + ", which cannot be typed in");
        }
        try {
            return switch (f.type()) {
                case INTEGER -> Long.parseLong(value);
                case UUID -> UUID.fromString(value);
                case DATE -> LocalDate.parse(value);
                default -> value;
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw problem(dataset, "'" + value + "' for " + f.name() + ", which is not " + article(f.type()), e);
        }
    }

    private static String article(FieldType type) {
        return switch (type) {
            case INTEGER -> "an integer";
            case UUID -> "a UUID";
            case DATE -> "a date (yyyy-MM-dd)";
            default -> "a " + type.configName();
        };
    }

    private static IllegalArgumentException problem(Dataset dataset, String what) {
        return problem(dataset, what, null);
    }

    private static IllegalArgumentException problem(Dataset dataset, String what, Exception cause) {
        return new IllegalArgumentException("not a key of " + dataset.ref() + ": " + what + "; its key fields are " + describe(dataset), cause);
    }
}
