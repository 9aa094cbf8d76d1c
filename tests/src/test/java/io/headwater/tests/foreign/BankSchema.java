package io.headwater.tests.foreign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bank of the foreign pipeline: {@code customers} and {@code accounts} (each account belongs to a
 * customer and goes with it), both with {@code REPLICA IDENTITY FULL} so that updates and deletes carry the
 * whole old row. Seed data are deterministic: row {@code n} is the same in every run.
 */
public final class BankSchema {
    /** {@code customers(id, name, email, country, updated_at timestamptz, balance numeric(12,2))}. */
    public static final TableShape CUSTOMERS = new TableShape("customers", "id", List.of(
            new Column("id", "bigint"),
            new Column("name", "text"),
            new Column("email", "text"),
            new Column("country", "text"),
            new Column("updated_at", "timestamptz"),
            new Column("balance", "numeric(12,2)")));

    /** {@code accounts(id, customer_id, iban, kind, updated_at timestamptz, balance numeric(12,2))}. */
    public static final TableShape ACCOUNTS = new TableShape("accounts", "id", List.of(
            new Column("id", "bigint"),
            new Column("customer_id", "bigint"),
            new Column("iban", "text"),
            new Column("kind", "text"),
            new Column("updated_at", "timestamptz"),
            new Column("balance", "numeric(12,2)")));

    private BankSchema() {
    }

    /** A column and its PostgreSQL type. */
    public record Column(String name, String sqlType) {
    }

    /** A table: its name, single-column key and columns in order. */
    public record TableShape(String name, String keyColumn, List<Column> columns) {
        public TableShape {
            columns = List.copyOf(columns);
        }

        /** {@code CREATE TABLE} with the key as primary key and every other column NOT NULL. */
        String createTable() {
            return "CREATE TABLE " + name + " (" + columns.stream()
                    .map(c -> c.name() + " " + c.sqlType() + (c.name().equals(keyColumn) ? " PRIMARY KEY" : " NOT NULL"))
                    .collect(Collectors.joining(", ")) + ")";
        }

        /** The column names, comma-separated, in order. */
        public String columnList() {
            return columns.stream().map(Column::name).collect(Collectors.joining(", "));
        }
    }

    /** The shape of {@code customers} or {@code accounts}. */
    public static TableShape table(String name) {
        if (name.equals(CUSTOMERS.name())) {
            return CUSTOMERS;
        }
        if (name.equals(ACCOUNTS.name())) {
            return ACCOUNTS;
        }
        throw new IllegalArgumentException("no bank table " + name);
    }

    /** Creates both tables and seeds {@code customers} rows 1..customers and {@code accounts} rows 1..accounts. */
    static void createAndSeed(Connection c, int customers, int accounts) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(CUSTOMERS.createTable());
            s.execute(ACCOUNTS.createTable());
            s.execute("ALTER TABLE accounts ADD FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE");
            s.execute("ALTER TABLE customers REPLICA IDENTITY FULL");
            s.execute("ALTER TABLE accounts REPLICA IDENTITY FULL");
        }
        try (PreparedStatement p = c.prepareStatement("""
                INSERT INTO customers (id, name, email, country, updated_at, balance)
                SELECT g, 'Customer ' || g, 'customer' || g || '@example.com',
                       (ARRAY['DE','FR','NL','ES','IT','PL'])[1 + g % 6],
                       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute 0.123456 second',
                       round(((g * 7919) % 1000000) / 7.0, 2)
                FROM generate_series(1, ?) g""")) {
            p.setInt(1, customers);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("""
                INSERT INTO accounts (id, customer_id, iban, kind, updated_at, balance)
                SELECT g, 1 + (g - 1) % ?, 'DE' || lpad(g::text, 20, '0'),
                       (ARRAY['checking','savings','credit'])[1 + g % 3],
                       timestamptz '2026-02-01 00:00:00+00' + g * interval '37 second',
                       round(((g * 104729) % 2000000) / 9.0, 2)
                FROM generate_series(1, ?) g""")) {
            p.setInt(1, customers);
            p.setInt(2, accounts);
            p.executeUpdate();
        }
    }
}
