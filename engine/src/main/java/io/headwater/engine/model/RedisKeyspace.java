package io.headwater.engine.model;

import java.util.Objects;

/**
 * Where and how a Redis dataset keeps its records: every Redis key starting with {@code keyPrefix}
 * is one record, whose key is the rest of the Redis key, stored in {@code layout}.
 *
 * @param layout    how a record is stored under its key
 * @param keyPrefix the prefix of the dataset's Redis keys, e.g. {@code customer:}; may be empty
 */
public record RedisKeyspace(RedisLayout layout, String keyPrefix) {
    public RedisKeyspace {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
    }

    /** The Redis key of the record whose key reads {@code recordKey}. */
    public String redisKey(String recordKey) {
        return keyPrefix + recordKey;
    }
}
