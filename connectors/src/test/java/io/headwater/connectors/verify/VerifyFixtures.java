package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.JdbcValues;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.SegmentChecksum;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

/** Tables, rows and Java-side reference values for the SQL verify-side tests. */
final class VerifyFixtures {
    static final List<Field> TRICKY_FIELDS = List.of(new Field("id", FieldType.INTEGER), new Field("s", FieldType.STRING),
            new Field("d", FieldType.DECIMAL), new Field("d4", FieldType.DECIMAL), new Field("f", FieldType.FLOAT),
            new Field("b", FieldType.BOOLEAN), new Field("ts", FieldType.TIMESTAMP), new Field("dt", FieldType.DATE),
            new Field("u", FieldType.UUID), new Field("by", FieldType.BYTES));

    private VerifyFixtures() {
    }

    static Dataset dataset(String system, String table, List<String> key, List<Field> fields) {
        return new Dataset(new DatasetRef(system, table), table, key, fields, null);
    }

    static Expression.Column col(String name) {
        return new Expression.Column(name);
    }

    /** Compared fields reading each field as it is. */
    static List<ComparedField> asIs(List<Field> fields) {
        return fields.stream().map(f -> new ComparedField(f.name(), f.type(), col(f.name()))).toList();
    }

    /** Creates a table (unquoted names, so each database folds them its way); {@code d4} is a NUMERIC with scale 4. */
    static void createTable(Connection c, SqlDialect dialect, String table, List<Field> fields, List<String> key) throws SQLException {
        String cols = fields.stream().map(f -> f.name() + " " + (f.name().equals("d4") ? "NUMERIC(40,4)" : dialect.columnType(f.type())))
                .collect(Collectors.joining(", "));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (" + cols + ", PRIMARY KEY (" + String.join(", ", key) + "))");
        }
    }

    static void insert(Connection c, String table, List<Field> fields, List<Row> rows) throws SQLException {
        String sql = "INSERT INTO " + table + " (" + fields.stream().map(Field::name).collect(Collectors.joining(", ")) + ") VALUES ("
                + String.join(", ", Collections.nCopies(fields.size(), "?")) + ")";
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Row r : rows) {
                int i = 1;
                for (Field f : fields) {
                    JdbcValues.bind(ps, i++, f.type(), r.get(f.name()));
                }
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
    }

    static long javaFingerprint(CanonicalForm form, Row row) {
        return FingerprintAlgorithm.SHA256_64.fingerprint(form.text(row));
    }

    /** The checksum Java computes over the rows of a range. */
    static SegmentChecksum javaChecksum(List<Row> rows, CanonicalForm form, KeyRange range, io.headwater.engine.integrity.KeyOrder order,
                                        List<String> key) {
        return javaChecksum(rows, form, range, order, key, FingerprintAlgorithm.SHA256_64);
    }

    /** The checksum Java computes over the rows of a range with an algorithm. */
    static SegmentChecksum javaChecksum(List<Row> rows, CanonicalForm form, KeyRange range, io.headwater.engine.integrity.KeyOrder order,
                                        List<String> key, FingerprintAlgorithm algorithm) {
        SegmentChecksum sum = SegmentChecksum.EMPTY;
        for (Row r : rows) {
            if (range.contains(r.project(key), order)) {
                sum = sum.plus(algorithm.fingerprint(form.text(r)));
            }
        }
        return sum;
    }

    /** Rows with values that are easy to get wrong in SQL. */
    static List<Row> trickyRows() {
        List<Row> rows = new ArrayList<>();
        rows.add(tricky(1, null, null, null, null, null, null, null, null, null));
        rows.add(tricky(2, "", "12.50", "12.5", 0.1234565, true, "2024-03-01T12:34:56.789012Z", "2024-02-29",
                "ffffffff-ffff-ffff-ffff-ffffffffffff", new byte[0]));
        rows.add(tricky(3, "a|b\\c\\|", "100.00", "100", -0.0000004, false, "1969-12-31T23:59:59.999999Z", "1900-01-01",
                "80000000-0000-0000-0000-000000000001", new byte[] {0, (byte) 0xff, 0x10}));
        rows.add(tricky(4, "cafe\u0301 \u0041\u030a", "0.00", "0", 1e300, true, "1900-01-01T00:00:00.000001Z", "0999-12-31",
                "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}));
        rows.add(tricky(5, "日本語 \\N", "-0.10", "-0.1000", Double.NaN, false, "1970-01-01T00:00:00Z", "1970-01-01",
                "00000000-0000-0000-0000-000000000000", new byte[] {'|', '\\'}));
        rows.add(tricky(6, "\\N", "123456789012345678901234567890.123456789", "-12345.6789", Double.POSITIVE_INFINITY, true,
                "2262-04-11T23:47:16.854775Z", "9999-12-31", "7fffffff-ffff-ffff-8000-000000000000", new byte[] {1}));
        rows.add(tricky(7, "|", "1E-20", "0.0001", Double.NEGATIVE_INFINITY, false, "1677-09-21T00:12:43.145225Z", "2000-01-01",
                "8a8b8c8d-0000-0000-0000-000000000000", new byte[] {0}));
        rows.add(tricky(8, "\\", "1E+5", "99999.9999", 1.0000005, true, "2038-01-19T03:14:08Z", "2038-01-19",
                "c0000000-0000-0000-0000-000000000000", new byte[] {127}));
        rows.add(tricky(9, "x\u00e9\ud83d\ude00", "-5", "-5", 123456.7890125, false, "1999-12-31T23:59:59.5Z", "1999-12-31",
                "01234567-89ab-cdef-0123-456789abcdef", new byte[] {(byte) 0x80}));
        rows.add(tricky(10, "  trailing  ", "3.14159265358979323846264338327950288419716939937510", "0", -1.5e-7, true,
                "2024-01-01T00:00:00.000999Z", "2024-01-01", "11111111-1111-1111-1111-111111111111", new byte[] {9, 8}));
        rows.add(tricky(11, "tab\there", "7", "7.0000", 2.5e-7, false, "2024-01-01T00:00:00.1Z", "2024-01-02",
                "22222222-2222-2222-2222-222222222222", new byte[] {1, 2, 3}));
        rows.add(tricky(12, "neg zero", "-0", "-0.0000", -0.0, true, "1969-07-20T20:17:40.123456Z", "1969-07-20",
                "33333333-3333-3333-3333-333333333333", new byte[] {4}));
        return rows;
    }

    private static Row tricky(long id, String s, String d, String d4, Double f, Boolean b, String ts, String dt, String u, byte[] by) {
        return Row.of("id", id, "s", s, "d", d == null ? null : new BigDecimal(d), "d4", d4 == null ? null : new BigDecimal(d4), "f", f,
                "b", b, "ts", ts == null ? null : Instant.parse(ts), "dt", dt == null ? null : LocalDate.parse(dt),
                "u", u == null ? null : UUID.fromString(u), "by", by);
    }

    /** Random rows for checksum tests: id, a string, a decimal amount, a timestamp. */
    static List<Row> randomRows(long seed, int n) {
        Random rnd = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < n; id++) {
            rows.add(Row.of("id", id * 3 - 500 + rnd.nextInt(3), "name", rnd.nextInt(10) == 0 ? null : "n" + rnd.nextInt(1_000_000) + "|é",
                    "amount", BigDecimal.valueOf(rnd.nextInt(2_000_000) - 1_000_000, rnd.nextInt(4)),
                    "at", Instant.ofEpochSecond(rnd.nextInt(2_000_000_000) - 1_000_000_000L, rnd.nextInt(1_000_000) * 1000L)));
        }
        return rows.stream().collect(Collectors.toMap(r -> r.get("id"), r -> r, (a, b) -> a)).values().stream().toList();
    }

    static final List<Field> RANDOM_FIELDS = List.of(new Field("id", FieldType.INTEGER), new Field("name", FieldType.STRING),
            new Field("amount", FieldType.DECIMAL), new Field("at", FieldType.TIMESTAMP));
}
