package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.JdbcValues;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.postgres.EmbeddedPostgresServer;
import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.SegmentChecksum;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A bench command (not a test): 1M rows in embedded PostgreSQL and in an H2 file database; prints
 * the time of a plain JDBC read of all rows, of the push-down checksums of 64 ranges (SHA256_64 and
 * LOOKUP3_64, on two connections; then SHA256_64 one query per range), of a scan with the fingerprint computed in SQL, and of a Java-side read
 * with SHA256_64 per row. Run with the test class path; the first argument is the row count.
 */
public final class SqlPushDownBench {
    private static final List<Field> FIELDS = List.of(new Field("id", FieldType.INTEGER), new Field("name", FieldType.STRING),
            new Field("email", FieldType.STRING), new Field("amount", FieldType.DECIMAL), new Field("created_at", FieldType.TIMESTAMP));

    private SqlPushDownBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("hw-pushdown-bench");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"))) {
            ConnectionSource pgc = () -> pg.dataSource().getConnection();
            load(pgc, "INSERT INTO bench SELECT g, 'name ' || g, 'user' || g || '@example.com', (g % 100000) / 100.0,"
                    + " timestamptz '2020-01-01 00:00:00+00' + g * interval '1 second 7 microseconds' FROM generate_series(1, " + rows + ") g",
                    SqlDialect.POSTGRES, "ANALYZE bench");
            run("PostgreSQL", pgc, SqlDialect.POSTGRES, rows);
        }
        ConnectionSource h2 = () -> DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("h2/bench") + ";QUERY_CACHE_SIZE=0");
        load(h2, "INSERT INTO bench SELECT X, 'name ' || X, 'user' || X || '@example.com', CAST((X % 100000) / 100.0 AS DECFLOAT),"
                + " TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00' + X * INTERVAL '1.000007' SECOND FROM SYSTEM_RANGE(1, " + rows + ")",
                SqlDialect.H2, "ANALYZE");
        run("H2", h2, SqlDialect.H2, rows);
    }

    private static void load(ConnectionSource connections, String insert, SqlDialect dialect, String analyze) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = connections.open(); Statement s = c.createStatement()) {
            VerifyFixtures.createTable(c, dialect, "bench", FIELDS, List.of("id"));
            s.execute(insert);
            s.execute(analyze);
        }
        System.out.printf("%s: loaded in %d ms%n", dialect, (System.nanoTime() - t0) / 1_000_000);
    }

    private static void run(String name, ConnectionSource connections, SqlDialect dialect, int rows) {
        Dataset ds = VerifyFixtures.dataset("db", "bench", List.of("id"), FIELDS);
        CanonicalForm form = new CanonicalForm(FIELDS);
        try (SqlVerifySide side = SqlVerifySide.open(connections, dialect, ds, ds.keyFields(), VerifyFixtures.asIs(FIELDS), false, "bench")) {
            List<KeyRange> ranges = new ArrayList<>();
            Row from = null;
            for (Row p : side.splitPoints(64)) {
                ranges.add(new KeyRange(from, p));
                from = p;
            }
            ranges.add(new KeyRange(from, null));
            for (int round = 1; round <= 2; round++) {
                System.out.printf("%s round %d (%d rows, %d ranges)%n", name, round, rows, ranges.size());
                time("  plain JDBC read of all rows", () -> {
                    long[] n = {0};
                    read(connections, r -> n[0]++);
                    return n[0] + " rows";
                });
                time("  push-down checksums SHA256_64, 64 ranges", () -> total(side.checksums(ranges, FingerprintAlgorithm.SHA256_64)));
                time("  push-down checksums LOOKUP3_64, 64 ranges", () -> total(side.checksums(ranges, FingerprintAlgorithm.LOOKUP3_64)));
                time("  push-down checksums, a query per range", () -> {
                    SegmentChecksum t = SegmentChecksum.EMPTY;
                    for (KeyRange r : ranges) {
                        t = t.plus(side.checksums(List.of(r), FingerprintAlgorithm.SHA256_64).get(0));
                    }
                    return t.toString();
                });
                time("  scan with SHA256_64 in SQL", () -> {
                    SegmentChecksum[] t = {SegmentChecksum.EMPTY};
                    side.scan(KeyRange.ALL, FingerprintAlgorithm.SHA256_64, false, r -> t[0] = t[0].plus(r.fingerprint()));
                    return t[0].toString();
                });
                time("  Java read + canonical text + SHA256_64", () -> {
                    SegmentChecksum[] t = {SegmentChecksum.EMPTY};
                    read(connections, r -> t[0] = t[0].plus(FingerprintAlgorithm.SHA256_64.fingerprint(form.text(r))));
                    return t[0].toString();
                });
            }
        }
    }

    /**
     * Reads every row with JDBC as the engine's values (JdbcTableReader would do, but it asks
     * PostgreSQL for a timestamptz as a LocalDateTime, which the driver refuses).
     */
    private static void read(ConnectionSource connections, Consumer<Row> sink) {
        try (Connection c = connections.open()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, email, amount, created_at FROM bench ORDER BY id")) {
                ps.setFetchSize(5_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        for (int i = 0; i < FIELDS.size(); i++) {
                            Field f = FIELDS.get(i);
                            int type = f.type() == FieldType.TIMESTAMP ? Types.TIMESTAMP_WITH_TIMEZONE : Types.OTHER;
                            m.put(f.name(), JdbcValues.read(rs, i + 1, f.type(), type));
                        }
                        sink.accept(Row.of(m));
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("bench read failed", e);
        }
    }

    private static String total(List<SegmentChecksum> sums) {
        return sums.stream().reduce(SegmentChecksum.EMPTY, SegmentChecksum::plus).toString();
    }

    private static void time(String what, Supplier<String> task) {
        long t0 = System.nanoTime();
        String result = task.get();
        System.out.printf("%-45s %6d ms  %s%n", what, (System.nanoTime() - t0) / 1_000_000, result);
    }
}
