package io.headwater.connectors.redis;

import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.RedisKeyspace;
import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DerivedSink;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A benchmark's dataset on a Redis server: hashes under a fresh key prefix
 * ({@code hw-bench-<random>:<name>:}), written through a {@link RedisSink} and read through a
 * {@link RedisReader}; {@link #close} deletes every key under the prefix (SCAN and UNLINK, in
 * batches), so the server is left as it was. Not thread-safe.
 */
public final class RedisBenchStore implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final RedisEndpoint endpoint;
    private final Dataset dataset;

    private RedisBenchStore(RedisEndpoint endpoint, Dataset dataset) {
        this.endpoint = endpoint;
        this.dataset = dataset;
    }

    /** {@code table} kept as hashes on the server at {@code address} (host:port), under a new prefix. */
    public static RedisBenchStore open(String address, Dataset table) {
        SystemSpec system = new SystemSpec("bench-redis", SystemKind.REDIS, Role.DERIVED, false, true,
                new Connection(address, "0", null, null, null), Map.of(), List.of());
        RedisEndpoint endpoint = RedisEndpoint.of(system, system.connection(), TIMEOUT);
        String prefix = "hw-bench-" + UUID.randomUUID().toString().substring(0, 8) + ":" + table.physicalName() + ":";
        return new RedisBenchStore(endpoint, table.withKeyspace(new RedisKeyspace(RedisLayout.HASH, prefix)));
    }

    /** The dataset, with its key prefix. */
    public Dataset dataset() {
        return dataset;
    }

    /** A sink writing the dataset's keys; close it when done. */
    public DerivedSink sink(Flow flow) {
        return RedisSink.open(endpoint, dataset, flow, TIMEOUT);
    }

    /** A reader of the dataset's keys; close it when done. */
    public RedisReader reader() {
        return RedisReader.open(endpoint, dataset, TIMEOUT);
    }

    /** Deletes every key under the prefix, then releases the client. */
    @Override
    public void close() {
        try (StatefulRedisConnection<String, String> c = endpoint.connect()) {
            RedisKeyScan.each(c.sync(), RedisNames.of(dataset.redisKeyspace().orElseThrow()).everyKeyPattern(), keys -> {
                if (!keys.isEmpty()) {
                    c.sync().unlink(keys.toArray(String[]::new));
                }
            });
        } finally {
            endpoint.close();
        }
    }
}
