package io.headwater.tests.attach;

import static io.headwater.tests.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.headwater.tests.CliRun.Result;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache that an application keeps from a PostgreSQL table (a copy with no log between them):
 * the user's PostgreSQL and the user's Redis at 127.0.0.1:6379, both attached. {@code headwater
 * verify} compares the table through the copy's mapping with the Redis hashes under a random key
 * prefix, and finds a damaged field and a missing key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttachedRedisCopyIT {
    private static final int ROWS = 500;
    private static final String REDIS = "127.0.0.1:6379";
    private static final String PREFIX = "hw-copy-it-" + UUID.randomUUID().toString().substring(0, 8) + ":customer:";

    @TempDir
    static Path dir;

    static String source;
    static Path config;
    static RedisClient client;
    static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void seed() throws SQLException, IOException {
        LocalPostgres.assumeRunning();
        client = RedisClient.create("redis://" + REDIS);
        try {
            redis = client.connect();
        } catch (RedisException e) {
            client.shutdown();
            client = null;
            assumeTrue(false, "no Redis at " + REDIS + ": skipped (" + e.getMessage() + ")");
        }
        source = LocalPostgres.createDatabase("hw_cache_src");
        LocalPostgres.execute(source,
                "CREATE TABLE public.customers (id bigint PRIMARY KEY, email text, balance numeric(12,2))",
                "INSERT INTO public.customers (id, email, balance) SELECT i, 'C' || i || '@Example.com', i * 1.25 "
                        + "FROM generate_series(1, " + ROWS + ") i");
        RedisCommands<String, String> r = redis.sync();
        for (int i = 1; i <= ROWS; i++) {
            r.hset(PREFIX + i, Map.of("email", ("C" + i + "@Example.com").toLowerCase(java.util.Locale.ROOT),
                    "balance", new java.math.BigDecimal(i).multiply(new java.math.BigDecimal("1.25")).toPlainString()));
        }
        config = dir.resolve("cache.yaml");
        Files.writeString(config, """
                pipeline: cache-check
                data-dir: %s
                systems:
                  - id: main
                    kind: postgres
                    role: record
                    address: %s
                    database: %s
                    user: postgres
                    datasets:
                      - id: customers
                        name: public.customers
                        key: id
                        fields: { id: integer, email: string, balance: decimal }
                  - id: cache
                    kind: redis
                    role: derived
                    address: %s
                    datasets:
                      - id: customers
                        layout: hash
                        key-prefix: "%s"
                        key: id
                        fields: { id: integer, email: string, balance: decimal }
                flows:
                  - id: cache-customers
                    kind: copy
                    from: main.customers
                    to: cache.customers
                    mapping:
                      id: id
                      email: lower(email)
                      balance: balance
                """.formatted(dir.resolve("data"), LocalPostgres.ADDRESS, source, REDIS, PREFIX));
    }

    @AfterAll
    static void clean() throws SQLException {
        LocalPostgres.dropDatabase(source);
        if (client != null) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i <= ROWS + 1; i++) {
                keys.add(PREFIX + i);
            }
            redis.sync().del(keys.toArray(String[]::new));
            redis.close();
            client.shutdown();
        }
    }



    @Test
    @Order(1)
    void aCacheThatMatchesItsTableThroughTheMappingVerifiesCleanAndStatusCountsItsKeys() {
        Result status = run("status", "--config", config.toString());
        Result verify = run("verify", "--config", config.toString());

        assertThat(status.code()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains("cache").contains(REDIS).contains(String.format("%,d", ROWS));

        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("cache-customers").contains("CLEAN").contains(String.format("compared %,d records", ROWS));
    }

    @Test
    @Order(2)
    void findsAFieldDamagedInTheCacheAndAKeyMissingFromIt() {
        RedisCommands<String, String> r = redis.sync();
        r.hset(PREFIX + 77, "email", "wrong@example.com");
        r.del(PREFIX + 150);
        try {
            Result verify = run("verify", "--config", config.toString());

            assertThat(verify.code()).as(verify.out() + verify.err()).isEqualTo(1);
            assertThat(verify.out()).contains("CORRUPT").contains("missing 1").contains("mismatched 1")
                    .contains("{id=77}").contains("fields [email]").contains("{id=150}");
        } finally {
            r.hset(PREFIX + 77, "email", "c77@example.com");
            r.hset(PREFIX + 150, Map.of("email", "c150@example.com", "balance", "187.50"));
        }
    }
}
