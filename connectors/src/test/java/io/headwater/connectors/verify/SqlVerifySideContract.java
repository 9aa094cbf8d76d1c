package io.headwater.connectors.verify;

import static io.headwater.connectors.verify.VerifyFixtures.asIs;
import static io.headwater.connectors.verify.VerifyFixtures.dataset;
import static io.headwater.connectors.verify.VerifyFixtures.javaChecksum;
import static io.headwater.connectors.verify.VerifyFixtures.javaFingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.FingerprintedRow;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.SegmentChecksum;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every SQL verify side must do, whatever the database; subclasses provide one. */
abstract class SqlVerifySideContract {
    private static final AtomicInteger TABLES = new AtomicInteger();

    abstract ConnectionSource connections();

    abstract SqlDialect dialect();

    /** Whether the database orders strings by code point beyond the BMP (PostgreSQL under COLLATE "C"). */
    abstract boolean ordersSupplementaryByCodePoint();

    String newTable(String prefix) {
        return prefix + "_" + TABLES.incrementAndGet();
    }

    void create(String table, List<Field> fields, List<String> key, List<Row> rows) throws SQLException {
        try (Connection c = connections().open()) {
            VerifyFixtures.createTable(c, dialect(), table, fields, key);
            VerifyFixtures.insert(c, table, fields, rows);
        }
    }

    SqlVerifySide side(String table, List<Field> fields, List<String> key) {
        return side(table, fields, key, fields);
    }

    SqlVerifySide side(String table, List<Field> fields, List<String> key, List<Field> compared) {
        Dataset ds = dataset("db", table, key, fields);
        return SqlVerifySide.open(connections(), dialect(), ds, ds.keyFields(), asIs(compared), false, table);
    }

