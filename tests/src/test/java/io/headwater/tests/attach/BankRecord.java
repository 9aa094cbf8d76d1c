package io.headwater.tests.attach;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The bank's system of record in an attached PostgreSQL database, as {@code sample-configs/bank-attach.yaml}
 * declares it: customers, their accounts and transfers between accounts, with deterministic contents.
 * Also reads what a database holds, table by table, so a test can show that nothing was written.
 */
final class BankRecord {
    private BankRecord() {
    }

    static void create(String database, int customers, int accounts, int transfers) throws SQLException {
        LocalPostgres.execute(database,
                "CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email text NOT NULL, country text NOT NULL, "
                        + "updated_at timestamptz NOT NULL)",
                "CREATE TABLE accounts (id integer PRIMARY KEY, customer_id integer NOT NULL, iban text NOT NULL, currency text NOT NULL, "
                        + "balance numeric(12,2) NOT NULL, updated_at timestamptz NOT NULL)",
                "CREATE TABLE transfers (request_id uuid PRIMARY KEY, from_account integer NOT NULL, to_account integer NOT NULL, "
                        + "amount numeric(12,2) NOT NULL, created_at timestamptz NOT NULL)",
                "INSERT INTO customers SELECT g, 'Customer ' || g, 'customer' || g || '@example.com', (ARRAY['DE','FR','NL','ES'])[1 + g % 4], "
                        + "timestamptz '2026-11-01 09:00:00+00' + g * interval '1 hour' FROM generate_series(1, " + customers + ") g",
                // German IBANs with valid check digits: 98 - (BBAN || "DE" as 1314 || "00") mod 97
                "INSERT INTO accounts SELECT g, 1 + g % " + (customers - 1) + ", 'DE' || lpad((98 - ((lpad(g::text, 18, '0') || '131400')::numeric % 97))"
                        + "::int::text, 2, '0') || lpad(g::text, 18, '0'), "
                        + "CASE WHEN g % 3 = 0 THEN 'USD' ELSE 'EUR' END, round((g * 37.5 + 0.25)::numeric, 2), "
                        + "timestamptz '2026-11-02 09:00:00+00' + g * interval '1 minute' FROM generate_series(1, " + accounts + ") g",
                "INSERT INTO transfers SELECT md5('transfer-' || g)::uuid, 1 + g % " + accounts + ", 1 + (g * 7) % " + accounts + ", "
                        + "round((g * 3.25)::numeric, 2), timestamptz '2026-11-03 09:00:00+00' + g * interval '1 second' "
                        + "FROM generate_series(1, " + transfers + ") g");
    }

    /** Each table of the public schema with the md5 of its rows in primary key order: a write anywhere changes it. */
    static List<String> postgresContents(String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = LocalPostgres.connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema NOT IN "
                     + "('pg_catalog', 'information_schema') ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        List<String> contents = new ArrayList<>();
        for (String table : tables) {
            try (Connection c = LocalPostgres.connect(database); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + table + " t")) {
                rs.next();
                contents.add(table + ": " + rs.getLong(1) + " rows, md5 " + rs.getString(2));
            }
        }
        return contents;
    }

    /** Each table of a MariaDB database with its row count and {@code CHECKSUM TABLE}. */
    static List<String> mariaDbContents(String database) throws SQLException {
        List<String> contents = new ArrayList<>();
        try (Connection c = LocalMariaDb.connect(database); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    long rows = rs.getLong(1);
                    try (ResultSet sum = st.executeQuery("CHECKSUM TABLE " + table)) {
                        sum.next();
                        contents.add(table + ": " + rows + " rows, checksum " + sum.getLong(2));
                    }
                }
            }
        }
        return contents;
    }
}
