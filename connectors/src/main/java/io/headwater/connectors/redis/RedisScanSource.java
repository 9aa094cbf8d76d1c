package io.headwater.connectors.redis;

import io.headwater.connectors.verify.UnorderedSource;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.Row;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Redis dataset read in SCAN order: each SCAN answer (about 1000 keys) has its values fetched
 * pipelined ({@code GET} or {@code HGETALL}) and delivered before the next answer is asked for, so
 * memory holds one answer. Headwater's own keys are skipped; a key that expires or is deleted
 * between SCAN and its fetch is left out; a key SCAN returns twice is delivered twice. In
 * {@code keysOnly} mode the rows hold only the key field and nothing is fetched.
 *
 * <p>Uses the connection of the {@link RedisReader} that owns it, which closes it; {@link #close}
 * closes nothing. Not thread-safe: the owning reader serialises calls.
 */
final class RedisScanSource implements UnorderedSource {
    private final Dataset dataset;
    private final RedisRecords records;
    private final RedisNames names;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCalls calls;
    private final boolean keysOnly;

    RedisScanSource(Dataset dataset, RedisRecords records, StatefulRedisConnection<String, String> connection, RedisCalls calls, boolean keysOnly) {
        this.dataset = dataset;
        this.records = records;
        this.names = RedisNames.of(records.keyspace());
        this.connection = connection;
        this.calls = calls;
        this.keysOnly = keysOnly;
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public void scanUnordered(Consumer<Row> sink) {
        calls.call("SCAN " + records.pattern(), () -> {
            RedisKeyScan.each(connection.sync(), records.pattern(), answer -> {
                List<String> keys = answer.stream().filter(k -> !names.isReserved(k)).toList();
                if (keysOnly) {
                    keys.forEach(k -> sink.accept(Row.of(records.keyField().name(), records.recordKey(k))));
                    return;
                }
                for (Row row : fetch(keys)) {
                    if (row != null) {
                        sink.accept(row);
                    }
                }
            });
            return null;
        });
    }

    @Override
    public Optional<Row> lookup(Row key) {
        return Optional.ofNullable(fetch(List.of(records.redisKey(key))).get(0));
    }

    /** The rows of the given keys, in that order, fetched pipelined; null for a key that is gone. */
    List<Row> fetch(List<String> redisKeys) {
        RedisAsyncCommands<String, String> async = connection.async();
        boolean hash = records.keyspace().layout() == RedisLayout.HASH;
        List<RedisFuture<?>> futures = RedisCalls.pipelined(connection, () -> {
            List<RedisFuture<?>> sent = new ArrayList<>(redisKeys.size());
            for (String k : redisKeys) {
                sent.add(hash ? async.hgetall(k) : async.get(k));
            }
            return sent;
        });
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

    /** Nothing: the connection is the owning reader's. */
    @Override
    public void close() {
        // the owning RedisReader closes the connection
    }
}
