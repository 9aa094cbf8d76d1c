package io.headwater.connectors.redis;

import io.headwater.engine.StoreException;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Reads a Redis dataset: every key starting with the dataset's {@code key-prefix} is one record,
 * stored as its {@code layout} says (see {@link RedisRecords} for how values become typed fields).
 *
 * <p>Reads only: the commands sent are {@code SCAN} (with {@code MATCH prefix*} and {@code COUNT
 * 1000}), {@code GET}, {@code HGETALL} and {@code PTTL}; never a write, so an attached cache is left
 * exactly as it was.
 *
 * <p>{@link #scan} delivers rows in key order ({@link KeyOrder}, as every other reader). {@code SCAN}
 * has no order and may return a key more than once, so this slice collects the dataset's keys,
 * drops repeats and sorts them <em>in memory</em> before fetching values in batches of 1000
 * (pipelined); memory grows with the number of keys. Bounded memory (bucketing by a hash of the key)
 * is the next step. A key that expires or is deleted between the SCAN and its fetch is left out.
 *
 * <p>Holds one connection; calls are serialised on it, so the reader is thread-safe but not parallel.
 */
public final class RedisReader implements DatasetReader {
    private static final int BATCH = 1000;

    private final RedisEndpoint endpoint;
    private final Dataset dataset;
    private final RedisRecords records;
    private final RedisNames names;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCalls calls;

    private RedisReader(RedisEndpoint endpoint, Dataset dataset, RedisRecords records, StatefulRedisConnection<String, String> connection,
                        Duration timeout) {
        this.endpoint = endpoint;
        this.dataset = dataset;
        this.records = records;
        this.names = RedisNames.of(records.keyspace());
        this.connection = connection;
        this.calls = new RedisCalls(endpoint, timeout, "dataset " + dataset.ref() + " (layout " + records.keyspace().layout().configName() + ")");
    }

    /**
     * A reader on {@code dataset}, which must be a redis dataset with one key field, on its own
     * connection to {@code endpoint}.
     *
     * @throws io.headwater.engine.ConnectionException when the server cannot be reached
     */
    public static RedisReader open(RedisEndpoint endpoint, Dataset dataset, Duration timeout) {
        RedisRecords records = new RedisRecords(dataset, endpoint.address());
        return new RedisReader(endpoint, dataset, records, endpoint.connect(), timeout);
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    /** The number of distinct keys with the dataset's prefix, counted by SCAN (repeats dropped, in memory). */
    @Override
    public synchronized long count() {
        return keys().size();
    }

    @Override
    public synchronized void scan(Consumer<Row> sink) {
        List<Keyed> keyed = new ArrayList<>();
        for (String k : keys()) {
            keyed.add(new Keyed(records.recordKey(k), k));
        }
        Comparator<Keyed> order = (a, b) -> KeyOrder.compareTyped(records.keyField().type(), a.key(), b.key());
        keyed.sort(order);
        for (int from = 0; from < keyed.size(); from += BATCH) {
            List<Keyed> batch = keyed.subList(from, Math.min(keyed.size(), from + BATCH));
            for (Row row : fetch(batch.stream().map(Keyed::redisKey).toList())) {
                if (row != null) {
                    sink.accept(row);
                }
            }
        }
    }

    @Override
    public synchronized Optional<Row> lookup(Row key) {
        String redisKey = records.redisKey(key);
        return Optional.ofNullable(fetch(List.of(redisKey)).get(0));
    }

    /**
     * The time the record with {@code key} has left before Redis expires it; empty when the key
     * has no expiry or does not exist.
     */
    public synchronized Optional<Duration> ttl(Row key) {
        String redisKey = records.redisKey(key);
        long millis = calls.call("read the expiry of '" + redisKey + "'", () -> connection.sync().pttl(redisKey));
        return millis >= 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
    }

    /** The distinct Redis keys of the dataset, by SCAN MATCH prefix* COUNT 1000. */
    private Set<String> keys() {
        RedisCommands<String, String> sync = connection.sync();
        ScanArgs args = ScanArgs.Builder.matches(records.pattern()).limit(BATCH);
        Set<String> keys = new HashSet<>();
        KeyScanCursor<String> cursor = calls.call("SCAN " + records.pattern(), () -> sync.scan(args));
        addRecordKeys(cursor, keys);
        while (!cursor.isFinished()) {
            ScanCursor at = cursor;
            cursor = calls.call("SCAN " + records.pattern(), () -> sync.scan(at, args));
            addRecordKeys(cursor, keys);
        }
        return keys;
    }

    /** The keys of a SCAN answer that are records, not Headwater's checkpoint and shadow keys. */
    private void addRecordKeys(KeyScanCursor<String> cursor, Set<String> keys) {
        for (String k : cursor.getKeys()) {
            if (!names.isReserved(k)) {
                keys.add(k);
            }
        }
    }

    /** The rows of the given keys, in that order, fetched pipelined; null for a key that is gone. */
    private List<Row> fetch(List<String> redisKeys) {
        RedisAsyncCommands<String, String> async = connection.async();
        boolean hash = records.keyspace().layout() == RedisLayout.HASH;
        List<RedisFuture<?>> futures = new ArrayList<>(redisKeys.size());
        for (String k : redisKeys) {
            futures.add(hash ? async.hgetall(k) : async.get(k));
        }
        List<Row> rows = new ArrayList<>(redisKeys.size());
        for (int i = 0; i < redisKeys.size(); i++) {
            String k = redisKeys.get(i);
            Object value = calls.await("read '" + k + "'", futures.get(i));
            rows.add(hash ? records.fromHash(k, hashOf(value)) : records.fromString(k, (String) value));
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> hashOf(Object value) {
        return (Map<String, String>) value;
    }

    @Override
    public void close() {
        connection.close();
    }

    private record Keyed(Object key, String redisKey) {
    }
}
