package io.headwater.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.headwater.connectors.SystemAdapters;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.RedisKeyspace;
import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.Row;
import io.headwater.engine.model.Secret;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.SystemAdapter;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import io.lettuce.core.AclCategory;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisReader} and {@link RedisAdapter} on the machine's Redis at 127.0.0.1:6379, under a
 * random key prefix deleted afterwards. The reader connects as an ACL user that may run read
 * commands only, so a write it sent would fail; and every key is dumped before and after.
 */
class RedisReaderIT {
    private static final String ADDRESS = "127.0.0.1:6379";
    private static final String PREFIX = "hw-it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private static final String USER = PREFIX.replace(":", "") + "-reader";
    private static final String PASSWORD = UUID.randomUUID().toString();
    private static final int MANY = 3000;

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> admin;
    private static Map<String, Snapshot> before;

    private record Snapshot(byte[] dump, long pttl) {
    }

    @BeforeAll
    static void seed() {
        client = RedisClient.create("redis://" + ADDRESS);
        try {
            admin = client.connect();
            admin.sync().ping();
        } catch (RedisException e) {
            client.shutdown();
            client = null;
            assumeTrue(false, "no Redis server at " + ADDRESS + ": skipped (" + e.getMessage() + ")");
        }
        RedisCommands<String, String> r = admin.sync();
        // A new ACL user may run nothing; this one gets the read and connection commands only, so a write would fail.
        r.aclSetuser(USER, AclSetuserArgs.Builder.on().addPassword(PASSWORD).allKeys().allChannels()
                .addCategory(AclCategory.READ).addCategory(AclCategory.CONNECTION));
        // hash layout, integer keys whose text order differs from their numeric order
        r.hset(key("h:", "10"), Map.of("name", "ten", "balance", "10.50", "born", "1990-01-10", "active", "true"));
        r.hset(key("h:", "2"), Map.of("name", "two", "balance", "2", "born", "1990-01-02", "active", "false"));
        r.hset(key("h:", "100"), Map.of("name", "hundred", "balance", "-100.25", "active", "true")); // no born
        r.hset(key("h:", "33"), Map.of("name", "thirty-three", "balance", "0.33", "born", "1990-01-30", "active", "true"));
        r.pexpire(key("h:", "33"), 600_000);
        // json layout, string keys ordered by code point
        r.set(key("j:", "b"), "{\"name\":\"bee\",\"balance\":1.5,\"born\":\"2001-02-03\",\"active\":true}");
        r.set(key("j:", "Z"), "{\"name\":\"zed\",\"balance\":\"7\"}");
        r.set(key("j:", "é"), "{\"name\":\"e acute\",\"balance\":3,\"active\":false,\"extra\":42}");
        r.set(key("j:", "a"), "{\"name\":null,\"balance\":0}");
        // string layout, one value field
        r.set(key("s:", "7"), "70.5");
        r.set(key("s:", "-3"), "-30");
        r.set(key("s:", "12"), "120");
        // many keys, over several SCAN rounds
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < MANY; i++) {
            many.put(key("m:", Integer.toString(i)), Integer.toString(i * 2));
        }
        r.mset(many);
        // a key of the prefix holding the wrong type for its layout
        r.set(key("w:", "1"), "not a hash");
        before = snapshot();
    }

    @AfterAll
    static void clean() {
        if (client == null) {
            return;
        }
        try {
            assertThat(snapshotEquals(before, snapshot())).as("the reader changed no key under " + PREFIX).isTrue();
        } finally {
            List<String> keys = testKeys();
            for (int i = 0; i < keys.size(); i += 500) {
                admin.sync().del(keys.subList(i, Math.min(keys.size(), i + 500)).toArray(String[]::new));
            }
            admin.sync().aclDeluser(USER);
            admin.close();
            client.shutdown();
        }
    }

    private static String key(String sub, String recordKey) {
        return PREFIX + sub + recordKey;
    }

    private static List<String> testKeys() {
        List<String> keys = new ArrayList<>();
        ScanArgs args = ScanArgs.Builder.matches(PREFIX + "*").limit(1000);
        KeyScanCursor<String> c = admin.sync().scan(args);
        keys.addAll(c.getKeys());
        while (!c.isFinished()) {
            c = admin.sync().scan(c, args);
            keys.addAll(c.getKeys());
        }
        return new ArrayList<>(new HashSet<>(keys));
    }

    private static Map<String, Snapshot> snapshot() {
        Map<String, Snapshot> s = new HashMap<>();
        StatefulRedisConnection<String, byte[]> raw = client.connect(new io.lettuce.core.codec.RedisCodec<String, byte[]>() {
            @Override
            public String decodeKey(java.nio.ByteBuffer bytes) {
                return java.nio.charset.StandardCharsets.UTF_8.decode(bytes).toString();
            }

            @Override
            public byte[] decodeValue(java.nio.ByteBuffer bytes) {
                byte[] b = new byte[bytes.remaining()];
                bytes.get(b);
                return b;
            }

            @Override
            public java.nio.ByteBuffer encodeKey(String key) {
                return java.nio.charset.StandardCharsets.UTF_8.encode(key);
            }

            @Override
            public java.nio.ByteBuffer encodeValue(byte[] value) {
                return java.nio.ByteBuffer.wrap(value);
            }
        });
        try (raw) {
            for (String k : testKeys()) {
                long pttl = raw.sync().pttl(k);
                // a TTL counts down: compare whether a key has one, not its exact value
                s.put(k, new Snapshot(raw.sync().dump(k), pttl < 0 ? pttl : 1));
            }
        }
        return s;
    }

    private static boolean snapshotEquals(Map<String, Snapshot> a, Map<String, Snapshot> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue().dump(), b.get(e.getKey()).dump())
                && e.getValue().pttl() == b.get(e.getKey()).pttl());
    }

    private static Dataset dataset(String id, RedisLayout layout, String sub, FieldType keyType, List<Field> values) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("id", keyType));
        fields.addAll(values);
        return new Dataset(new DatasetRef("cache", id), id, List.of("id"), fields, null, null, new RedisKeyspace(layout, PREFIX + sub));
    }

    private static final List<Field> PERSON = List.of(new Field("name", FieldType.STRING), new Field("balance", FieldType.DECIMAL),
            new Field("born", FieldType.DATE), new Field("active", FieldType.BOOLEAN));
    private static final Dataset HASHES = dataset("hashes", RedisLayout.HASH, "h:", FieldType.INTEGER, PERSON);
    private static final Dataset JSONS = dataset("jsons", RedisLayout.JSON, "j:", FieldType.STRING, PERSON);
    private static final Dataset STRINGS = dataset("strings", RedisLayout.STRING, "s:", FieldType.INTEGER,
            List.of(new Field("amount", FieldType.DECIMAL)));
    private static final Dataset MANY_STRINGS = dataset("many", RedisLayout.STRING, "m:", FieldType.INTEGER,
            List.of(new Field("twice", FieldType.INTEGER)));
    private static final Dataset WRONG = dataset("wrong", RedisLayout.HASH, "w:", FieldType.INTEGER, PERSON);

    private static SystemSpec system(String address, String password) {
        Connection c = new Connection(address, "0", USER, password == null ? null : Secret.literal(password), null);
        return new SystemSpec("cache", SystemKind.REDIS, Role.DERIVED, false, false, c, Map.of(),
                List.of(HASHES, JSONS, STRINGS, MANY_STRINGS));
    }

    private static SystemAdapter adapter() {
        SystemSpec s = system(ADDRESS, PASSWORD);
        return SystemAdapters.open(s, new SystemAdapters.Place(null, s.connection(), Duration.ofSeconds(10)));
    }

    private static List<Row> scan(SystemAdapter adapter, Dataset d) {
        List<Row> rows = new ArrayList<>();
        try (DatasetReader reader = adapter.reader(d).orElseThrow()) {
            reader.scan(rows::add);
        }
        return rows;
    }

    private static Row person(Object id, String name, String balance, LocalDate born, Boolean active) {
        return Row.of("id", id, "name", name, "balance", balance == null ? null : new BigDecimal(balance), "born", born, "active", active);
    }

    @Test
    void readsHashesIntoTypedRowsInNumericKeyOrderWithMissingFieldsNull() {
        try (SystemAdapter adapter = adapter()) {
            assertThat(scan(adapter, HASHES)).containsExactly(
                    person(2L, "two", "2", LocalDate.of(1990, 1, 2), false),
                    person(10L, "ten", "10.50", LocalDate.of(1990, 1, 10), true),
                    person(33L, "thirty-three", "0.33", LocalDate.of(1990, 1, 30), true),
                    person(100L, "hundred", "-100.25", null, true));
        }
    }

    @Test
    void readsJsonStringsIntoTypedRowsInCodePointKeyOrder() {
        try (SystemAdapter adapter = adapter()) {
            assertThat(scan(adapter, JSONS)).containsExactly(
                    person("Z", "zed", "7", null, null),
                    person("a", null, "0", null, null),
                    person("b", "bee", "1.5", LocalDate.of(2001, 2, 3), true),
                    person("é", "e acute", "3", null, false));
        }
    }

    @Test
    void readsPlainStringsIntoTheSingleValueFieldInKeyOrder() {
        try (SystemAdapter adapter = adapter()) {
            assertThat(scan(adapter, STRINGS)).containsExactly(
                    Row.of("id", -3L, "amount", new BigDecimal("-30")),
                    Row.of("id", 7L, "amount", new BigDecimal("70.5")),
                    Row.of("id", 12L, "amount", new BigDecimal("120")));
        }
    }

    @Test
    void deliversEachKeyOnceInOrderWhileTheKeyspaceIsResizedDuringTheScan() throws Exception {
        // Keys added and removed elsewhere during the scan make Redis grow and shrink its table, when SCAN may repeat keys.
        AtomicBoolean done = new AtomicBoolean();
        String churn = PREFIX + "churn:";
        Thread churner = new Thread(() -> {
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                while (!done.get()) {
                    Map<String, String> batch = new HashMap<>();
                    for (int i = 0; i < 2000; i++) {
                        batch.put(churn + i, "x");
                    }
                    c.sync().mset(batch);
                    c.sync().del(batch.keySet().toArray(String[]::new));
                }
            }
        }, "redis-it-churn");
        List<Row> rows;
        long count;
        churner.start();
        try (SystemAdapter adapter = adapter(); DatasetReader reader = adapter.reader(MANY_STRINGS).orElseThrow()) {
            rows = new ArrayList<>();
            reader.scan(rows::add);
            count = reader.count();
        } finally {
            done.set(true);
            churner.join();
        }
        assertThat(count).isEqualTo(MANY);
        assertThat(rows).hasSize(MANY);
        for (int i = 0; i < MANY; i++) {
            assertThat(rows.get(i)).isEqualTo(Row.of("id", (long) i, "twice", (long) i * 2));
        }
    }

    @Test
    void looksUpARecordByKeyAndFindsNoneForAnAbsentKey() {
        try (SystemAdapter adapter = adapter(); DatasetReader reader = adapter.reader(HASHES).orElseThrow()) {
            assertThat(reader.lookup(Row.of("id", 10L))).contains(person(10L, "ten", "10.50", LocalDate.of(1990, 1, 10), true));
            assertThat(reader.lookup(Row.of("id", 11L))).isEmpty();
        }
        try (SystemAdapter adapter = adapter(); DatasetReader reader = adapter.reader(JSONS).orElseThrow()) {
            assertThat(reader.lookup(Row.of("id", "é")).orElseThrow().get("name")).isEqualTo("e acute");
        }
    }

    @Test
    void readsTheTimeToLiveOfAKeyAndNoneForKeysWithoutExpiryOrAbsent() {
        try (SystemAdapter adapter = adapter(); RedisReader reader = (RedisReader) adapter.reader(HASHES).orElseThrow()) {
            assertThat(reader.ttl(Row.of("id", 33L))).hasValueSatisfying(d ->
                    assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10)));
            assertThat(reader.ttl(Row.of("id", 10L))).isEmpty();
            assertThat(reader.ttl(Row.of("id", 11L))).isEmpty();
        }
    }

    @Test
    void statusPingsAndCountsTheKeysOfEachDataset() {
        try (SystemAdapter adapter = adapter()) {
            SystemStatus status = adapter.status();

            assertThat(status.reachable()).isTrue();
            assertThat(status.address()).isEqualTo(ADDRESS);
            Map<String, Long> sizes = new HashMap<>();
            for (DatasetStatus d : status.datasets()) {
                sizes.put(d.ref().dataset(), d.size());
            }
            assertThat(sizes).containsExactlyInAnyOrderEntriesOf(Map.of("hashes", 4L, "jsons", 4L, "strings", 3L, "many", (long) MANY));
        }
    }

    @Test
    void aKeyHoldingAnotherTypeThanTheLayoutIsAStoreErrorNamingTheKey() {
        try (SystemAdapter adapter = adapter(); DatasetReader reader = adapter.reader(WRONG).orElseThrow()) {
            assertThatThrownBy(() -> reader.scan(r -> { }))
                    .isInstanceOf(StoreException.class).hasMessageContaining("cache.wrong").hasMessageContaining(ADDRESS)
                    .hasMessageContaining("WRONGTYPE");
        }
    }

    @Test
    void aWrongPasswordIsAConnectionErrorNamingTheAddress() {
        SystemSpec s = system(ADDRESS, "not-" + PASSWORD);
        try (SystemAdapter adapter = SystemAdapters.open(s, new SystemAdapters.Place(null, s.connection(), Duration.ofSeconds(5)))) {
            assertThatThrownBy(() -> adapter.reader(HASHES)).isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("system 'cache' at " + ADDRESS).hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void anUnreachablePortIsAConnectionErrorNamingHostAndPortAndAnUnreachableStatus() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String address = "127.0.0.1:" + port;
        SystemSpec s = system(address, PASSWORD);
        try (SystemAdapter adapter = SystemAdapters.open(s, new SystemAdapters.Place(null, s.connection(), Duration.ofSeconds(5)))) {
            assertThatThrownBy(() -> adapter.reader(HASHES)).isInstanceOf(ConnectionException.class)
                    .hasMessageStartingWith("system 'cache' at " + address + " is unreachable");

            SystemStatus status = adapter.status();
            assertThat(status.reachable()).isFalse();
            assertThat(status.message()).contains(address);
        }
    }
}
