package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.JdbcValues;
import io.headwater.connectors.jdbc.ResolvedTable;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.StoreException;
import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.FingerprintedRow;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.SegmentChecksum;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.VerifySide;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A PostgreSQL or H2 table as one side of a verification, with checksum push-down: the database
 * builds each record's canonical text ({@link CanonicalSql}), hashes it with SHA-256 and returns
 * per key range only {@code COUNT(*)} and the exact {@code SUM} of the fingerprints, for many ranges
 * in one query and one pass ({@link RangeBuckets}); Java reduces the sum modulo 2^64.
 *
 * <p>The same class reads the system of record through a flow's mapping (columns, {@code lower},
 * {@code upper}, {@code trim}, {@code day}; an aggregate is recomputed with {@code GROUP BY}) and a
 * derived table as it is stored (identity mapping). Keys are in target names. Scans stream in key
 * order ({@code COLLATE "C"} for PostgreSQL strings) with a fetch size inside a read-only
 * transaction, the fingerprint computed in SQL as well, so scans and checksums agree.
 *
 * <p>The algorithms of {@link #pushedDownAlgorithms()} are computed in the database ({@link
 * FingerprintAlgorithm#LOOKUP3_64}, PostgreSQL's {@code hashtextextended}, first where the database
 * can compute it); for another algorithm the database
 * still builds the canonical text and Java hashes it.
 *
 * <p>Not thread-safe: it keeps one connection (opened on first use, reopened after a failure), and
 * computes the checksums of many ranges on a second one at the same time ({@link ConnectionFanOut}).
 * SQL failures become {@link io.headwater.engine.ConnectionException} (state 08) or
 * {@link io.headwater.engine.StoreException}.
 */
public final class SqlVerifySide implements VerifySide {
    private static final int FETCH_SIZE = 5_000;
    private static final int MAX_RANGES_PER_QUERY = 512;
    /** Connections that compute checksums at once (the side's own and one more). */
    private static final int CONNECTIONS = 2;
    /** Fewer ranges per connection than this go to one query: another connection would not pay. */
    private static final int MIN_RANGES_PER_CONNECTION = 8;

    private final SqlSession session;
    private final ConnectionFanOut fanOut;
    private final String description;
    private final SqlRelation relation;
    private final List<ComparedField> fields;
    private final CanonicalForm form;
    private final KeyOrder keyOrder;
    private final KeyRangeSql keySql;
    private final String text;
    /** The SQL fingerprint expression of each algorithm the database computes, fastest first. */
    private final Map<FingerprintAlgorithm, String> fingerprints;

    private SqlVerifySide(SqlSession session, ConnectionFanOut fanOut, String description, SqlRelation relation, List<ComparedField> fields,
                          boolean utf8) {
        SqlDialect dialect = session.dialect();
        this.session = session;
        this.fanOut = fanOut;
        this.description = description;
        this.relation = relation;
        this.fields = fields.stream().sorted(Comparator.comparing(ComparedField::name)).toList();
        this.form = new CanonicalForm(this.fields.stream().map(ComparedField::field).toList());
        this.keyOrder = new KeyOrder(relation.key());
        this.keySql = new KeyRangeSql(dialect, relation.key(), relation.keyColumns());
        this.text = CanonicalSql.recordText(dialect, this.fields, relation.columns());
        this.fingerprints = CanonicalSql.fingerprints(dialect, text, utf8);
    }

    /**
     * The system-of-record side of a flow: the {@code source} table seen through the composed flow's
     * mapping into {@code target} (an aggregate flow is recomputed with {@code GROUP BY}), keyed by
     * the target's key.
     */
    public static SqlVerifySide forFlow(ConnectionSource connections, SqlDialect dialect, Dataset source, Dataset target, Flow composedFlow) {
        List<ComparedField> fields = ComparedField.of(source, target, composedFlow);
        String mapped = fields.stream().filter(f -> !(f.expression() instanceof Expression.Column c && c.field().equals(f.name())))
                .map(f -> f.name() + " <- " + f.expression()).collect(Collectors.joining(", "));
        String description = source.ref() + " as " + target.ref() + (mapped.isEmpty() ? "" : " (" + mapped + ")");
        return open(connections, dialect, source, target.keyFields(), fields, composedFlow.isAggregate(), description);
    }

