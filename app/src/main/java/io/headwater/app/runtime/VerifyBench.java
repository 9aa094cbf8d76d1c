package io.headwater.app.runtime;

import io.headwater.connectors.bench.BenchDatabase;
import io.headwater.connectors.bench.BenchLoader;
import io.headwater.connectors.bench.BenchTable;
import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.JdbcTableReader;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.lucene.LuceneReader;
import io.headwater.connectors.lucene.LuceneSink;
import io.headwater.connectors.postgres.EmbeddedPostgresServer;
import io.headwater.connectors.redis.RedisBenchStore;
import io.headwater.connectors.redis.RedisReader;
import io.headwater.connectors.verify.ComparedField;
import io.headwater.connectors.verify.SqlVerifySide;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.integrity.ReaderVerifySide;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.Verifier;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.VerifySide;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code bench verify}: a system-of-record table in PostgreSQL and a derived copy (Lucene, H2,
 * PostgreSQL, a table in a database of its own on the machine's MariaDB, or hashes in a Redis server) with seeded differences; times, in one run, reading both sides, Headwater's
 * verification, and a naive pull-sort-compare baseline, and checks the findings equal the seeds.
 */
public final class VerifyBench {
    /** What one run measured. */
    /**
     * What one run measured.
     *
     * @param peakHeapMb       the heap pools' peak usage during the verification, garbage not yet collected included
     * @param liveHeapMb       the largest live heap during the verification, sampled by a full collection every 2 s
     * @param storeReadSeconds for a store read without order (Redis), a plain read of the derived copy alone (SCAN and fetch,
     *                         no sort): the floor a verification of it is measured against; NaN for the others
     */
    public record Figures(String store, long rows, double diffRate, double readSeconds, double verifySeconds, double naiveSeconds,
                          long expectedMismatched, long expectedMissing, long expectedExtra, VerificationResult result, long peakHeapMb,
                          double storeReadSeconds, long liveHeapMb) {
        public boolean findingsMatchSeeds() {
            return result.counts().mismatched() == expectedMismatched && result.counts().missing() == expectedMissing
                    && result.counts().extra() == expectedExtra;
        }
    }

    private final Path dir;
    private final PrintWriter err;
    private final SearchBenchIndex search;

    public VerifyBench(Path dir, PrintWriter err) {
        this(dir, err, null);
    }

    /** A bench that can also use the OpenSearch node at {@code searchAddress} ({@code host:port}; null for none). */
    public VerifyBench(Path dir, PrintWriter err, String searchAddress) {
        this.dir = dir;
        this.err = err;
        this.search = searchAddress == null ? null : new SearchBenchIndex(searchAddress);
    }

    /**
     * @param redisAddress the Redis server (host:port) a {@code redis} copy is written to, under a fresh key prefix deleted afterwards
     */
    public Figures run(String store, long rows, double diffRate, String redisAddress) {
        BenchTable.Differences diffs = new BenchTable.Differences(rows, diffRate);
        List<AutoCloseable> cleanup = new ArrayList<>();
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"))) {
            ConnectionSource pgc = () -> pg.dataSource().getConnection();
            Dataset source = BenchTable.dataset("pg", "public.bench_items");
            long t = System.nanoTime();
            BenchLoader.postgresSource(pgc, "bench_items", rows, n -> progress("load system of record", n, rows));
            err.printf("loaded %,d rows into PostgreSQL in %.1f s%n", rows, secs(t));
            t = System.nanoTime();
            Supplier<DatasetReader> derivedReader;
            Supplier<VerifySide> derivedSide;
            Supplier<Double> plainRead = () -> Double.NaN;
            switch (store) {
                case "postgres" -> {
                    BenchLoader.postgresCopy(pgc, "bench_copy", diffs, n -> progress("load derived copy", n, rows));
                    Dataset copy = BenchTable.dataset("copy", "public.bench_copy");
                    derivedReader = () -> JdbcTableReader.open(pgc, pg.address(), SqlDialect.POSTGRES, copy);
                    derivedSide = () -> sqlSide(pgc, SqlDialect.POSTGRES, copy);
                }
                case "h2" -> {
                    String url = "jdbc:h2:file:" + dir.resolve("h2/bench").toAbsolutePath();
                    ConnectionSource h2 = () -> DriverManager.getConnection(url);
                    BenchLoader.h2Copy(h2, "BENCH_COPY", diffs, n -> progress("load derived copy", n, rows));
                    Dataset copy = BenchTable.dataset("h2", "BENCH_COPY");
                    derivedReader = () -> JdbcTableReader.open(h2, url, SqlDialect.H2, copy);
                    derivedSide = () -> sqlSide(h2, SqlDialect.H2, copy);
                }
                case "lucene" -> {
                    Dataset copy = BenchTable.dataset("search", "items");
                    Path index = dir.resolve("lucene/items");
                    try (LuceneSink sink = LuceneSink.open(index, copy, BenchLoader.identity(copy))) {
                        BenchLoader.sinkCopy(sink, diffs, n -> progress("index derived copy", n, rows));
                    }
                    derivedReader = () -> LuceneReader.open(index, copy);
                    derivedSide = () -> new ReaderVerifySide("lucene items", LuceneReader.open(index, copy), BenchTable.FIELDS);
                }
                case "mysql" -> {
                    // A table in a database of its own on the machine's MariaDB, dropped at the end of the run.
                    BenchDatabase my = BenchDatabase.create(SqlDialect.MYSQL, RebuildBench.MARIADB, "root");
                    cleanup.add(my);
                    BenchLoader.mysqlCopy(my.writable(), "bench_copy", diffs, n -> progress("load derived copy", n, rows));
                    Dataset copy = BenchTable.dataset("mysql", "bench_copy");
                    derivedReader = () -> JdbcTableReader.open(my.writable(), RebuildBench.MARIADB, SqlDialect.MYSQL, copy);
                    derivedSide = () -> new ReaderVerifySide("mysql bench_copy", derivedReader.get(), BenchTable.FIELDS);
                }
                case "redis" -> {
                    RedisBenchStore redis = RedisBenchStore.open(redisAddress, BenchTable.dataset("cache", "items"));
                    cleanup.add(redis);
                    try (DerivedSink sink = redis.sink(BenchLoader.identity(redis.dataset()))) {
                        BenchLoader.sinkCopy(sink, diffs, n -> progress("write derived copy to Redis " + redisAddress, n, rows));
                    }
                    derivedReader = redis::reader;
                    derivedSide = () -> new ReaderVerifySide("redis items", redis.reader(), BenchTable.FIELDS);
                    plainRead = () -> {
                        long t0 = System.nanoTime();
                        long[] n = {0};
                        try (RedisReader r = redis.reader()) {
                            r.scanUnordered(row -> n[0]++);
                        }
                        err.printf("plain read of the Redis copy (SCAN + pipelined HGETALL, no sort): %,d records in %.2f s%n", n[0], secs(t0));
                        return secs(t0);
                    };
                }
                case "opensearch" -> {
                    Dataset copy = requireSearch().dataset("items");
                    try (DerivedSink sink = search.sink(copy)) {
                        BenchLoader.sinkCopy(sink, diffs, n -> progress("index derived copy", n, rows));
                    }
                    derivedReader = () -> search.reader(copy);
                    derivedSide = () -> new ReaderVerifySide("opensearch " + copy.physicalName(), search.reader(copy), BenchTable.FIELDS);
                    long ti = System.nanoTime();
                    long docs = readAll(derivedReader);
                    err.printf("plain read of the index alone: %,d documents in %.2f s, %,.0f docs/s%n", docs, secs(ti), docs / secs(ti));
                }
                default -> throw new HeadwaterException("--store '" + store + "' is not a store: use lucene, h2, postgres, mysql, redis or opensearch");
            }
            err.printf("built the derived copy (%s) in %.1f s%n", store, secs(t));

            t = System.nanoTime();
            long read = readAll(() -> JdbcTableReader.open(pgc, pg.address(), SqlDialect.POSTGRES, source)) + readAll(derivedReader);
            double readSecs = secs(t);
            err.printf("(a) read both sides: %,d records in %.2f s%n", read, readSecs);

            double storeRead = plainRead.get();

            HeapPeaks.reset();
            t = System.nanoTime();
            VerificationResult result;
            long liveHeap;
            try (LiveHeapSampler live = LiveHeapSampler.start(Duration.ofSeconds(2));
                 VerifySide s = sqlSide(pgc, SqlDialect.POSTGRES, source); VerifySide d = derivedSide.get()) {
                result = new Verifier(VerifyOptions.defaults()).verify(s, d, new Cancellation(),
                        (done, total, unit) -> progress("(b) verify", done, total));
                liveHeap = live.peakMb();
            }
            double verifySecs = secs(t);
            long verifyPeak = HeapPeaks.peakMb();
            err.printf("(b) verify: %.2f s, %s%n", verifySecs, result.counts());

            t = System.nanoTime();
            long naiveDiffs = naive(() -> JdbcTableReader.open(pgc, pg.address(), SqlDialect.POSTGRES, source), derivedReader);
            double naiveSecs = secs(t);
            err.printf("(c) naive pull-sort-compare: %.2f s, %,d differences%n", naiveSecs, naiveDiffs);

            return new Figures(store, rows, diffRate, readSecs, verifySecs, naiveSecs, diffs.count(diffs::mismatched), diffs.count(diffs::missing),
                    diffs.count(diffs::extraAfter), result, verifyPeak, storeRead, liveHeap);
        } finally {
            for (AutoCloseable c : cleanup) {
                try {
                    c.close();
                } catch (Exception e) {
                    err.printf("cannot clean up after the benchmark: %s%n", e.getMessage());
                }
            }
            if (search != null) {
                search.dropAll();
            }
        }
    }

    private SearchBenchIndex requireSearch() {
        if (search == null) {
            throw new HeadwaterException("--store opensearch needs --address host:port of a running OpenSearch node to index the copy into");
        }
        return search;
    }

    private static SqlVerifySide sqlSide(ConnectionSource c, SqlDialect dialect, Dataset table) {
        List<ComparedField> fields = BenchTable.FIELDS.stream()
                .map(f -> new ComparedField(f.name(), f.type(), new Expression.Column(f.name())))
                .toList();
        return SqlVerifySide.open(c, dialect, table, List.of(BenchTable.FIELDS.get(0)), fields, false, table.ref().toString());
    }

    private static long readAll(Supplier<DatasetReader> reader) {
        long[] n = {0};
        try (DatasetReader r = reader.get()) {
            r.scan(row -> n[0]++);
        }
        return n[0];
    }

    /** Pull every row of both sides into memory, sort both by key, compare record by record. */
    private static long naive(Supplier<DatasetReader> source, Supplier<DatasetReader> derived) {
        CanonicalForm form = new CanonicalForm(BenchTable.FIELDS);
        KeyOrder order = new KeyOrder(List.of(BenchTable.FIELDS.get(0)));
        List<Row> a = pull(source);
        List<Row> b = pull(derived);
        a.sort(order);
        b.sort(order);
        long diffs = 0;
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int c = i == a.size() ? 1 : j == b.size() ? -1 : order.compare(a.get(i).project(List.of("id")), b.get(j).project(List.of("id")));
            if (c == 0) {
                if (!form.text(a.get(i)).equals(form.text(b.get(j)))) {
                    diffs++;
                }
                i++;
                j++;
            } else {
                diffs++;
                if (c < 0) {
                    i++;
                } else {
                    j++;
                }
            }
        }
        return diffs;
    }

    private static List<Row> pull(Supplier<DatasetReader> reader) {
        List<Row> rows = new ArrayList<>();
        try (DatasetReader r = reader.get()) {
            r.scan(rows::add);
        }
        return rows;
    }

    private long lastPrint;

    private void progress(String what, long done, long total) {
        long now = System.nanoTime();
        if (now - lastPrint > 2_000_000_000L) {
            lastPrint = now;
            err.printf("  %s: %,d / %,d%n", what, done, total);
            err.flush();
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
