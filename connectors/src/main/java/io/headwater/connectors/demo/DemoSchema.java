package io.headwater.connectors.demo;

import io.headwater.engine.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The demo's system-of-record schema in PostgreSQL: customers, accounts, transfers keyed by
 * request id, and documents whose bytes also land in the blob store. Every table has
 * {@code REPLICA IDENTITY FULL}, so change capture sees the before-image of updates and deletes.
 */
public final class DemoSchema {
    public static final List<String> TABLES = List.of("customers", "accounts", "transfers", "documents");

    private static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS customers (id BIGINT PRIMARY KEY, name TEXT NOT NULL, email TEXT, phone TEXT,"
                    + " country TEXT, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL)",
            "CREATE TABLE IF NOT EXISTS accounts (id BIGINT PRIMARY KEY,"
                    + " customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
                    + " iban TEXT, currency TEXT NOT NULL, balance NUMERIC(14,2) NOT NULL, opened_at TIMESTAMPTZ NOT NULL)",
            "CREATE TABLE IF NOT EXISTS transfers (request_id UUID PRIMARY KEY, from_account BIGINT NOT NULL,"
                    + " to_account BIGINT NOT NULL, amount NUMERIC(14,2) NOT NULL, created_at TIMESTAMPTZ NOT NULL)",
            "CREATE TABLE IF NOT EXISTS documents (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, title TEXT NOT NULL,"
                    + " content_type TEXT NOT NULL, size INTEGER NOT NULL, content_sha256 TEXT NOT NULL, content BYTEA NOT NULL,"
                    + " created_at TIMESTAMPTZ NOT NULL)",
            // PLANTED for the audit: a free-text column the pipeline config does not declare, which
            // holds phone and payment card numbers for some customers (DemoDataGenerator.notesFor).
            "ALTER TABLE customers ADD COLUMN IF NOT EXISTS notes TEXT");

    private DemoSchema() {
    }

    /** Creates the tables if they are missing; safe to call on every start. */
    public static void create(Connection c) {
        try (Statement st = c.createStatement()) {
            for (String ddl : DDL) {
                st.execute(ddl);
            }
            for (String t : TABLES) {
                st.execute("ALTER TABLE " + t + " REPLICA IDENTITY FULL");
            }
        } catch (SQLException e) {
            throw new StoreException("cannot create the demo schema in PostgreSQL: " + e.getMessage(), e);
        }
    }
}