    /** The derived side of a flow: the {@code target} table as it is stored, compared on the flow's fields. */
    public static SqlVerifySide forDerived(ConnectionSource connections, SqlDialect dialect, Dataset source, Dataset target, Flow composedFlow) {
        List<ComparedField> fields = ComparedField.identities(ComparedField.of(source, target, composedFlow));
        return open(connections, dialect, target, target.keyFields(), fields, false, target.ref().toString());
    }

    /**
     * A side over any table.
     *
     * @param table     the table (its physical name and the fields the expressions read)
     * @param key       the key fields, in target names; each is a compared field, or else a column of the table
     * @param fields    the compared fields
     * @param aggregate whether the non-key fields are aggregates grouped by the key
     */
    public static SqlVerifySide open(ConnectionSource connections, SqlDialect dialect, Dataset table, List<Field> key,
                                     List<ComparedField> fields, boolean aggregate, String description) {
        if (dialect == SqlDialect.MYSQL) {
            // MySQL has no Unicode normalisation in SQL: its side is read and hashed in Java (CrossEngineSides).
            throw new StoreException("checksum push-down is not available for MySQL tables (" + table.ref() + ")");
        }
        SqlSession session = new SqlSession(connections, dialect, table, null);
        try {
            ResolvedTable resolved = ResolvedTable.resolve(session.connection(), table);
            SqlRelation relation = aggregate ? SqlRelation.aggregate(resolved, key, fields) : SqlRelation.scalar(resolved, key, fields);
            ConnectionFanOut fanOut = new ConnectionFanOut(session, () -> new SqlSession(connections, dialect, table, session.address()));
            return new SqlVerifySide(session, fanOut, description, relation, fields, CanonicalSql.hashesUtf8(session.connection(), dialect));
        } catch (SQLException e) {
            throw closing(session, session.failure("open", e));
        } catch (RuntimeException e) {
            throw closing(session, e);
        }
    }

