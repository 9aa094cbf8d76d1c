package io.headwater.connectors.bench;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.PartitionRef;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;

/** Fills the benchmark's tables and stores: PostgreSQL by COPY, H2 by batches, any sink by its own apply. */
public final class BenchLoader {
    private static final PartitionRef BENCH = new PartitionRef("bench", 0);

    private BenchLoader() {
    }

    /** The system-of-record table in PostgreSQL: ids 1..rows, no differences. */
    public static void postgresSource(ConnectionSource pg, String table, long rows, LongConsumer progress) {
        copyIntoPostgres(pg, table, new BenchTable.Differences(rows, 0), false, progress);
    }

    /** A derived copy in PostgreSQL with the seeded differences. */
    public static void postgresCopy(ConnectionSource pg, String table, BenchTable.Differences diffs, LongConsumer progress) {
        copyIntoPostgres(pg, table, diffs, true, progress);
    }

    private static void copyIntoPostgres(ConnectionSource pg, String table, BenchTable.Differences diffs, boolean damaged, LongConsumer progress) {
        try (Connection c = pg.open(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name TEXT, email TEXT, amount NUMERIC(14,2), created TIMESTAMPTZ)");
            st.execute("ALTER TABLE " + table + " SET UNLOGGED");
            long copied = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " FROM STDIN WITH (FORMAT text)", new CsvRows(diffs, damaged, progress));
            st.execute("ANALYZE " + table);
            progress.accept(copied);
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot load the benchmark table " + table + " into PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** A derived copy in an H2 table with the seeded differences. */
    public static void h2Copy(ConnectionSource h2, String table, BenchTable.Differences diffs, LongConsumer progress) {
        copy(h2, "H2", table, "CREATE TABLE " + table + " (ID BIGINT PRIMARY KEY, NAME VARCHAR, EMAIL VARCHAR, AMOUNT DECFLOAT, "
                + "CREATED TIMESTAMP(6) WITH TIME ZONE)", at -> OffsetDateTime.ofInstant(at, ZoneOffset.UTC), diffs, progress);
    }

    /** A copy in a MySQL/MariaDB table with the seeded differences, by batches; timestamps as UTC {@code DATETIME(6)}. */
    public static void mysqlCopy(ConnectionSource my, String table, BenchTable.Differences diffs, LongConsumer progress) {
        copy(my, "MySQL", table, "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(100), email VARCHAR(200), amount DECIMAL(14,2),"
                + " created DATETIME(6)) CHARACTER SET utf8mb4", at -> LocalDateTime.ofInstant(at, ZoneOffset.UTC), diffs, progress);
    }

    /** Creates {@code table} with {@code create} and inserts the damaged rows in batches of 10,000, {@code timestamp} giving the engine's value. */
    private static void copy(ConnectionSource db, String engine, String table, String create, Function<Instant, Object> timestamp,
                             BenchTable.Differences diffs, LongConsumer progress) {
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute(create);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?,?,?,?,?)")) {
                long n = 0;
                for (Row r : (Iterable<Row>) () -> new DamagedRows(diffs)) {
                    ps.setLong(1, (Long) r.get("id"));
                    ps.setString(2, (String) r.get("name"));
                    ps.setString(3, (String) r.get("email"));
                    ps.setBigDecimal(4, (BigDecimal) r.get("amount"));
                    ps.setObject(5, timestamp.apply((Instant) r.get("created")));
                    ps.addBatch();
                    if (++n % 10_000 == 0) {
                        ps.executeBatch();
                        c.commit();
                        progress.accept(n);
                    }
                }
                ps.executeBatch();
                c.commit();
                progress.accept(n);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot load the benchmark table " + table + " into " + engine + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads every row of a table in key order and touches every value ({@code getObject}): the plain
     * read a comparison is measured against. Returns the number of rows.
     */
    public static long readAll(ConnectionSource connections, SqlDialect dialect, String table, String key) {
        try (Connection c = connections.open()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + dialect.quoteName(table) + " ORDER BY " + dialect.quoteIdentifier(key))) {
                ps.setFetchSize(5_000);
                long n = 0;
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            rs.getObject(i);
                        }
                        n++;
                    }
                }
                return n;
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the benchmark table " + table + ": " + e.getMessage(), e);
        }
    }

    /** A derived copy in any sink (e.g. Lucene), applied as create events in batches. */
    public static void sinkCopy(DerivedSink sink, BenchTable.Differences diffs, LongConsumer progress) {
        List<ChangeEvent> batch = new ArrayList<>(10_000);
        long offset = 0;
        for (Row r : (Iterable<Row>) () -> new DamagedRows(diffs)) {
            batch.add(new ChangeEvent(new LogPosition(BENCH, offset), "bench:" + offset, ChangeOp.CREATE, r.project(List.of("id")), null, r, null));
            offset++;
            if (batch.size() == 10_000) {
                sink.apply(batch, new Checkpoint(java.util.Map.of(BENCH, offset)));
                batch.clear();
                progress.accept(offset);
            }
        }
        sink.apply(batch, new Checkpoint(java.util.Map.of(BENCH, offset)));
        progress.accept(offset);
    }

    /** The identity flow a sink copy is applied through. */
    public static Flow identity(Dataset target) {
        return new Flow("bench-copy", FlowKind.CONSUME, target.ref(), target.ref(), List.of());
    }

    /** Rows of a copy in id order, with the seeded differences applied. */
    static final class DamagedRows implements java.util.Iterator<Row> {
        private final BenchTable.Differences diffs;
        private long id = 1;
        private Row extra;

        DamagedRows(BenchTable.Differences diffs) {
            this.diffs = diffs;
            advance();
        }

        private Row nextRow;

        private void advance() {
            nextRow = null;
            if (extra != null) {
                nextRow = extra;
                extra = null;
                return;
            }
            while (id <= diffs.rows()) {
                long i = id++;
                if (diffs.extraAfter(i)) {
                    extra = BenchTable.row(diffs.rows() + i);
                }
                if (diffs.missing(i)) {
                    if (extra != null) {
                        nextRow = extra;
                        extra = null;
                        return;
                    }
                    continue;
                }
                Row r = BenchTable.row(i);
                nextRow = diffs.mismatched(i) ? Row.of("id", i, "name", r.get("name"), "email", "changed" + i + "@example.org",
                        "amount", r.get("amount"), "created", r.get("created")) : r;
                return;
            }
        }

        @Override
        public boolean hasNext() {
            return nextRow != null;
        }

        @Override
        public Row next() {
            Row r = nextRow;
            advance();
            return r;
        }
    }

    /** The rows of a table as PostgreSQL COPY text, produced on the fly. */
    private static final class CsvRows extends Reader {
        private static final DateTimeFormatter TS = DateTimeFormatter.ISO_INSTANT;
        private final java.util.Iterator<Row> rows;
        private final LongConsumer progress;
        private final StringBuilder buffer = new StringBuilder();
        private int pos;
        private long n;

        CsvRows(BenchTable.Differences diffs, boolean damaged, LongConsumer progress) {
            this.rows = damaged ? new DamagedRows(diffs) : new DamagedRows(new BenchTable.Differences(diffs.rows(), 0));
            this.progress = progress;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (pos >= buffer.length()) {
                buffer.setLength(0);
                pos = 0;
                for (int i = 0; i < 1000 && rows.hasNext(); i++) {
                    Row r = rows.next();
                    buffer.append(r.get("id")).append('\t').append(r.get("name")).append('\t').append(r.get("email")).append('\t')
                            .append(((BigDecimal) r.get("amount")).toPlainString()).append('\t')
                            .append(TS.format((Instant) r.get("created"))).append('\n');
                    if (++n % 100_000 == 0) {
                        progress.accept(n);
                    }
                }
                if (buffer.length() == 0) {
                    return -1;
                }
            }
            int k = Math.min(len, buffer.length() - pos);
            buffer.getChars(pos, pos + k, cbuf, off);
            pos += k;
            return k;
        }

        @Override
        public void close() {
            // Nothing held.
        }
    }
}
