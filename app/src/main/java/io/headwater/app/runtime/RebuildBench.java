package io.headwater.app.runtime;

import io.headwater.connectors.bench.BenchDatabase;
import io.headwater.connectors.bench.BenchLoader;
import io.headwater.connectors.bench.BenchTable;
import io.headwater.connectors.debezium.DebeziumJsonDecoder;
import io.headwater.connectors.h2.H2AnalyticsSink;
import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.JdbcEndpoint;
import io.headwater.connectors.jdbc.JdbcTableReader;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.jdbc.SqlTableSink;
import io.headwater.connectors.kafka.EmbeddedKafkaBroker;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.connectors.lucene.LuceneSink;
import io.headwater.connectors.mvstore.MvStoreSink;
import io.headwater.connectors.verify.ComparedField;
import io.headwater.connectors.verify.SqlVerifySide;
import io.headwater.connectors.redis.RedisBenchStore;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.integrity.ReaderVerifySide;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.Verifier;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Row;
import io.headwater.engine.rebuild.ShadowReplay;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.spi.VerifySide;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench rebuild}: a CDC-shaped topic of N change events on the embedded broker, timed in one
 * run as a raw consume (records read, nothing done) and as a rebuild into a fresh store (decode,
 * map, apply, commit with checkpoint). A table in PostgreSQL or MySQL/MariaDB is rebuilt in a
 * database of its own on the machine's server ({@value #POSTGRES} as {@code postgres},
 * {@value #MARIADB} as {@code root}, dropped afterwards), and then, in the same run, read plainly
 * and verified against the system-of-record table the topic describes (loaded into PostgreSQL),
 * with the peak heap of the verification.
 */
public final class RebuildBench {
    /** What one run measured; {@code table} only for a SQL table, else null. */
    public record Figures(String store, long events, double consumeSeconds, double rebuildSeconds, long storeCount, TableCheck table) {
        public double consumeRate() {
            return events / consumeSeconds;
        }

        public double rebuildRate() {
            return events / rebuildSeconds;
        }
    }

    /**
     * The rebuilt SQL table read plainly ({@code SELECT *} in key order) and verified against the
     * record table, in the same run.
     */
    public record TableCheck(String address, long rowsRead, double readSeconds, double verifySeconds, long verifyPeakHeapMb,
                             VerificationResult result) {
    }

    private static final String TOPIC = "bench.public.items";
    static final String POSTGRES = "127.0.0.1:5432";
    static final String MARIADB = "127.0.0.1:3306";
    private final Path dir;
    private final PrintWriter err;
    private final SearchBenchIndex search;

    public RebuildBench(Path dir, PrintWriter err) {
        this(dir, err, null);
    }

    /** A bench that can also rebuild into the OpenSearch node at {@code searchAddress} ({@code host:port}; null for none). */
    public RebuildBench(Path dir, PrintWriter err, String searchAddress) {
        this.dir = dir;
        this.err = err;
        this.search = searchAddress == null ? null : new SearchBenchIndex(searchAddress);
    }

    /** @param redisAddress the Redis server (host:port) a {@code redis} store is written to, under a fresh key prefix deleted afterwards */
    public Figures run(String store, long events, String redisAddress) {
        Dataset log = BenchTable.dataset("kafka", TOPIC);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
             KafkaEventLog eventLog = new KafkaEventLog("kafka", broker.bootstrapServers(), Duration.ofSeconds(30))) {
            long t = System.nanoTime();
            produce(eventLog, events);
            err.printf("produced %,d change events in %.1f s%n", events, secs(t));

            t = System.nanoTime();
            long read = 0;
            try (LogReader reader = eventLog.openReader(TOPIC, Checkpoint.EMPTY)) {
                while (read < events) {
                    read += reader.poll(Duration.ofMillis(500)).size();
                }
            }
            double consume = secs(t);
            err.printf("raw consume: %,d records in %.2f s%n", read, consume);

            if (store.equals("postgres") || store.equals("mysql")) {
                return intoTable(store, events, log, eventLog, consume);
            }
            Dataset target = store.equals("opensearch") && search != null ? search.dataset("items") : BenchTable.dataset("store", "ITEMS");
            Flow flow = BenchLoader.identity(target);
            t = System.nanoTime();
            long count;
            double rebuild;
            RedisBenchStore redis = store.equals("redis") ? RedisBenchStore.open(redisAddress, target) : null;
            try (redis; DerivedSink sink = redis != null ? redis.sink(flow) : open(store, target, flow)) {
                new ShadowReplay(flow, log, eventLog, new DebeziumJsonDecoder(), 0).catchUp(sink, new Cancellation(), ProgressListener.NONE);
                // the replay alone: counting a Redis store is a SCAN of its own, not part of a rebuild
                rebuild = secs(t);
                count = sink.count();
            }
            err.printf("rebuild into %s: %,d records in %.2f s%n", store, count, rebuild);
            return new Figures(store, events, consume, rebuild, count, null);
        } finally {
            if (search != null) {
                search.dropAll();
            }
        }
    }

    /** Rebuilds a table on the machine's server, then reads it plainly and verifies it against the record. */
    private Figures intoTable(String store, long events, Dataset log, KafkaEventLog eventLog, double consume) {
        boolean mysql = store.equals("mysql");
        SqlDialect dialect = mysql ? SqlDialect.MYSQL : SqlDialect.POSTGRES;
        try (BenchDatabase record = BenchDatabase.create(SqlDialect.POSTGRES, POSTGRES, "postgres");
             BenchDatabase other = mysql ? BenchDatabase.create(SqlDialect.MYSQL, MARIADB, "root") : null) {
            JdbcEndpoint endpoint = (mysql ? other : record).endpoint("store");
            Dataset target = BenchTable.dataset("store", "items");
            Flow flow = BenchLoader.identity(target);
            long t = System.nanoTime();
            long count;
            try (SqlTableSink sink = SqlTableSink.open(endpoint, target, flow)) {
                new ShadowReplay(flow, log, eventLog, new DebeziumJsonDecoder(), 0).catchUp(sink, new Cancellation(), ProgressListener.NONE);
                count = sink.count();
            }
            double rebuild = secs(t);
            err.printf("rebuild into %s table items at %s: %,d rows in %.2f s%n", store, endpoint.displayAddress(), count, rebuild);

            t = System.nanoTime();
            BenchLoader.postgresSource(record.writable(), "bench_items", events, n -> { });
            err.printf("loaded the record table bench_items (%,d rows) into PostgreSQL in %.1f s%n", events, secs(t));

            t = System.nanoTime();
            long read = BenchLoader.readAll(endpoint.readOnly(), dialect, "items", "id");
            double readSecs = secs(t);
            err.printf("plain read of items: %,d rows in %.2f s%n", read, readSecs);

            HeapPeaks.reset();
            t = System.nanoTime();
            VerificationResult result;
            Dataset source = BenchTable.dataset("pg", "bench_items");
            try (VerifySide s = sqlSide(record.writable(), SqlDialect.POSTGRES, source);
                 VerifySide d = mysql ? new ReaderVerifySide("mysql items", JdbcTableReader.open(endpoint.readOnly(), endpoint.displayAddress(),
                         dialect, target), BenchTable.FIELDS) : sqlSide(endpoint.readOnly(), dialect, target)) {
                result = new Verifier(VerifyOptions.defaults()).verify(s, d, new Cancellation(), ProgressListener.NONE);
            }
            double verifySecs = secs(t);
            long peak = HeapPeaks.peakMb();
            err.printf("verify items against bench_items: %.2f s, %s%n", verifySecs, result.counts());
            return new Figures(store, events, consume, rebuild, count, new TableCheck(endpoint.displayAddress(), read, readSecs, verifySecs, peak, result));
        }
    }

    private static SqlVerifySide sqlSide(ConnectionSource c, SqlDialect dialect, Dataset table) {
        List<ComparedField> fields = BenchTable.FIELDS.stream().map(f -> new ComparedField(f.name(), f.type(), new Expression.Column(f.name()))).toList();
        return SqlVerifySide.open(c, dialect, table, List.of(BenchTable.FIELDS.get(0)), fields, false, table.ref().toString());
    }

    private DerivedSink open(String store, Dataset target, Flow flow) {
        return switch (store) {
            case "lucene" -> LuceneSink.open(dir.resolve("lucene/items"), target, flow);
            case "mvstore" -> MvStoreSink.open(dir.resolve("mvstore/store.mv.db"), target, flow);
            case "h2" -> H2AnalyticsSink.open("jdbc:h2:file:" + dir.resolve("h2/bench").toAbsolutePath(), target, flow);
            case "opensearch" -> {
                if (search == null) {
                    throw new HeadwaterException("--store opensearch needs --address host:port of a running OpenSearch node to rebuild into");
                }
                yield search.sink(target);
            }
            default -> throw new HeadwaterException("--store '" + store + "' is not a store: use lucene, h2, mvstore, redis, opensearch, postgres or mysql");
        };
    }

    private static void produce(KafkaEventLog log, long events) {
        List<KafkaEventLog.Entry> batch = new ArrayList<>(10_000);
        for (long id = 1; id <= events; id++) {
            batch.add(new KafkaEventLog.Entry(("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8), envelope(BenchTable.row(id), id)));
            if (batch.size() == 10_000) {
                log.produceAll(TOPIC, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            log.produceAll(TOPIC, batch);
        }
    }

    private static byte[] envelope(Row r, long lsn) {
        String after = "{\"id\":" + r.get("id") + ",\"name\":\"" + r.get("name") + "\",\"email\":\"" + r.get("email") + "\",\"amount\":\""
                + ((BigDecimal) r.get("amount")).toPlainString() + "\",\"created\":\"" + r.get("created") + "\"}";
        return ("{\"before\":null,\"after\":" + after + ",\"op\":\"c\",\"source\":{\"ts_ms\":" + System.currentTimeMillis()
                + ",\"lsn\":" + lsn + ",\"schema\":\"public\",\"table\":\"items\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
