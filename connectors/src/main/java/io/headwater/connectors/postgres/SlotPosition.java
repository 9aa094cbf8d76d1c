package io.headwater.connectors.postgres;

import io.headwater.engine.spi.FlowPosition;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.spi.PartitionRef;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The progress of change capture through a PostgreSQL logical replication slot: the bytes of
 * write-ahead log between the server's current position ({@code pg_current_wal_lsn()}, or the last
 * replayed position on a standby) and the slot's {@code confirmed_flush_lsn}, the point up to which
 * its consumer (Debezium) has confirmed the changes. The lag counts all WAL the server wrote, for
 * every database, not only changes of captured tables: on a quiet table behind a busy server it
 * stays above zero until the connector confirms a newer position.
 *
 * <p>Strictly read-only: one short read-only session per {@link #read()} that selects from
 * {@code pg_replication_slots}. Thread-safe: holds no connection between reads.
 */
public final class SlotPosition implements FlowPosition {
    private static final String CURRENT_LSN = "CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END";
    private static final String SLOT_QUERY = "SELECT active, wal_status, slot_type, database, confirmed_flush_lsn IS NOT NULL,"
            + " pg_wal_lsn_diff(" + CURRENT_LSN + ", confirmed_flush_lsn)::bigint,"
            + " pg_wal_lsn_diff(confirmed_flush_lsn, '0/0')::bigint,"
            + " pg_wal_lsn_diff(" + CURRENT_LSN + ", '0/0')::bigint"
            + " FROM pg_replication_slots WHERE slot_name = ?";

    private final String flowId;
    private final PostgresEndpoint endpoint;
    private final String slot;

    /**
     * @param flowId   the flow observed
     * @param endpoint the database of the system of record
     * @param slot     the replication slot the flow's connector reads
     */
    public SlotPosition(String flowId, PostgresEndpoint endpoint, String slot) {
        this.flowId = Objects.requireNonNull(flowId, "flowId");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.slot = Objects.requireNonNull(slot, "slot");
    }

    @Override
    public String flowId() {
        return flowId;
    }

    /** The slot observed. */
    public String slot() {
        return slot;
    }

    @Override
    public FlowProgress read() {
        try (Connection c = endpoint.openReadOnly("headwater-observer")) {
            try (PreparedStatement st = c.prepareStatement(SLOT_QUERY)) {
                st.setString(1, slot);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return FlowProgress.unknown(flowId, FlowProgress.LagUnit.WAL_BYTES,
                                "slot '" + slot + "' not found on " + endpoint.where() + "; slots: " + slotNames(c));
                    }
                    return progress(rs);
                }
            }
        } catch (SQLException e) {
            throw endpoint.wrap("read replication slot '" + slot + "'", e);
        }
    }

    private FlowProgress progress(ResultSet rs) throws SQLException {
        boolean active = rs.getBoolean(1);
        String walStatus = rs.getString(2);
        String type = rs.getString(3);
        String database = rs.getString(4);
        if (!rs.getBoolean(5)) {
            return FlowProgress.unknown(flowId, FlowProgress.LagUnit.WAL_BYTES, "slot " + slot + " on " + endpoint.address()
                    + " has no confirmed position (a " + type + " slot" + (active ? "" : ", inactive") + ")");
        }
        long lag = Math.max(0, rs.getLong(6));
        long confirmed = rs.getLong(7);
        long current = rs.getLong(8);
        StringBuilder text = new StringBuilder("slot ").append(slot).append(": ")
                .append(lag == 0 ? "caught up" : FlowProgress.bytesText(lag) + " behind")
                .append(active ? ", active" : ", inactive");
        if (walStatus != null && !walStatus.equals("reserved")) {
            text.append(", wal_status ").append(walStatus);
        }
        if (database != null && !database.equals(endpoint.database())) {
            text.append(", in database ").append(database);
        }
        PartitionRef wal = FlowProgress.walPartition(slot);
        return new FlowProgress(flowId, true, lag, FlowProgress.LagUnit.WAL_BYTES, Map.of(wal, confirmed), Map.of(wal, current),
                text.toString());
    }

    private static List<String> slotNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT slot_name FROM pg_replication_slots ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return "SlotPosition[" + flowId + ": slot " + slot + " on " + endpoint.where() + "]";
    }
}
