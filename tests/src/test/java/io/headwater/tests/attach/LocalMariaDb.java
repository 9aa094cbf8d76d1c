package io.headwater.tests.attach;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The machine's own MariaDB (127.0.0.1:3306, root without a password), playing the user's server in
 * attach tests: Headwater never starts or stops it. Each test makes its own database and drops it.
 * Where the server is absent, the test is skipped with one line saying so.
 */
public final class LocalMariaDb {
    public static final String ADDRESS = "127.0.0.1:3306";
    public static final String USER = "root";

    private LocalMariaDb() {
    }

    /** Skips the calling test when the machine has no MariaDB at {@value #ADDRESS}. */
    public static void assumeRunning() {
        try (Connection c = connect("")) {
            assumeTrue(c.isValid(2), "no MariaDB at " + ADDRESS + ": tests against the user's MariaDB are skipped");
        } catch (SQLException e) {
            assumeTrue(false, "no MariaDB at " + ADDRESS + " (" + e.getMessage() + "): tests against the user's MariaDB are skipped");
        }
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + ADDRESS + "/" + database, USER, "");
    }

    /** Creates a database with a fresh name starting with {@code prefix}; returns its name. */
    public static String createDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute("", "CREATE DATABASE " + name);
        return name;
    }

    public static void dropDatabase(String name) throws SQLException {
        if (name != null) {
            execute("", "DROP DATABASE IF EXISTS " + name);
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