    @Test
    void canonicalTextAndFingerprintsEqualJavaForTrickyValues() throws SQLException {
        String table = newTable("tricky");
        List<Row> rows = VerifyFixtures.trickyRows();
        create(table, VerifyFixtures.TRICKY_FIELDS, List.of("id"), rows);
        try (SqlVerifySide side = side(table, VerifyFixtures.TRICKY_FIELDS, List.of("id"))) {
            CanonicalForm form = side.form();
            List<String> sqlTexts = new ArrayList<>();
            try (Connection c = connections().open(); Statement s = c.createStatement()) {
                s.execute("SET TIME ZONE 'UTC'");
                try (ResultSet rs = s.executeQuery("SELECT " + side.canonicalTextSql() + " FROM " + table + " ORDER BY id")) {
                    while (rs.next()) {
                        sqlTexts.add(rs.getString(1));
                    }
                }
            }
            assertThat(sqlTexts).containsExactlyElementsOf(rows.stream().map(form::text).toList());

            List<FingerprintedRow> scanned = new ArrayList<>();
            side.scan(KeyRange.ALL, FingerprintAlgorithm.SHA256_64, true, scanned::add);
            assertThat(scanned).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertThat(scanned.get(i).fingerprint()).as("row %s", rows.get(i).get("id")).isEqualTo(javaFingerprint(form, rows.get(i)));
                assertThat(form.text(scanned.get(i).values())).isEqualTo(form.text(rows.get(i)));
            }
            List<FingerprintedRow> xxh = new ArrayList<>();
            side.scan(KeyRange.ALL, FingerprintAlgorithm.XXH3_64, false, xxh::add);
            assertThat(xxh).extracting(FingerprintedRow::fingerprint)
                    .containsExactlyElementsOf(rows.stream().map(r -> FingerprintAlgorithm.XXH3_64.fingerprint(form.text(r))).toList());
            assertThat(side.pushedDownAlgorithms()).containsExactly(FingerprintAlgorithm.LOOKUP3_64, FingerprintAlgorithm.SHA256_64);
            List<FingerprintedRow> lookup3 = new ArrayList<>();
            side.scan(KeyRange.ALL, FingerprintAlgorithm.LOOKUP3_64, false, lookup3::add);
            assertThat(lookup3).extracting(FingerprintedRow::fingerprint)
                    .containsExactlyElementsOf(rows.stream().map(r -> FingerprintAlgorithm.LOOKUP3_64.fingerprint(form.text(r))).toList());
        }
    }

    @Test
    void decomposedUnicodeFingerprintsLikeComposed() throws SQLException {
        String table = newTable("nfc");
        List<Field> fields = List.of(new Field("id", FieldType.INTEGER), new Field("s", FieldType.STRING));
        create(table, fields, List.of("id"), List.of(Row.of("id", 1L, "s", "cafe\u0301"), Row.of("id", 2L, "s", "caf\u00e9")));
        try (SqlVerifySide side = side(table, fields, List.of("id"), List.of(fields.get(1)))) {
            List<Long> fps = new ArrayList<>();
            side.scan(KeyRange.ALL, FingerprintAlgorithm.SHA256_64, false, r -> fps.add(r.fingerprint()));
            assertThat(fps).containsExactly(FingerprintAlgorithm.SHA256_64.fingerprint("hw1|caf\u00e9"),
                    FingerprintAlgorithm.SHA256_64.fingerprint("hw1|caf\u00e9"));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void checksumsOfSeveralRangesEqualJavaSums(long seed) throws SQLException {
        String table = newTable("sums");
        List<Row> rows = VerifyFixtures.randomRows(seed, 2_000);
        create(table, VerifyFixtures.RANDOM_FIELDS, List.of("id"), rows);
        try (SqlVerifySide side = side(table, VerifyFixtures.RANDOM_FIELDS, List.of("id"))) {
            Random rnd = new Random(seed);
            List<Long> cuts = new ArrayList<>();
            for (int i = 0; i < 1 + rnd.nextInt(70); i++) {
                cuts.add(rnd.nextLong(-700, 6_700));
            }
            cuts = cuts.stream().distinct().sorted().toList();
            List<KeyRange> ranges = new ArrayList<>();
            Row previous = null;
            for (long cut : cuts) {
                ranges.add(new KeyRange(previous, Row.of("id", cut)));
                previous = Row.of("id", cut);
            }
            ranges.add(new KeyRange(previous, null));
            ranges.remove(rnd.nextInt(ranges.size())); // a gap
            assertChecksums(side, rows, ranges);
            // unsorted, overlapping and empty ranges are each computed on their own
            List<KeyRange> odd = List.of(new KeyRange(Row.of("id", 100L), Row.of("id", 900L)), KeyRange.ALL,
                    new KeyRange(Row.of("id", 0L), Row.of("id", 200L)), new KeyRange(Row.of("id", 50L), Row.of("id", 50L)));
            assertChecksums(side, rows, odd);
            assertThat(side.count()).isEqualTo(rows.size());
        }
    }

    @Test
    void scansSeveralRangesSplitsInsideARangeAndLooksUpOneKey() throws SQLException {
        String table = newTable("ranges");
        List<Row> rows = VerifyFixtures.randomRows(9, 1_000);
        create(table, VerifyFixtures.RANDOM_FIELDS, List.of("id"), rows);
        try (SqlVerifySide side = side(table, VerifyFixtures.RANDOM_FIELDS, List.of("id"))) {
            KeyOrder order = side.keyOrder();
            List<KeyRange> ranges = List.of(new KeyRange(null, Row.of("id", -400L)), new KeyRange(Row.of("id", 0L), Row.of("id", 10L)),
                    new KeyRange(Row.of("id", 10L), Row.of("id", 300L)), new KeyRange(Row.of("id", 2_000L), null));
            List<FingerprintedRow> scanned = new ArrayList<>();
            side.scanRanges(ranges, FingerprintAlgorithm.SHA256_64, true, scanned::add);
            List<Row> expected = rows.stream().filter(r -> ranges.stream().anyMatch(g -> g.contains(r.project(List.of("id")), order)))
                    .sorted(order).toList();
            assertThat(scanned).extracting(FingerprintedRow::key).containsExactlyElementsOf(expected.stream().map(r -> r.project(List.of("id"))).toList());
            assertThat(scanned).extracting(FingerprintedRow::fingerprint)
                    .containsExactlyElementsOf(expected.stream().map(r -> javaFingerprint(side.form(), r)).toList());

            KeyRange inner = new KeyRange(Row.of("id", 100L), Row.of("id", 700L));
            List<Row> points = side.splitPoints(inner, 4);
            assertThat(points).hasSize(3).isSortedAccordingTo(order)
                    .allSatisfy(p -> assertThat(inner.contains(p, order) && order.compare(p, inner.from()) > 0).isTrue());

            Row some = expected.get(expected.size() / 2);
            FingerprintedRow found = side.lookup(some.project(List.of("id")), FingerprintAlgorithm.SHA256_64).orElseThrow();
            assertThat(found.fingerprint()).isEqualTo(javaFingerprint(side.form(), some));
            assertThat(side.form().text(found.values())).isEqualTo(side.form().text(some));
            assertThat(side.lookup(Row.of("id", 1_000_000L), FingerprintAlgorithm.SHA256_64)).isEmpty();
        }
    }

    @Test
    void checksumsOfManyRangesUseASecondConnectionAndEqualJavaSums() throws SQLException {
        String table = newTable("fanout");
        List<Row> rows = VerifyFixtures.randomRows(4, 3_000);
        create(table, VerifyFixtures.RANDOM_FIELDS, List.of("id"), rows);
        AtomicInteger opened = new AtomicInteger();
        ConnectionSource counting = () -> {
            opened.incrementAndGet();
            return connections().open();
        };
        Dataset ds = dataset("db", table, List.of("id"), VerifyFixtures.RANDOM_FIELDS);
        try (SqlVerifySide side = SqlVerifySide.open(counting, dialect(), ds, ds.keyFields(), asIs(VerifyFixtures.RANDOM_FIELDS), false, table)) {
            List<KeyRange> few = List.of(KeyRange.ALL);
            assertChecksums(side, rows, few);
            assertThat(opened.get()).as("one range: the side's own connection only").isEqualTo(1);
            List<KeyRange> many = new ArrayList<>();
            Row previous = null;
            for (long cut = -700; cut < 6_700; cut += 90) {
                many.add(new KeyRange(previous, Row.of("id", cut)));
                previous = Row.of("id", cut);
            }
            many.add(new KeyRange(previous, null));
            assertChecksums(side, rows, many);
            assertThat(opened.get()).as("%d ranges: a second connection", many.size()).isEqualTo(2);
        }
    }

    private static void assertChecksums(SqlVerifySide side, List<Row> rows, List<KeyRange> ranges) {
        List<SegmentChecksum> expected = ranges.stream()
                .map(r -> javaChecksum(rows, side.form(), r, side.keyOrder(), List.of("id"))).toList();
        assertThat(side.checksums(ranges, FingerprintAlgorithm.SHA256_64)).containsExactlyElementsOf(expected);
        assertThat(side.checksums(ranges, FingerprintAlgorithm.LOOKUP3_64)).containsExactlyElementsOf(ranges.stream()
                .map(r -> javaChecksum(rows, side.form(), r, side.keyOrder(), List.of("id"), FingerprintAlgorithm.LOOKUP3_64)).toList());
        assertThat(side.checksums(ranges, FingerprintAlgorithm.XXH3_64)).extracting(SegmentChecksum::count)
                .containsExactlyElementsOf(expected.stream().map(SegmentChecksum::count).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"integer", "string", "uuid", "composite"})
    void scansInKeyOrderAndSplitsIntoRangesThatCoverEverything(String kind) throws SQLException {
        String table = newTable("order_" + kind);
        List<Field> fields = switch (kind) {
            case "integer" -> List.of(new Field("k", FieldType.INTEGER), new Field("v", FieldType.STRING));
            case "string" -> List.of(new Field("k", FieldType.STRING), new Field("v", FieldType.STRING));
            case "uuid" -> List.of(new Field("k", FieldType.UUID), new Field("v", FieldType.STRING));
            default -> List.of(new Field("k", FieldType.STRING), new Field("k2", FieldType.INTEGER), new Field("v", FieldType.STRING));
        };
        List<String> key = kind.equals("composite") ? List.of("k", "k2") : List.of("k");
        List<Row> rows = orderRows(kind, new Random(kind.hashCode()));
        create(table, fields, key, rows);
        try (SqlVerifySide side = side(table, fields, key)) {
            KeyOrder order = side.keyOrder();
            List<Row> scanned = new ArrayList<>();
            side.scan(KeyRange.ALL, FingerprintAlgorithm.SHA256_64, false, r -> scanned.add(r.key()));
            assertThat(scanned).containsExactlyElementsOf(rows.stream().map(r -> r.project(key)).sorted(order).toList());

            List<Row> points = side.splitPoints(8);
            assertThat(points).hasSizeBetween(3, 7).isSortedAccordingTo(order).doesNotHaveDuplicates();
            List<KeyRange> ranges = new ArrayList<>();
            Row from = null;
            for (Row p : points) {
                ranges.add(new KeyRange(from, p));
                from = p;
            }
            ranges.add(new KeyRange(from, null));
            List<SegmentChecksum> sums = side.checksums(ranges, FingerprintAlgorithm.SHA256_64);
            assertThat(sums.stream().reduce(SegmentChecksum.EMPTY, SegmentChecksum::plus))
                    .isEqualTo(side.checksums(List.of(KeyRange.ALL), FingerprintAlgorithm.SHA256_64).get(0));
            assertThat(sums).allSatisfy(s -> assertThat(s.count()).isPositive());
            for (int i = 0; i < ranges.size(); i++) {
                assertThat(sums.get(i)).isEqualTo(javaChecksum(rows, side.form(), ranges.get(i), order, key));
            }
        }
    }

    private List<Row> orderRows(String kind, Random rnd) {
        List<String> strings = new ArrayList<>(List.of("", "a", "B", "Z", "a b", "ab", "é", "ß", "z", "中", "\uFFFD", "Ä", "e\u0301", "~"));
        if (ordersSupplementaryByCodePoint()) {
            strings.addAll(List.of("\ud83d\ude00", "\uE000", "\uFF21"));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String s = strings.get(i % strings.size()) + (i < strings.size() ? "" : strings.get(rnd.nextInt(strings.size())) + i);
            Row r = switch (kind) {
                case "integer" -> Row.of("k", rnd.nextLong(-1_000_000, 1_000_000), "v", s);
                case "string" -> Row.of("k", s, "v", "v" + i);
                case "uuid" -> Row.of("k", new UUID(rnd.nextLong(), rnd.nextLong()), "v", s);
                default -> Row.of("k", strings.get(rnd.nextInt(strings.size())), "k2", (long) rnd.nextInt(7) - 3, "v", s);
            };
            rows.add(r);
        }
        List<String> key = kind.equals("composite") ? List.of("k", "k2") : List.of("k");
        return rows.stream().collect(java.util.stream.Collectors.toMap(r -> r.project(key), r -> r, (a, b) -> a,
                java.util.LinkedHashMap::new)).values().stream().toList();
    }
}
