package io.headwater.engine.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a Redis dataset stores one record under its key ({@code <key-prefix><record key>}): the config
 * key {@code layout} of a redis dataset.
 */
public enum RedisLayout {
    /** A hash: one hash field per dataset field (what {@code HSET} and most sink connectors write). */
    HASH,
    /** A string holding one JSON object with the dataset's fields. */
    JSON,
    /** A string holding the value of the dataset's single non-key field. */
    STRING;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RedisLayout> fromConfigName(String name) {
        return Arrays.stream(values()).filter(l -> l.configName().equals(name)).findFirst();
    }
}
