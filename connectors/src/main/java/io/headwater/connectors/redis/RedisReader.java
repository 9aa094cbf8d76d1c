package io.headwater.connectors.redis;

import io.headwater.connectors.verify.SortedSpill;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a Redis dataset: every key starting with the dataset's {@code key-prefix} is one record,
 * stored as its {@code layout} says (see {@link RedisRecords} for how values become typed fields).
 * Headwater's own keys under {@code <prefix>__hw:} (a sink's checkpoint, a rebuild's shadow; see
 * {@link RedisNames}) are not records and are skipped.
 *
 * <p>Reads only: the commands sent are {@code SCAN} (with {@code MATCH prefix*} and {@code COUNT
 * 1000}), {@code GET}, {@code HGETALL} and {@code PTTL}; never a write, so an attached cache is left
 * exactly as it was.
 *
 * <p>{@link #scan} delivers rows in key order ({@link KeyOrder}, as every other reader) with bounded
 * memory. {@code SCAN} has no order and may return a key more than once, so the first scan or
 * {@link #count} reads the dataset once, SCAN answer by SCAN answer with each answer's values
 * fetched pipelined ({@link RedisScanSource}), into a {@link SortedSpill}: an external merge sort into a
 * temporary sorted file that drops repeats; later scans and counts of this reader walk that file, a snapshot of that one
 * pass. Memory holds one SCAN answer and one sort run (32 MB), whatever the number of keys; the
 * disk holds about the size of the data until {@link #close}. A key that expires or is deleted
 * between its SCAN and its fetch is left out. {@link #lookup} and {@link #ttl} always ask Redis,
 * so a re-check sees the store as it is now.
 *
 * <p>Holds one connection; calls are serialised on it, so the reader is thread-safe but not parallel.
 */
public final class RedisReader implements DatasetReader {
    private final Dataset dataset;
    private final RedisRecords records;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCalls calls;
    private final RedisScanSource rows;
    private SortedSpill spill;

    private RedisReader(RedisEndpoint endpoint, Dataset dataset, RedisRecords records, StatefulRedisConnection<String, String> connection,
                        Duration timeout) {
        this.dataset = dataset;
        this.records = records;
        this.connection = connection;
        this.calls = new RedisCalls(endpoint, timeout, "dataset " + dataset.ref() + " (layout " + records.keyspace().layout().configName() + ")");
        this.rows = new RedisScanSource(dataset, records, connection, calls, false);
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

    /** The number of distinct keys with the dataset's prefix, as the spill that scans read holds them. */
    @Override
    public synchronized long count() {
        return spill().count();
    }

    /**
     * The number of distinct record keys now, counted without fetching values (a keys-only SCAN into
     * its own spill, deleted at once): for status, where the values are not read.
     */
    public synchronized long countKeys() {
        if (spill != null) {
            return spill.count();
        }
        try (SortedSpill keys = SortedSpill.over(new RedisScanSource(dataset.withFields(dataset.key(), dataset.keyFields()), records, connection,
                calls, true))) {
            return keys.count();
        }
    }

    @Override
    public synchronized void scan(Consumer<Row> sink) {
        spill().scan(sink);
    }

    /**
     * Every record in SCAN order, a key SCAN repeats delivered again, without the spill: the plain
     * read (SCAN and pipelined fetches) that {@code bench verify} compares a verification with.
     */
    public synchronized void scanUnordered(Consumer<Row> sink) {
        rows.scanUnordered(sink);
    }

    private SortedSpill spill() {
        if (spill == null) {
            spill = SortedSpill.over(rows);
        }
        return spill;
    }

    /** The record with this key as Redis holds it now (never from the spill). */
    @Override
    public synchronized Optional<Row> lookup(Row key) {
        return rows.lookup(key);
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

    /** Deletes the spill file, if any, and closes the connection. */
    @Override
    public synchronized void close() {
        try {
            if (spill != null) {
                spill.close();
            }
        } finally {
            connection.close();
        }
    }
}
