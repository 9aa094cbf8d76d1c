package io.headwater.app.runtime;

import io.headwater.connectors.bench.BenchDatabase;
import io.headwater.connectors.bench.BenchLoader;
import io.headwater.connectors.bench.BenchTable;
import io.headwater.connectors.jdbc.JdbcEndpoint;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.verify.CrossEngineSides;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.Verifier;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.spi.Cancellation;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code bench diff}: a PostgreSQL source table and a PostgreSQL or MariaDB copy with seeded
 * differences, each in a database of its own on the machine's servers (dropped after); times, in
 * one run, a plain read of both sides and the diff ({@link CrossEngineSides}, push-down chosen by
 * cost), and checks the findings equal the seeds.
 */
public final class DiffBench {
    private static final String PG = "127.0.0.1:5432";
    private static final String MY = "127.0.0.1:3306";

    /**
     * What one run measured.
     *
     * @param method how the diff compared (push-down or streamed, and why)
     */
    public record Figures(String target, long rows, double diffRate, double readSeconds, double diffSeconds, String method,
                          long expectedMismatched, long expectedMissing, long expectedExtra, VerificationResult result) {
        public boolean findingsMatchSeeds() {
            return result.counts().mismatched() == expectedMismatched && result.counts().missing() == expectedMissing
                    && result.counts().extra() == expectedExtra;
        }
    }

    private final PrintWriter err;
    private long lastPrint;

    public DiffBench(PrintWriter err) {
        this.err = err;
    }

    /** Runs the benchmark against a {@code postgres} or {@code mysql} target. */
    public Figures run(String target, long rows, double diffRate, CrossEngineSides.PushDown pushDown) {
        SqlDialect targetDialect = switch (target) {
            case "postgres" -> SqlDialect.POSTGRES;
            case "mysql", "mariadb" -> SqlDialect.MYSQL;
            default -> throw new HeadwaterException("--target '" + target + "' is not a target: use postgres or mysql");
        };
        BenchTable.Differences diffs = new BenchTable.Differences(rows, diffRate);
        try (BenchDatabase source = BenchDatabase.create(SqlDialect.POSTGRES, PG, "postgres");
             BenchDatabase copy = BenchDatabase.create(targetDialect, targetDialect == SqlDialect.POSTGRES ? PG : MY,
                     targetDialect == SqlDialect.POSTGRES ? "postgres" : "root")) {
            long t = System.nanoTime();
            BenchLoader.postgresSource(source.writable(), "bench_items", rows, n -> progress("load source", n, rows));
            if (targetDialect == SqlDialect.POSTGRES) {
                BenchLoader.postgresCopy(copy.writable(), "bench_items", diffs, n -> progress("load copy", n, rows));
            } else {
                BenchLoader.mysqlCopy(copy.writable(), "bench_items", diffs, n -> progress("load copy", n, rows));
            }
            err.printf("loaded %,d rows into the source and the %s copy in %.1f s%n", rows, target, secs(t));
            JdbcEndpoint s = source.endpoint("source");
            JdbcEndpoint c = copy.endpoint("copy");

            t = System.nanoTime();
            long read = BenchLoader.readAll(s.readOnly(), s.dialect(), "bench_items", "id") + BenchLoader.readAll(c.readOnly(), c.dialect(), "bench_items", "id");
            double readSecs = secs(t);
            err.printf("(a) read both sides: %,d rows in %.2f s%n", read, readSecs);

            Dataset sourceTable = BenchTable.dataset("source", "bench_items");
            Dataset copyTable = BenchTable.dataset("copy", "bench_items");
            Flow flow = new Flow("bench-diff", FlowKind.COPY, sourceTable.ref(), copyTable.ref(), List.of());
            t = System.nanoTime();
            VerificationResult result;
            String method;
            try (CrossEngineSides.SidePair sides = CrossEngineSides.open(s, sourceTable, c, copyTable, flow, null, pushDown)) {
                method = (sides.plan().pushDown() ? "push-down" : "streamed") + ": " + sides.plan().reason();
                result = new Verifier(VerifyOptions.defaults()).verify(sides.source(), sides.target(), new Cancellation(),
                        (done, total, unit) -> progress("(b) diff", done, total));
            }
            double diffSecs = secs(t);
            err.printf("(b) diff: %.2f s, %s (%s)%n", diffSecs, result.counts(), method);
            return new Figures(target, rows, diffRate, readSecs, diffSecs, method, diffs.count(diffs::mismatched), diffs.count(diffs::missing),
                    diffs.count(diffs::extraAfter), result);
        }
    }

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
