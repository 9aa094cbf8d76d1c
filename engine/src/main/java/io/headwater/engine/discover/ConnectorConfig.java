package io.headwater.engine.discover;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to one connector's configuration: a value by the first of several keys (a current name
 * and its older ones), comma-separated lists, booleans. Immutable.
 */
record ConnectorConfig(String connector, Map<String, String> values) {

    /** The value of the first of {@code keys} that is set and not blank. */
    Optional<String> get(String... keys) {
        for (String key : keys) {
            String v = values.get(key);
            if (v != null && !v.isBlank()) {
                return Optional.of(v.trim());
            }
        }
        return Optional.empty();
    }

    /** The key among {@code keys} that {@link #get} would read, for messages. */
    Optional<String> keyOf(String... keys) {
        return Arrays.stream(keys).filter(k -> values.get(k) != null && !values.get(k).isBlank()).findFirst();
    }

    String getOr(String key, String otherwise) {
        return get(key).orElse(otherwise);
    }

    /** A comma-separated list, each entry trimmed, empty entries dropped. */
    List<String> list(String... keys) {
        return get(keys).map(ConnectorConfig::split).orElse(List.of());
    }

    static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    boolean bool(String key, boolean otherwise) {
        return get(key).map(v -> v.equalsIgnoreCase("true")).orElse(otherwise);
    }

    boolean has(String key) {
        return get(key).isPresent();
    }
}
