package io.headwater.connectors.verify;

import static io.headwater.connectors.verify.VerifyFixtures.col;
import static io.headwater.connectors.verify.VerifyFixtures.dataset;
import static io.headwater.connectors.verify.VerifyFixtures.javaFingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.connectors.h2.H2AnalyticsSink;
import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.FingerprintedRow;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.SegmentChecksum;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.MappingFunction;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.PartitionRef;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flow's system-of-record side (mapping applied in SQL, aggregates recomputed) against Java and a derived H2 table. */
abstract class SqlFlowSideContract {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final List<Field> CUSTOMERS = List.of(new Field("id", FieldType.INTEGER), new Field("name", FieldType.STRING),
            new Field("email", FieldType.STRING), new Field("created_at", FieldType.TIMESTAMP));
    private static final List<Field> TRANSFERS = List.of(new Field("request_id", FieldType.UUID), new Field("amount", FieldType.DECIMAL),
            new Field("created_at", FieldType.TIMESTAMP));

    @TempDir
    Path derivedDir;

    abstract ConnectionSource connections();

    abstract SqlDialect dialect();

    private ConnectionSource derived() {
        return () -> DriverManager.getConnection("jdbc:h2:file:" + derivedDir.resolve("analytics"));
    }

    private static Expression call(MappingFunction f, Expression... args) {
        return new Expression.Call(f, List.of(args));
    }

