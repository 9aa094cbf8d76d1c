package io.headwater.tests.foreign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The connector's replication slot and publication on the source server, as the harness sees them
 * through plain SQL: how far the slot has confirmed, and dropping both when the pipeline is torn down
 * (a slot left behind makes the server keep WAL forever). Not thread-safe: one caller at a time.
 */
final class CaptureSlot {
    /** The prefix of the harness's logical-decoding messages. */
    static final String SYNC_PREFIX = "headwater-harness-sync";

    private final CapturePostgres.Server server;
    private final String database;
    private final String slot;
    private final String publication;

    CaptureSlot(CapturePostgres.Server server, String database, String slot, String publication) {
        this.server = server;
        this.database = database;
        this.slot = slot;
        this.publication = publication;
    }

    /**
     * Writes a transactional logical-decoding message into the source database and returns the WAL insert
     * position just before it. Everything committed there earlier ends at or below that position, and the
     * connector decodes the message like a change (it emits it to {@code <topicPrefix>.message}) and
     * confirms the message's start, so once the slot has confirmed the returned position it has confirmed
     * every earlier change. Plain {@code pg_current_wal_lsn()} would not do: on a quiet database the slot
     * stays behind it (the connector confirms where a transaction's last change starts, not where its commit
     * record ends), and WAL that other databases of the server write is never decoded at all.
     */
    String markLsn() {
        try (Connection c = server.connect(database)) {
            c.setAutoCommit(false);
            String before;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
                rs.next();
                before = rs.getString(1);
            }
            try (PreparedStatement p = c.prepareStatement("SELECT pg_logical_emit_message(true, ?, '')")) {
                p.setString(1, SYNC_PREFIX);
                p.execute();
            }
            c.commit();
            return before;
        } catch (SQLException e) {
            throw new ForeignPipelineException("cannot write a sync message into " + database + ": " + e.getMessage(), e);
        }
    }

    /** The slot's {@code confirmed_flush_lsn}, or null when there is no such slot (yet). */
    String confirmedFlushLsn() {
        return queryText("SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = ?", slot);
    }

    /** Whether the slot has confirmed everything up to {@code lsn}. */
    boolean confirmedAtLeast(String lsn) {
        try (Connection c = server.connect("postgres");
             PreparedStatement p = c.prepareStatement(
                     "SELECT confirmed_flush_lsn >= ?::pg_lsn FROM pg_replication_slots WHERE slot_name = ?")) {
            p.setString(1, lsn);
            p.setString(2, slot);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new ForeignPipelineException("cannot read slot " + slot + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops the slot, ending the walsender that still holds it if the connector's task did not let go
     * within {@code timeout}; no slot is fine.
     */
    void dropSlot(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = server.connect("postgres")) {
            while (true) {
                Integer activePid = null;
                boolean exists = false;
                try (PreparedStatement p = c.prepareStatement("SELECT active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
                    p.setString(1, slot);
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            exists = true;
                            activePid = (Integer) rs.getObject(1);
                        }
                    }
                }
                if (!exists) {
                    return;
                }
                if (activePid == null) {
                    try (PreparedStatement p = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                        p.setString(1, slot);
                        p.execute();
                    }
                    return;
                }
                if (System.nanoTime() > deadline) {
                    try (PreparedStatement p = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                        p.setInt(1, activePid);
                        p.execute();
                    }
                }
                Waits.pause(100);
            }
        } catch (SQLException e) {
            throw new ForeignPipelineException("cannot drop slot " + slot + " on " + server.description() + ": " + e.getMessage(), e);
        }
    }

    /** Drops the publication in the source database; no publication (or no database) is fine. */
    void dropPublication() {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("DROP PUBLICATION IF EXISTS " + publication);
        } catch (SQLException e) {
            if ("3D000".equals(e.getSQLState())) { // invalid_catalog_name: the database is gone, and its publication with it
                return;
            }
            throw new ForeignPipelineException("cannot drop publication " + publication + " in " + database + ": " + e.getMessage(), e);
        }
    }

    private String queryText(String sql, String parameter) {
        try (Connection c = server.connect("postgres"); PreparedStatement p = c.prepareStatement(sql)) {
            if (parameter != null) {
                p.setString(1, parameter);
            }
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new ForeignPipelineException("cannot query " + server.description() + ": " + e.getMessage(), e);
        }
    }
}
