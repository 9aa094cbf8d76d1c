package io.headwater.connectors.redis;

import io.headwater.connectors.mvstore.LogicalValues;
import io.headwater.connectors.mvstore.TargetChange;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.RedisKeyspace;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.StoreEdit;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a redis dataset from a flow Headwater runs: each record under {@code <prefix><key>} in the
 * dataset's layout (a hash of the mapped fields, replaced whole: {@code DEL} then {@code HSET}; a
 * JSON object; a plain string; values as {@link RedisValues} writes them), a delete event removing
 * the key. A batch and its checkpoint ({@code <prefix>__hw:checkpoint}, see {@link RedisNames}) are
 * sent as one {@code MULTI}/{@code EXEC}: Redis runs the transaction whole or, when the connection
 * drops before {@code EXEC}, not at all, so after a crash the keys hold exactly the events up to the
 * checkpoint. When the flow declares {@code ttl}, every written key gets that expiry ({@code PEXPIRE},
 * or {@code SET ... PX}).
 *
 * <p>Rebuilds write a shadow generation beside the live keys and swap it in key by key
 * ({@link RedisSwap}); Redis has no alias, so that swap is atomic per key, not as a whole.
 *
 * <p>Not thread-safe for {@link #apply}: one consumer thread applies; {@link #checkpoint()},
 * {@link #count()} and {@link #reader()} may be called from other threads (they use another connection).
 */
public final class RedisSink implements DerivedSink {
    private final RedisEndpoint endpoint;
    private final Flow flow;
    private final Duration timeout;
    private final StatefulRedisConnection<String, String> queries;
    private static final int RECOUNT_MINUTES = 5;

    private final AtomicBoolean closed = new AtomicBoolean();
    /** Records this sink's writes added (or removed, negative) since the last exact count. */
    private final AtomicLong sinceRecount = new AtomicLong();
    private volatile long recounted = -1;
    private volatile long recountedAt;
    private volatile Dataset dataset;
    private volatile RedisRecords records;
    private volatile RedisNames names;
    private volatile RedisCalls calls;
    private volatile boolean replaced;
    /** Guarded by this: the connection of transactions, opened again after a failure. */
    private StatefulRedisConnection<String, String> writer;

    private RedisSink(RedisEndpoint endpoint, Dataset dataset, Flow flow, Duration timeout) {
        this.endpoint = endpoint;
        this.flow = flow;
        this.timeout = timeout;
        TargetChange.requireScalar(flow, "Redis");
        serve(dataset);
        this.queries = endpoint.connect();
    }

    /**
     * The sink of {@code dataset}'s live keys. A swap that a crash interrupted is finished first (the
     * shadow it was swapping in had been verified clean), so the keys are never left half swapped.
     *
     * @throws io.headwater.engine.ConnectionException when the server cannot be reached
     */
    public static RedisSink open(RedisEndpoint endpoint, Dataset dataset, Flow flow, Duration timeout) {
        RedisSink sink = new RedisSink(endpoint, dataset, flow, timeout);
        try {
            RedisSwap.finishInterrupted(sink);
            return sink;
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
    }

    private void serve(Dataset served) {
        RedisRecords r = new RedisRecords(served, endpoint.address());
        this.records = r;
        this.names = RedisNames.of(r.keyspace());
        this.calls = new RedisCalls(endpoint, timeout, "dataset " + served.ref() + " (keys '" + r.keyspace().keyPrefix() + "*')");
        this.dataset = served;
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public Flow flow() {
        return flow;
    }

    RedisEndpoint endpoint() {
        return endpoint;
    }

    RedisNames names() {
        return names;
    }

    RedisCalls calls() {
        return calls;
    }

    Duration timeout() {
        return timeout;
    }

    /** The connection for reads beside the writer (never inside a transaction). */
    StatefulRedisConnection<String, String> queries() {
        return queries;
    }

    @Override
    public Checkpoint checkpoint() {
        String key = names.checkpoint();
        return Checkpoint.decode(calls.call("read the checkpoint " + key, () -> queries.sync().get(key)));
    }

    @Override
    public void apply(List<ChangeEvent> events, Checkpoint through) {
        write(TargetChange.of(events, flow, dataset), through.encode());
    }

    @Override
    public void tamper(List<StoreEdit> edits) {
        write(edits.stream().map(e -> new TargetChange(e.key(), e.row() == null ? null : LogicalValues.conform(e.row(), dataset))).toList(),
                null);
    }

    /** One key's commands, prepared before the transaction starts so that nothing can fail half-way through queueing. */
    private record Write(String key, Map<String, String> hash, String value) {
        boolean removes() {
            return hash == null && value == null;
        }
    }

    /** Writes changes and, unless {@code checkpoint} is null, the checkpoint, in one MULTI/EXEC. */
    private synchronized void write(List<TargetChange> changes, String checkpoint) {
        requireServing();
        List<Write> writes = new ArrayList<>(changes.size());
        for (TargetChange c : changes) {
            writes.add(prepare(c));
        }
        Long ttl = flow.ttlOpt().map(Duration::toMillis).orElse(null);
        String what = "commit a batch of " + writes.size() + " changes" + (checkpoint == null ? "" : " and checkpoint " + names.checkpoint());
        try {
            StatefulRedisConnection<String, String> c = writer();
            RedisAsyncCommands<String, String> async = c.async();
            int[] delAt = new int[writes.size()];
            RedisFuture<TransactionResult> exec = RedisCalls.pipelined(c, () -> {
                async.multi();
                int at = 0;
                for (int i = 0; i < writes.size(); i++) {
                    delAt[i] = at;
                    at += queue(async, writes.get(i), ttl);
                }
                if (checkpoint != null) {
                    async.set(names.checkpoint(), checkpoint);
                }
                return async.exec();
            });
            TransactionResult result = calls.await(what, exec);
            if (result.wasDiscarded()) {
                throw new StoreException("Redis discarded the transaction to " + what + " of dataset " + dataset.ref() + " at " + endpoint.address());
            }
            for (Object answer : result) {
                if (answer instanceof Exception e) {
                    throw new StoreException("Redis refused a command while it committed a batch of dataset " + dataset.ref() + " at "
                            + endpoint.address() + ": " + e.getMessage(), e);
                }
            }
            long delta = 0;
            for (int i = 0; i < writes.size(); i++) {
                long existed = (Long) result.get(delAt[i]);
                delta += writes.get(i).removes() ? -existed : 1 - existed;
            }
            sinceRecount.addAndGet(delta);
        } catch (RedisException e) {
            dropWriter();
            throw calls.failure(what, e);
        } catch (RuntimeException e) {
            // A transaction left open on the connection would swallow the next batch: start on a fresh connection.
            dropWriter();
            throw e;
        }
    }

    /**
     * Queues one key's commands, the first always a {@code DEL} (whose answer, 1 or 0, says whether
     * the key existed, for the count); returns how many commands it queued.
     */
    private static int queue(RedisAsyncCommands<String, String> async, Write w, Long ttl) {
        async.del(w.key());
        if (w.removes()) {
            return 1;
        }
        if (w.hash() != null) {
            async.hset(w.key(), w.hash());
            if (ttl == null) {
                return 2;
            }
            async.pexpire(w.key(), ttl);
            return 3;
        }
        async.set(w.key(), w.value(), ttl == null ? new SetArgs() : SetArgs.Builder.px(ttl));
        return 2;
    }

    private Write prepare(TargetChange c) {
        RedisRecords r = records;
        String key = r.redisKey(c.key());
        if (key.substring(r.keyspace().keyPrefix().length()).startsWith(RedisNames.RESERVED)) {
            throw new StoreException("dataset " + dataset.ref() + ": record key " + c.key().asMap() + " starts with '" + RedisNames.RESERVED
                    + "', which Redis datasets reserve for Headwater's checkpoint and shadow keys");
        }
        if (c.removes()) {
            return new Write(key, null, null);
        }
        return switch (r.keyspace().layout()) {
            case HASH -> new Write(key, RedisValues.hash(c.row(), r.valueFields()), null);
            case JSON -> new Write(key, null, RedisValues.json(c.row(), r.valueFields()));
            case STRING -> new Write(key, null, RedisValues.plain(c.row(), r.valueFields().get(0), key));
        };
    }

    /** The writer connection, connected again when an earlier failure dropped it. Called holding this. */
    StatefulRedisConnection<String, String> writer() {
        if (writer == null || !writer.isOpen()) {
            writer = endpoint.connect();
        }
        return writer;
    }

    private synchronized void dropWriter() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    private void requireServing() {
        if (replaced) {
            throw new StoreException("Redis " + endpoint.address() + ": the keys of " + dataset.ref() + " under '" + names.prefix()
                    + "' were replaced by a rebuild; write through the promoted sink");
        }
        if (closed.get()) {
            throw new StoreException("the Redis sink of " + dataset.ref() + " at " + endpoint.address() + " is closed");
        }
    }

    /**
     * The number of record keys: counted exactly by a keys-only SCAN ({@link RedisReader#countKeys()})
     * when first asked and again once {@value #RECOUNT_MINUTES} minutes have passed, and in between
     * the last count moved by this sink's own writes (each write's {@code DEL} answer says whether the
     * key existed). Status asks every few seconds, and a SCAN of a large cache each time would load
     * the server; so keys others write or Redis expires show at the next recount.
     */
    @Override
    public long count() {
        if (recounted < 0 || System.nanoTime() - recountedAt > TimeUnit.MINUTES.toNanos(RECOUNT_MINUTES)) {
            long before = sinceRecount.get();
            long exact;
            try (RedisReader r = RedisReader.open(endpoint, dataset, timeout)) {
                exact = r.countKeys();
            }
            // writes during the SCAN stay counted since; the next recount corrects what the SCAN saw of them too
            sinceRecount.addAndGet(-before);
            recountedAt = System.nanoTime();
            recounted = exact;
        }
        return recounted + sinceRecount.get();
    }

    /** A reader of this sink's keys (its generation's, even when that is a shadow), on its own connection. */
    @Override
    public DatasetReader reader() {
        return RedisReader.open(endpoint, dataset, timeout);
    }

    /** Opens the shadow generation a rebuild writes: the one registered under {@code <prefix>__hw:shadow}, or else a new one. */
    @Override
    public synchronized DerivedSink openShadow() {
        requireServing();
        long generation = RedisSwap.shadowGeneration(this, true);
        RedisKeyspace live = records.keyspace();
        return new RedisSink(endpoint, dataset.withKeyspace(new RedisKeyspace(live.layout(), names.shadowPrefix(generation))), flow, timeout);
    }

    @Override
    public boolean hasShadow() {
        String key = names.shadowPointer();
        return calls.call("look up the shadow " + key, () -> queries.sync().exists(key)) > 0;
    }

    /**
     * Swaps {@code shadow} in key by key (see {@link RedisSwap}): live keys the shadow lacks are
     * deleted, every shadow key is renamed over its live key, then the shadow's checkpoint becomes the
     * live one. {@code shadow} then serves the live keys; this sink must not be used any more.
     */
    @Override
    public synchronized void promote(DerivedSink shadow) {
        requireServing();
        RedisSink next = requireShadowOfThis(shadow);
        RedisSwap.promote(this, next);
        replaced = true;
        next.serveLive(dataset);
    }

    /** After a swap, this (shadow) sink serves the live keys of {@code live}. */
    private synchronized void serveLive(Dataset live) {
        serve(live);
    }

    @Override
    public String swapStep() {
        String prefix = names.prefix();
        return "each key of the shadow generation under '" + prefix + RedisNames.RESERVED + "g<n>:' is renamed over its live key under '"
                + prefix + "' (RENAME, atomic per key; the swap as a whole is not: while it runs, readers see some keys rebuilt and some "
                + "not yet); live keys the shadow lacks are deleted first; the checkpoint moves last";
    }

    /** Deletes every shadow key (SCAN and UNLINK, in batches) and the shadow's registration; the live keys are untouched. */
    @Override
    public synchronized void discardShadow() {
        RedisSwap.discardShadows(this);
    }

    private RedisSink requireShadowOfThis(DerivedSink shadow) {
        if (shadow instanceof RedisSink s && s != this && s.endpoint == endpoint
                && s.names.prefix().startsWith(names.prefix() + RedisNames.RESERVED + "g")) {
            return s;
        }
        throw new StoreException("Redis " + endpoint.address() + ": " + shadow.dataset().ref() + " is not a shadow opened by the sink of "
                + dataset.ref() + " under '" + names.prefix() + "'");
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            dropWriter();
            queries.close();
        }
    }

    /** The key of a record row, for tests and the swap's messages. */
    String redisKey(Row key) {
        return records.redisKey(key);
    }
}
