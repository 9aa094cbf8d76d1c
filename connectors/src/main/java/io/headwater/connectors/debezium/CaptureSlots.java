package io.headwater.connectors.debezium;

import io.headwater.connectors.postgres.PostgresEndpoint;
import io.headwater.engine.StoreException;
import io.headwater.engine.spi.FlowProgress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The replication slots and publications that Headwater's own change capture ({@link DebeziumCapture})
 * leaves on a PostgreSQL server: slots named {@code hw_*}, publications {@code hw_*_pub}. A slot
 * nobody reads keeps every WAL segment since its {@code restart_lsn}, so an abandoned capture makes
 * the server's disk fill up; this lists them with the WAL they retain and drops them on request.
 *
 * <p>{@link #list()}, {@link #find} and {@link #publicationExists} are read-only; only {@link #drop}
 * writes, and it refuses a slot that a connection is streaming from. Thread-safe: one short
 * connection per call.
 */
public final class CaptureSlots {
    private static final String SLOTS = "SELECT slot_name, database, active, active_pid, wal_status, restart_lsn::text,"
            + " pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END, restart_lsn)::bigint"
            + " FROM pg_replication_slots";

    private final PostgresEndpoint endpoint;

    public CaptureSlots(PostgresEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    public PostgresEndpoint endpoint() {
        return endpoint;
    }

    /**
     * One of Headwater's replication slots.
     *
     * @param name          the slot
     * @param database      the database it decodes
     * @param active        whether a connection streams from it now
     * @param activePid     the server process streaming from it, or 0
     * @param retainedBytes WAL the server keeps for it ({@code restart_lsn} to the current position); -1 when invalidated
     * @param restartLsn    the oldest WAL position it needs, or null
     * @param walStatus     {@code reserved}, {@code extended}, {@code unreserved} or {@code lost}
     */
    public record CaptureSlot(String name, String database, boolean active, int activePid, long retainedBytes, String restartLsn,
                              String walStatus) {
        /** The publication the capture of this slot created. */
        public String publication() {
            return name + "_pub";
        }

        /** {@code inactive, 3.2 GB of WAL retained since LSN 0/3000148}. */
        public String describe() {
            String state = active ? "active (pid " + activePid + ")" : "inactive";
            if (retainedBytes < 0) {
                return state + ", WAL no longer retained (wal_status " + walStatus + ")";
            }
            return state + ", " + FlowProgress.bytesText(retainedBytes) + " of WAL retained since LSN " + restartLsn;
        }
    }

    /**
     * What {@link #drop} removed.
     *
     * @param slot        the slot, if it existed
     * @param publication whether the publication existed and was dropped
     */
    public record Dropped(Optional<CaptureSlot> slot, boolean publication) {
        public boolean anything() {
            return slot.isPresent() || publication;
        }
    }

    /** Every {@code hw_*} slot on the server, by name. */
    public List<CaptureSlot> list() {
        try (Connection c = endpoint.openReadOnly("headwater-cleanup");
             PreparedStatement st = c.prepareStatement(SLOTS + " WHERE slot_name LIKE 'hw\\_%' ORDER BY slot_name")) {
            return slots(st);
        } catch (SQLException e) {
            throw endpoint.wrap("list replication slots", e);
        }
    }

    /** The named slot, if it exists (any slot, not only Headwater's). */
    public Optional<CaptureSlot> find(String slot) {
        try (Connection c = endpoint.openReadOnly("headwater-cleanup")) {
            return find(c, slot);
        } catch (SQLException e) {
            throw endpoint.wrap("read replication slot '" + slot + "'", e);
        }
    }

    /** Whether the publication exists in this endpoint's database. */
    public boolean publicationExists(String publication) {
        try (Connection c = endpoint.openReadOnly("headwater-cleanup")) {
            return publicationExists(c, publication);
        } catch (SQLException e) {
            throw endpoint.wrap("read publication '" + publication + "'", e);
        }
    }

    /**
     * Drops a slot and its publication ({@code <slot>_pub}) in this endpoint's database, each if it
     * exists.
     *
     * @throws SlotActiveException when the slot is active (a capture streams from it): nothing is dropped
     */
    public Dropped drop(String slot) {
        String publication = slot + "_pub";
        try (Connection c = endpoint.openWritable("headwater-cleanup")) {
            Optional<CaptureSlot> found = find(c, slot);
            if (found.isPresent() && found.get().active()) {
                throw active(found.get(), null);
            }
            if (found.isPresent()) {
                try (PreparedStatement st = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                    st.setString(1, slot);
                    st.execute();
                } catch (SQLException e) {
                    if ("55006".equals(e.getSQLState())) { // object in use: became active since the check
                        throw active(found.get(), e);
                    }
                    throw e;
                }
            }
            boolean hadPublication = publicationExists(c, publication);
            if (hadPublication) {
                try (PreparedStatement st = c.prepareStatement("DROP PUBLICATION IF EXISTS " + quote(publication))) {
                    st.execute();
                }
            }
            return new Dropped(found, hadPublication);
        } catch (SQLException e) {
            throw endpoint.wrap("drop replication slot '" + slot + "' and publication '" + publication + "'", e);
        }
    }

    /** {@link #drop} refused: a capture streams from the slot. */
    public static final class SlotActiveException extends StoreException {
        private static final long serialVersionUID = 1L;

        SlotActiveException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private SlotActiveException active(CaptureSlot slot, SQLException cause) {
        return new SlotActiveException("slot " + slot.name() + " on " + endpoint.address() + " is active" + (slot.activePid() > 0
                ? " (server process " + slot.activePid() + ")" : "") + ": a capture is streaming from it; stop the pipeline that runs it first",
                cause);
    }

    private static Optional<CaptureSlot> find(Connection c, String slot) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(SLOTS + " WHERE slot_name = ?")) {
            st.setString(1, slot);
            return slots(st).stream().findFirst();
        }
    }

    private static boolean publicationExists(Connection c, String publication) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            st.setString(1, publication);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static List<CaptureSlot> slots(PreparedStatement st) throws SQLException {
        List<CaptureSlot> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                long retained = rs.getLong(7);
                if (rs.wasNull()) {
                    retained = -1;
                }
                out.add(new CaptureSlot(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4), Math.max(-1, retained),
                        rs.getString(6), rs.getString(5)));
            }
        }
        return out;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