    @Test
    void scalarMappingIsAppliedInSqlUnderTheTargetKey() throws SQLException {
        String table = "customers_" + TABLES.incrementAndGet();
        Dataset source = dataset("pg", table, List.of("id"), CUSTOMERS);
        Dataset target = dataset("analytics", "CONTACTS", List.of("account_id"), List.of(new Field("account_id", FieldType.INTEGER),
                new Field("email", FieldType.STRING), new Field("shout", FieldType.STRING), new Field("name", FieldType.STRING),
                new Field("on_day", FieldType.DATE)));
        Flow flow = new Flow("contacts", FlowKind.CONSUME, source.ref(), target.ref(), List.of(new MappedField("account_id", col("id")),
                new MappedField("email", call(MappingFunction.LOWER, col("email"))), new MappedField("shout", call(MappingFunction.UPPER, col("name"))),
                new MappedField("name", call(MappingFunction.TRIM, col("name"))), new MappedField("on_day", call(MappingFunction.DAY, col("created_at")))));
        Random rnd = new Random(5);
        List<Row> rows = new ArrayList<>();
        for (long id = 1; id <= 300; id++) {
            rows.add(Row.of("id", id * 7, "name", id % 17 == 0 ? null : "  Ann Lee " + id + " ", "email", "Ann.Lee" + id + "@Example.COM",
                    "created_at", Instant.ofEpochSecond(rnd.nextInt(400_000_000) - 200_000_000L, rnd.nextInt(1_000_000) * 1000L)));
        }
        try (Connection c = connections().open()) {
            VerifyFixtures.createTable(c, dialect(), table, CUSTOMERS, List.of("id"));
            VerifyFixtures.insert(c, table, CUSTOMERS, rows);
        }
        List<Row> mapped = rows.stream().map(flow::apply).toList();
        try (Connection c = derived().open()) {
            VerifyFixtures.createTable(c, SqlDialect.H2, target.physicalName(), target.fields(), target.key());
            VerifyFixtures.insert(c, target.physicalName(), target.fields(), mapped);
        }
        try (SqlVerifySide side = SqlVerifySide.forFlow(connections(), dialect(), source, target, flow);
             SqlVerifySide stored = SqlVerifySide.forDerived(derived(), SqlDialect.H2, source, target, flow)) {
            assertThat(side.describe()).contains("email <- lower(email)");
            CanonicalForm form = side.form();
            List<FingerprintedRow> scanned = new ArrayList<>();
            side.scan(KeyRange.ALL, FingerprintAlgorithm.SHA256_64, true, scanned::add);
            assertThat(scanned).extracting(FingerprintedRow::key).containsExactlyElementsOf(mapped.stream().map(m -> m.project(List.of("account_id"))).toList());
            assertThat(scanned).extracting(FingerprintedRow::fingerprint).containsExactlyElementsOf(mapped.stream().map(m -> javaFingerprint(form, m)).toList());

            List<KeyRange> ranges = ranges(side.splitPoints(5));
            assertThat(stored.checksums(ranges, FingerprintAlgorithm.SHA256_64)).isEqualTo(side.checksums(ranges, FingerprintAlgorithm.SHA256_64));
            try (Connection c = derived().open(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE CONTACTS SET EMAIL = 'x' WHERE ACCOUNT_ID = 700");
            }
            List<SegmentChecksum> after = stored.checksums(ranges, FingerprintAlgorithm.SHA256_64);
            List<SegmentChecksum> truth = side.checksums(ranges, FingerprintAlgorithm.SHA256_64);
            long differing = java.util.stream.IntStream.range(0, ranges.size()).filter(i -> !after.get(i).equals(truth.get(i))).count();
            assertThat(differing).isEqualTo(1);
        }
    }

    private static List<KeyRange> ranges(List<Row> points) {
        List<KeyRange> out = new ArrayList<>();
        Row from = null;
        for (Row p : points) {
            out.add(new KeyRange(from, p));
            from = p;
        }
        out.add(new KeyRange(from, null));
        return out;
    }

    @Test
    void aggregateIsRecomputedLikeJavaAndLikeTheH2Sink() throws SQLException {
        String table = "transfers_" + TABLES.incrementAndGet();
        Dataset source = dataset("pg", table, List.of("request_id"), TRANSFERS);
        Dataset target = dataset("analytics", "DAILY_TOTALS", List.of("day"), List.of(new Field("day", FieldType.DATE),
                new Field("transfer_count", FieldType.INTEGER), new Field("total_amount", FieldType.DECIMAL)));
        Flow flow = new Flow("daily-totals", FlowKind.CONSUME, source.ref(), target.ref(), List.of(
                new MappedField("day", call(MappingFunction.DAY, col("created_at"))),
                new MappedField("transfer_count", call(MappingFunction.COUNT)),
                new MappedField("total_amount", call(MappingFunction.SUM, col("amount")))));
        Random rnd = new Random(11);
        List<Row> rows = new ArrayList<>();
        Instant base = Instant.parse("2024-05-01T00:00:00Z");
        for (int i = 0; i < 400; i++) {
            rows.add(Row.of("request_id", new UUID(rnd.nextLong(), rnd.nextLong()),
                    "amount", i % 50 == 0 ? null : BigDecimal.valueOf(rnd.nextInt(1_000_000) - 100_000, 2),
                    "created_at", i % 97 == 0 ? null : base.plusSeconds(rnd.nextInt(6 * 86_400)).plusNanos(rnd.nextInt(1000) * 1000L)));
        }
        rows.add(Row.of("request_id", new UUID(1, 1), "amount", null, "created_at", Instant.parse("2024-04-20T23:59:59.999999Z")));
        try (Connection c = connections().open()) {
            VerifyFixtures.createTable(c, dialect(), table, TRANSFERS, List.of("request_id"));
            VerifyFixtures.insert(c, table, TRANSFERS, rows);
        }
        Map<LocalDate, Row> expected = javaAggregate(rows);
        try (H2AnalyticsSink sink = H2AnalyticsSink.open("jdbc:h2:file:" + derivedDir.resolve("analytics"), target, flow)) {
            List<ChangeEvent> events = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                events.add(new ChangeEvent(new LogPosition(new PartitionRef("t", 0), i), "e" + i, ChangeOp.CREATE,
                        rows.get(i).project(List.of("request_id")), null, rows.get(i), base));
            }
            sink.apply(events, Checkpoint.EMPTY.advancedPast(events.get(events.size() - 1).position()));
        }
        try (SqlVerifySide side = SqlVerifySide.forFlow(connections(), dialect(), source, target, flow);
             SqlVerifySide stored = SqlVerifySide.forDerived(derived(), SqlDialect.H2, source, target, flow)) {
            List<FingerprintedRow> scanned = new ArrayList<>();
            side.scan(KeyRange.ALL, FingerprintAlgorithm.SHA256_64, true, scanned::add);
            assertThat(scanned).extracting(r -> r.key().get("day")).containsExactlyElementsOf(expected.keySet());
            assertThat(scanned).extracting(FingerprintedRow::fingerprint)
                    .containsExactlyElementsOf(expected.values().stream().map(r -> javaFingerprint(side.form(), r)).toList());
            assertThat(side.count()).isEqualTo(expected.size()).isEqualTo(stored.count());

            List<KeyRange> ranges = ranges(side.splitPoints(3));
            assertThat(ranges).hasSizeGreaterThan(1);
            assertThat(side.checksums(ranges, FingerprintAlgorithm.SHA256_64)).isEqualTo(stored.checksums(ranges, FingerprintAlgorithm.SHA256_64));
        }
    }

    private static Map<LocalDate, Row> javaAggregate(List<Row> rows) {
        Map<LocalDate, Object[]> acc = new TreeMap<>();
        for (Row r : rows) {
            Instant at = (Instant) r.get("created_at");
            if (at != null) {
                Object[] a = acc.computeIfAbsent(LocalDate.ofInstant(at, ZoneOffset.UTC), d -> new Object[] {null, null});
                a[0] = MappingFunction.COUNT.accumulate(a[0], null);
                a[1] = MappingFunction.SUM.accumulate(a[1], r.get("amount"));
            }
        }
        Map<LocalDate, Row> out = new TreeMap<>();
        acc.forEach((d, a) -> out.put(d, Row.of("day", d, "transfer_count", a[0], "total_amount", a[1])));
        return out;
    }
}
