package io.headwater.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Tables for {@code headwater diff} tests on the machine's own servers (PostgreSQL at
 * 127.0.0.1:5432, MariaDB at 127.0.0.1:3306) and an H2 file: one fresh database per server, dropped
 * by {@link #close()}. Table {@code rules} holds the same rows in each engine, in that engine's
 * types, with one planted case per row: a value that differs only in form (equal under a rule) or
 * a real difference, plus a row only in the source and a row only in the target.
 */
final class DiffFixtures implements AutoCloseable {
    static final String PG_HOST = "127.0.0.1:5432";
    static final String MY_HOST = "127.0.0.1:3306";
    static final String BASE_UUID = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";

    /**
     * One planted row: {@code id}, the column it changes, its SQL value in PostgreSQL, MariaDB and
     * H2, and whether the diff must report it as mismatched.
     */
    record Case(long id, String column, String pg, String my, String h2, boolean differs) {
    }

    /** Every rule of the column pairing, once equal in form only and once really different. */
    static final List<Case> CASES = List.of(
            new Case(2, "amount", "12.50", "12.5000", "12.5000", false),
            new Case(3, "amount", "12.50", "12.5100", "12.51", true),
            new Case(4, "ts_prec", "'2024-01-01 12:00:00.987654+00'", "'2024-01-01 12:00:00'", "TIMESTAMP WITH TIME ZONE '2024-01-01 12:00:00+00'", false),
            new Case(5, "ts_prec", "'2024-01-01 12:00:00.5+00'", "'2024-01-01 12:00:01'", "TIMESTAMP WITH TIME ZONE '2024-01-01 12:00:01+00'", true),
            new Case(6, "ts_zone", "'2024-01-01 14:00:00.25+02'", "'2024-01-01 12:00:00.25'", "TIMESTAMP '2024-01-01 12:00:00.25'", false),
            new Case(7, "ts_zone", "'2024-01-01 12:00:00.25+02'", "'2024-01-01 12:00:00.25'", "TIMESTAMP '2024-01-01 12:00:00.25'", true),
            new Case(8, "label", "'\u00e9t\u00e9'", "'e\u0301te\u0301'", "'e\u0301te\u0301'", false),
            new Case(9, "label", "'\u00e9t\u00e9'", "'\u00e8t\u00e8'", "'\u00e8t\u00e8'", true),
            new Case(10, "note", "NULL", "NULL", "NULL", false),
            new Case(11, "note", "''", "''", "''", false),
            new Case(12, "note", "NULL", "''", "''", true),
            new Case(13, "ref", "'" + BASE_UUID + "'", "'" + BASE_UUID.toUpperCase(Locale.ROOT) + "'", "'" + BASE_UUID.toUpperCase(Locale.ROOT) + "'", false),
            new Case(14, "ref", "'" + BASE_UUID + "'", "'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", true),
            new Case(15, "flag", "false", "0", "FALSE", false),
            new Case(16, "flag", "true", "0", "FALSE", true),
            new Case(17, "flag", "true", "2", "FALSE", true));
    static final long ONLY_IN_SOURCE = 18;
    static final long ONLY_IN_TARGET = 19;
    static final int ROWS = 17;

    final String database = "hw_diff_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final boolean postgres;
    private final boolean mariadb;
    final Path h2File;

    private DiffFixtures(boolean postgres, boolean mariadb, Path h2File) {
        this.postgres = postgres;
        this.mariadb = mariadb;
        this.h2File = h2File;
    }

    /** Creates the databases and tables; skips the test (one line) when a server is absent. */
    static DiffFixtures create(Path tmp) throws SQLException {
        boolean pg = reachable("jdbc:postgresql://" + PG_HOST + "/postgres", "postgres");
        boolean my = reachable("jdbc:mariadb://" + MY_HOST + "/", "root");
        assumeTrue(pg, "no PostgreSQL server at " + PG_HOST + ": skipped");
        DiffFixtures f = new DiffFixtures(pg, my, tmp.resolve("h2/diffdb"));
        f.createPostgres();
        if (my) {
            f.createMariaDb();
        }
        f.createH2();
        return f;
    }

    boolean hasMariaDb() {
        return mariadb;
    }

    void requireMariaDb() {
        assumeTrue(mariadb, "no MariaDB server at " + MY_HOST + ": skipped");
    }

    private static boolean reachable(String url, String user) {
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    Connection pg() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/" + database, "postgres", "");
    }

    Connection my() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + MY_HOST + "/" + database, "root", "");
    }

    Connection h2() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + h2File.toAbsolutePath());
    }

    String pgUrl(String table) {
        return "postgresql://postgres@" + PG_HOST + "/" + database + "/public." + table;
    }

    String myUrl(String table) {
        return "mysql://root@" + MY_HOST + "/" + database + "/" + table;
    }

    String h2Url(String table) {
        return "h2:" + h2File.toAbsolutePath() + "/" + table;
    }

    private void createPostgres() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        try (Connection c = pg(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE rules (id bigint PRIMARY KEY, amount numeric(12,2), ts_prec timestamptz, ts_zone timestamptz, label text,"
                    + " note text, ref uuid, flag boolean)");
            fill(s, "'2024-01-01 00:00:00+00'", "'2024-01-01 00:00:00+00'", "1.00", "true", "'" + BASE_UUID + "'", Case::pg, ONLY_IN_SOURCE);
        }
    }

    private void createMariaDb() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + MY_HOST + "/", "root", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        }
        try (Connection c = my(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE rules (id BIGINT PRIMARY KEY, amount DECIMAL(14,4), ts_prec DATETIME, ts_zone DATETIME(6),"
                    + " label VARCHAR(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, note TEXT CHARACTER SET utf8mb4, ref CHAR(36), flag TINYINT(1))");
            fill(s, "'2024-01-01 00:00:00'", "'2024-01-01 00:00:00'", "1", "1", "'" + BASE_UUID + "'", Case::my, ONLY_IN_TARGET);
        }
    }

    private void createH2() throws SQLException {
        try (Connection c = h2(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE RULES (ID BIGINT PRIMARY KEY, AMOUNT DECFLOAT, TS_PREC TIMESTAMP(0) WITH TIME ZONE, TS_ZONE TIMESTAMP(6),"
                    + " LABEL VARCHAR, NOTE VARCHAR, REF VARCHAR(36), FLAG BOOLEAN)");
            fill(s, "TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00+00'", "TIMESTAMP '2024-01-01 00:00:00'", "1", "TRUE", "'" + BASE_UUID + "'", Case::h2, ONLY_IN_TARGET);
        }
    }

    /** Rows 1..{@value #ROWS} equal to a base row except the planted case, and one row of this side only. */
    private static void fill(Statement s, String ts, String tsZone, String amount, String flag, String ref, java.util.function.Function<Case, String> value,
                             long ownRow) throws SQLException {
        for (long id = 1; id <= ROWS; id++) {
            s.execute("INSERT INTO rules (id, amount, ts_prec, ts_zone, label, note, ref, flag) VALUES (" + id + ", " + amount + ", " + ts + ", "
                    + tsZone + ", 'x', 'n', " + ref + ", " + flag + ")");
        }
        s.execute("INSERT INTO rules (id, amount, ts_prec, ts_zone, label, note, ref, flag) VALUES (" + ownRow + ", " + amount + ", " + ts
                + ", " + tsZone + ", 'x', 'n', " + ref + ", " + flag + ")");
        for (Case c : CASES) {
            s.execute("UPDATE rules SET " + c.column() + " = " + value.apply(c) + " WHERE id = " + c.id());
        }
    }

    /** The expected mismatches: id to the differing field. */
    static Map<Long, String> expectedMismatches() {
        return CASES.stream().filter(Case::differs).collect(java.util.stream.Collectors.toMap(Case::id, Case::column));
    }

    @Override
    public void close() throws SQLException {
        if (postgres) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
        if (mariadb) {
            try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + MY_HOST + "/", "root", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }
}
