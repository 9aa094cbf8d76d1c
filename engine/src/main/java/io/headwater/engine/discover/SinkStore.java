package io.headwater.engine.discover;

import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.SystemKind;

/**
 * The store a sink connector writes into, as its configuration names it; never a password.
 *
 * @param kind        the Headwater system kind, or null where Headwater has none (S3)
 * @param flavor      what the store is: {@code postgresql}, {@code elasticsearch}, {@code redis}, {@code s3}
 * @param address     {@code host:port}, or for S3 the bucket
 * @param database    the SQL database or Redis database number, or null
 * @param user        the user, or null
 * @param hasPassword whether the connector is given a password
 * @param redisLayout how a Redis sink stores a record, or null
 */
public record SinkStore(SystemKind kind, String flavor, String address, String database, String user, boolean hasPassword,
                        RedisLayout redisLayout) {

    /** {@code postgresql 127.0.0.1:5432/shop}. */
    public String describe() {
        return flavor + " " + address + (database == null ? "" : "/" + database);
    }
}
