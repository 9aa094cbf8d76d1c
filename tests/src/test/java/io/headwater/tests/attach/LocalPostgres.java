package io.headwater.tests.attach;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The machine's own PostgreSQL (127.0.0.1:5432, trust authentication), playing the user's server in
 * attach tests: Headwater never starts or stops it. Each test class makes its own databases and
 * drops them. Where the server is absent, the test is skipped with one line saying so.
 */
public final class LocalPostgres {
    public static final String ADDRESS = "127.0.0.1:5432";
    public static final String USER = "postgres";

    private LocalPostgres() {
    }

    /** Skips the calling test when the machine has no PostgreSQL at {@value #ADDRESS}. */
    public static void assumeRunning() {
        try (Connection c = connect("postgres")) {
            assumeTrue(c.isValid(2), "no PostgreSQL at " + ADDRESS + ": attach tests against the user's server are skipped");
        } catch (SQLException e) {
            assumeTrue(false, "no PostgreSQL at " + ADDRESS + " (" + e.getMessage() + "): attach tests against the user's server are skipped");
        }
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + ADDRESS + "/" + database + "?user=" + USER);
    }

    /** Creates a database with a fresh name starting with {@code prefix}; returns its name. */
    public static String createDatabase(String prefix) throws SQLException {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    public static void dropDatabase(String name) throws SQLException {
        if (name == null) {
            return;
        }
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    public static void execute(String database, String... statements) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }
}
