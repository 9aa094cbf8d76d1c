package io.headwater.tests.attach;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A pipeline whose consume flow Headwater runs into a Redis cache: the demo's hosted PostgreSQL
 * customers, captured into the hosted Kafka broker, kept as hashes under a unique key prefix in a
 * writable Redis (the machine's, or a server a test started). {@link #close} deletes the prefix.
 */
final class RedisStorePipeline implements AutoCloseable {
    final String address;
    final String prefix;
    final Path config;
    final RedisClient client;
    final StatefulRedisConnection<String, String> redis;

    private RedisStorePipeline(String address, String prefix, Path config, RedisClient client, StatefulRedisConnection<String, String> redis) {
        this.address = address;
        this.prefix = prefix;
        this.config = config;
        this.client = client;
        this.redis = redis;
    }

    /**
     * Writes the config into {@code dir} (data under {@code dir/data}); skips the test, saying so, when no Redis answers.
     *
     * @param ttl the flow's {@code ttl:} (e.g. {@code 1h}), or null for none
     */
    static RedisStorePipeline create(Path dir, String address, String ttl) throws IOException {
        RedisClient client = RedisClient.create("redis://" + address);
        StatefulRedisConnection<String, String> redis;
        try {
            redis = client.connect();
        } catch (RedisException e) {
            client.shutdown();
            assumeTrue(false, "no Redis at " + address + ": skipped (" + e.getMessage() + ")");
            throw e;
        }
        String prefix = "hw-store-it-" + UUID.randomUUID().toString().substring(0, 8) + ":customer:";
        Path config = dir.resolve("redis-store.yaml");
        Files.writeString(config, """
                pipeline: redis-store
                demo: true
                data-dir: %s
                systems:
                  - id: pg
                    kind: postgres
                    role: record
                    embedded: true
                    datasets:
                      - id: customers
                        name: public.customers
                        key: id
                        timestamp: created_at
                        fields: { id: integer, name: string, email: string, phone: string, country: string, created_at: timestamp, updated_at: timestamp }
                  - id: kafka
                    kind: kafka
                    role: log
                    embedded: true
                    datasets:
                      - { id: customers, name: demo.public.customers }
                  - id: cache
                    kind: redis
                    role: derived
                    address: %s
                    writable: true
                    datasets:
                      - id: customers
                        layout: hash
                        key-prefix: "%s"
                        key: id
                        fields: { id: integer, name: string, email: string, country: string, created_at: timestamp }
                flows:
                  - { id: capture-customers, kind: cdc, from: pg.customers, to: kafka.customers }
                  - id: cache-customers
                    kind: consume
                    from: kafka.customers
                    to: cache.customers
                    runs: headwater
                %s    mapping:
                      id: id
                      name: name
                      email: lower(email)
                      country: country
                      created_at: created_at
                """.formatted(dir.resolve("data"), address, prefix, ttl == null ? "" : "    ttl: " + ttl + "\n"));
        return new RedisStorePipeline(address, prefix, config, client, redis);
    }

    Pipeline load() {
        return new PipelineLoader().load(config);
    }

    /** Every key under the prefix. */
    Set<String> keys() {
        Set<String> keys = new HashSet<>();
        ScanArgs args = ScanArgs.Builder.matches(prefix + "*").limit(1000);
        KeyScanCursor<String> c = redis.sync().scan(args);
        keys.addAll(c.getKeys());
        while (!c.isFinished()) {
            c = redis.sync().scan(c, args);
            keys.addAll(c.getKeys());
        }
        return keys;
    }

    /** The record keys under the prefix (Headwater's own {@code __hw:} keys left out). */
    Set<String> recordKeys() {
        Set<String> keys = new HashSet<>(keys());
        keys.removeIf(k -> k.startsWith(prefix + "__hw:"));
        return keys;
    }

    @Override
    public void close() {
        try {
            if (redis.isOpen()) {
                List<String> keys = new ArrayList<>(keys());
                for (int i = 0; i < keys.size(); i += 1000) {
                    redis.sync().del(keys.subList(i, Math.min(keys.size(), i + 1000)).toArray(String[]::new));
                }
            }
        } finally {
            redis.close();
            client.shutdown();
        }
    }
}
