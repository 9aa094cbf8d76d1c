package io.headwater.connectors.redis;

import io.headwater.connectors.audit.KeyExpiries;
import io.headwater.engine.model.Dataset;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TTLs of a Redis dataset's keys: {@code SCAN} answer by answer, {@code PTTL} of each key
 * pipelined, Headwater's own keys skipped. Memory holds one answer. A key SCAN returns twice is
 * counted twice (SCAN repeats keys only while Redis resizes its table: rare, and a census tolerates
 * it). Reads only. Thread-safe: each census uses its own connection.
 */
final class RedisKeyExpiries implements KeyExpiries {
    private final RedisEndpoint endpoint;
    private final Duration timeout;

    RedisKeyExpiries(RedisEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    @Override
    public Census census(Dataset dataset) {
        RedisRecords records = new RedisRecords(dataset, endpoint.address());
        RedisNames names = RedisNames.of(records.keyspace());
        RedisCalls calls = new RedisCalls(endpoint, timeout, "dataset " + dataset.ref());
        long[] counts = {0, 0};
        long[] range = {-1, Long.MAX_VALUE};
        try (StatefulRedisConnection<String, String> c = endpoint.connect()) {
            RedisAsyncCommands<String, String> async = c.async();
            calls.call("SCAN " + records.pattern(), () -> {
                RedisKeyScan.each(c.sync(), records.pattern(), answer -> {
                    List<RedisFuture<Long>> ttls = RedisCalls.pipelined(c, () -> {
                        List<RedisFuture<Long>> sent = new ArrayList<>(answer.size());
                        for (String k : answer) {
                            if (!names.isReserved(k)) {
                                sent.add(async.pttl(k));
                            }
                        }
                        return sent;
                    });
                    for (RedisFuture<Long> f : ttls) {
                        long ms = calls.await("read the expiry of a key", f);
                        if (ms == -2) {
                            continue; // gone since the SCAN
                        }
                        counts[0]++;
                        if (ms == -1) {
                            counts[1]++;
                        } else {
                            range[0] = Math.max(range[0], ms);
                            range[1] = Math.min(range[1], ms);
                        }
                    }
                });
                return null;
            });
        }
        boolean any = range[0] >= 0;
        return new Census(counts[0], counts[1], any ? Optional.of(Duration.ofMillis(range[0])) : Optional.empty(),
                any ? Optional.of(Duration.ofMillis(range[1])) : Optional.empty());
    }
}