    private static RuntimeException closing(SqlSession session, RuntimeException failure) {
        try {
            session.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public CanonicalForm form() {
        return form;
    }

    @Override
    public KeyOrder keyOrder() {
        return keyOrder;
    }

    /** True: checksums are computed in the database. */
    @Override
    public boolean pushesDown() {
        return true;
    }

    /** {@link FingerprintAlgorithm#LOOKUP3_64} when the database can compute it, then {@link FingerprintAlgorithm#SHA256_64}. */
    @Override
    public List<FingerprintAlgorithm> pushedDownAlgorithms() {
        return List.copyOf(fingerprints.keySet());
    }

    /** The SQL expression of a record's canonical text (for diagnostics and tests). */
    public String canonicalTextSql() {
        return text;
    }

    @Override
    public long count() {
        return query("count", "SELECT COUNT(*) FROM " + relation.from(), List.of(), rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    @Override
    public List<Row> splitPoints(int n) {
        return splitPoints(KeyRange.ALL, n);
    }

    /** Computed in one query: evenly between MIN and MAX for an integer key, else sampled with {@code ROW_NUMBER()}. */
    @Override
    public List<Row> splitPoints(KeyRange range, int n) {
        return new SqlSplitPoints(this::query, relation, keySql).splitPoints(range, n);
    }

    @Override
    public List<SegmentChecksum> checksums(List<KeyRange> ranges, FingerprintAlgorithm algorithm) {
        SegmentChecksum[] out = new SegmentChecksum[ranges.size()];
        Arrays.fill(out, SegmentChecksum.EMPTY);
        String fingerprint = fingerprints.get(algorithm);
        if (fingerprint == null) {
            for (int i = 0; i < ranges.size(); i++) {
                SegmentChecksum[] sum = {SegmentChecksum.EMPTY};
                scan(ranges.get(i), algorithm, false, r -> sum[0] = sum[0].plus(r.fingerprint()));
                out[i] = sum[0];
            }
            return List.of(out);
        }
        Comparator<KeyRange> byFrom = Comparator.comparing(KeyRange::from, Comparator.nullsFirst(keyOrder));
        List<Integer> order = IntStream.range(0, ranges.size()).filter(i -> !isEmpty(ranges.get(i))).boxed()
                .sorted(Comparator.comparing(ranges::get, byFrom)).toList();
        List<KeyRange> sorted = order.stream().map(ranges::get).toList();
        if (RangeBuckets.sortedDisjoint(sorted, keyOrder)) {
            // Neighbouring ranges in one query each, the queries on several connections at once.
            int parts = order.size() >= CONNECTIONS * MIN_RANGES_PER_CONNECTION ? CONNECTIONS : 1;
            int per = Math.min(MAX_RANGES_PER_QUERY, (order.size() + parts - 1) / parts);
            List<Consumer<SqlSession>> jobs = new ArrayList<>();
            for (int start = 0; start < order.size(); start += per) {
                List<KeyRange> part = sorted.subList(start, Math.min(order.size(), start + per));
                List<Integer> slots = order.subList(start, Math.min(order.size(), start + per));
                jobs.add(s -> pushDown(s, part, slots, fingerprint, out));
            }
            for (int i = 0; i < jobs.size(); i += CONNECTIONS) {
                fanOut.run(jobs.subList(i, Math.min(jobs.size(), i + CONNECTIONS)));
            }
        } else {
            for (int i : order) {
                pushDown(session, List.of(ranges.get(i)), List.of(i), fingerprint, out);
            }
        }
        return List.of(out);
    }

    private boolean isEmpty(KeyRange r) {
        return r.from() != null && r.to() != null && keyOrder.compare(r.from(), r.to()) >= 0;
    }

    /** One query: the checksums of sorted, disjoint ranges; range {@code i} goes to {@code out[slots.get(i)]}. */
    private void pushDown(SqlSession on, List<KeyRange> sorted, List<Integer> slots, String fingerprint, SegmentChecksum[] out) {
        List<SqlParam> params = new ArrayList<>();
        String bucket = RangeBuckets.of(sorted, keyOrder).expression(keySql, params);
        String where = keySql.where(new KeyRange(sorted.get(0).from(), sorted.get(sorted.size() - 1).to()), params);
        String sql = "SELECT b, COUNT(*), SUM(fp) FROM (SELECT " + bucket + " AS b, " + fingerprint + " AS fp FROM " + relation.from()
                + " WHERE " + where + ") x GROUP BY b";
        query(on, "compute checksums of " + sorted.size() + " ranges", sql, params, rs -> {
            while (rs.next()) {
                int b = rs.getInt(1);
                if (b != RangeBuckets.GAP) {
                    BigDecimal sum = rs.getBigDecimal(3);
                    out[slots.get(b)] = new SegmentChecksum(rs.getLong(2), sum == null ? 0 : SegmentChecksum.reduce(sum.toBigIntegerExact()));
                }
            }
            return null;
        });
    }

    @Override
    public void scan(KeyRange range, FingerprintAlgorithm algorithm, boolean withValues, Consumer<FingerprintedRow> sink) {
        List<SqlParam> params = new ArrayList<>();
        String where = keySql.where(range, params);
        stream("scan " + range, selectRows(algorithm, withValues) + " WHERE " + where + " ORDER BY " + keySql.orderBy(), params,
                algorithm, withValues, sink);
    }

    /** One query over the span of the ranges, keeping the rows inside them (ascending, disjoint ranges). */
    @Override
    public void scanRanges(List<KeyRange> ranges, FingerprintAlgorithm algorithm, boolean withValues, Consumer<FingerprintedRow> sink) {
        List<KeyRange> nonEmpty = ranges.stream().filter(r -> !isEmpty(r)).toList();
        if (nonEmpty.isEmpty()) {
            return;
        }
        if (!RangeBuckets.sortedDisjoint(nonEmpty, keyOrder)) {
            VerifySide.super.scanRanges(ranges, algorithm, withValues, sink);
            return;
        }
        List<SqlParam> params = new ArrayList<>(); // in text order: the span, then the buckets
        String where = keySql.where(new KeyRange(nonEmpty.get(0).from(), nonEmpty.get(nonEmpty.size() - 1).to()), params);
        String bucket = RangeBuckets.of(nonEmpty, keyOrder).expression(keySql, params);
        String sql = selectRows(algorithm, withValues) + " WHERE " + where + " AND " + bucket + " <> " + RangeBuckets.GAP
                + " ORDER BY " + keySql.orderBy();
        stream("scan " + nonEmpty.size() + " ranges", sql, params, algorithm, withValues, sink);
    }

    /** One indexed query for the key. */
    @Override
    public Optional<FingerprintedRow> lookup(Row key, FingerprintAlgorithm algorithm) {
        List<SqlParam> params = new ArrayList<>();
        String where = keySql.compare("=", key, params);
        List<FingerprintedRow> found = new ArrayList<>(1);
        stream("look up " + key, selectRows(algorithm, true) + " WHERE " + where, params, algorithm, true, found::add);
        return found.stream().findFirst();
    }

    private String selectRows(FingerprintAlgorithm algorithm, boolean withValues) {
        List<String> select = new ArrayList<>(relation.keyColumns());
        select.add(fingerprints.getOrDefault(algorithm, text));
        if (withValues) {
            fields.forEach(f -> select.add(relation.columns().get(f.name())));
        }
        return "SELECT " + String.join(", ", select) + " FROM " + relation.from();
    }

    private void stream(String what, String sql, List<SqlParam> params, FingerprintAlgorithm algorithm, boolean withValues,
                        Consumer<FingerprintedRow> sink) {
        try {
            Connection c = session.connection();
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                SqlParam.bindAll(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    RowReader reader = new RowReader(rs.getMetaData());
                    while (rs.next()) {
                        sink.accept(reader.read(rs, algorithm, withValues));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw session.failure(what, e);
        }
    }

    /** Reads scan rows: key columns, then the fingerprint (or canonical text), then the values. */
    private final class RowReader {
        private final int[] jdbcTypes;

        RowReader(ResultSetMetaData md) throws SQLException {
            jdbcTypes = new int[md.getColumnCount() + 1];
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String name = md.getColumnTypeName(i) == null ? "" : md.getColumnTypeName(i).toLowerCase(Locale.ROOT);
                // PostgreSQL reports timestamptz as TIMESTAMP; JdbcValues reads that as a local time.
                jdbcTypes[i] = name.equals("timestamptz") || name.contains("with time zone") ? Types.TIMESTAMP_WITH_TIMEZONE : md.getColumnType(i);
            }
        }

        FingerprintedRow read(ResultSet rs, FingerprintAlgorithm algorithm, boolean withValues) throws SQLException {
            Map<String, Object> key = new LinkedHashMap<>();
            int i = 1;
            for (Field k : relation.key()) {
                key.put(k.name(), JdbcValues.read(rs, i, k.type(), jdbcTypes[i]));
                i++;
            }
            long fp = fingerprints.containsKey(algorithm) ? rs.getLong(i) : algorithm.fingerprint(rs.getString(i));
            i++;
            Row values = null;
            if (withValues) {
                Map<String, Object> v = new LinkedHashMap<>();
                for (ComparedField f : fields) {
                    v.put(f.name(), JdbcValues.read(rs, i, f.type(), jdbcTypes[i]));
                    i++;
                }
                values = Row.of(v);
            }
            return new FingerprintedRow(Row.of(key), fp, values);
        }
    }

    /** Runs a query with parameters on the session's connection; failures are wrapped. */
    <T> T query(String what, String sql, List<SqlParam> params, ResultReader<T> reader) {
        return query(session, what, sql, params, reader);
    }

    private static <T> T query(SqlSession on, String what, String sql, List<SqlParam> params, ResultReader<T> reader) {
        try (PreparedStatement ps = on.connection().prepareStatement(sql)) {
            SqlParam.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw on.failure(what, e);
        }
    }

    /** Reads a result set. */
    @FunctionalInterface
    interface ResultReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs a query for {@link SqlSplitPoints}. */
    @FunctionalInterface
    interface QueryRunner {
        <T> T query(String what, String sql, List<SqlParam> params, ResultReader<T> reader);
    }

    @Override
    public void close() {
        try {
            fanOut.close();
        } finally {
            session.close();
        }
    }

    @Override
    public String toString() {
        return "SqlVerifySide[" + description + "]";
    }
}
