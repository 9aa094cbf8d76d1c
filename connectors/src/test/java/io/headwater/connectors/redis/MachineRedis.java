package io.headwater.connectors.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The machine's Redis at 127.0.0.1:6379 for one test: a unique key prefix, an admin connection,
 * and an endpoint for a {@code writable} system; {@link #close} deletes every key under the prefix.
 * Skips the test, saying so, when no server answers.
 */
final class MachineRedis implements AutoCloseable {
    static final String ADDRESS = "127.0.0.1:6379";

    final String prefix;
    final RedisClient client;
    final StatefulRedisConnection<String, String> admin;
    private final List<RedisEndpoint> endpoints = new ArrayList<>();

    private MachineRedis(String prefix, RedisClient client, StatefulRedisConnection<String, String> admin) {
        this.prefix = prefix;
        this.client = client;
        this.admin = admin;
    }

    static MachineRedis open(String what) {
        RedisClient client = RedisClient.create("redis://" + ADDRESS);
        try {
            StatefulRedisConnection<String, String> admin = client.connect();
            admin.sync().ping();
            return new MachineRedis("hw-" + what + "-" + UUID.randomUUID().toString().substring(0, 8) + ":", client, admin);
        } catch (RedisException e) {
            client.shutdown();
            assumeTrue(false, "no Redis server at " + ADDRESS + ": skipped (" + e.getMessage() + ")");
            throw e;
        }
    }

    /** A system at this server; writable or not. */
    static SystemSpec system(String address, boolean writable) {
        return new SystemSpec("cache", SystemKind.REDIS, Role.DERIVED, false, writable, new Connection(address, "0", null, null, null),
                Map.of(), List.of());
    }

    /** An endpoint on a writable system, closed with this. */
    RedisEndpoint endpoint() {
        SystemSpec s = system(ADDRESS, true);
        RedisEndpoint e = RedisEndpoint.of(s, s.connection(), Duration.ofSeconds(10));
        endpoints.add(e);
        return e;
    }

    /** Every key under the prefix (SCAN repeats dropped). */
    Set<String> keys() {
        Set<String> keys = new HashSet<>();
        RedisKeyScan.each(admin.sync(), RedisNames.glob(prefix) + "*", keys::addAll);
        return keys;
    }

    @Override
    public void close() {
        try {
            List<String> keys = new ArrayList<>(keys());
            for (int i = 0; i < keys.size(); i += 1000) {
                admin.sync().del(keys.subList(i, Math.min(keys.size(), i + 1000)).toArray(String[]::new));
            }
        } finally {
            endpoints.forEach(RedisEndpoint::close);
            admin.close();
            client.shutdown();
        }
    }
}
