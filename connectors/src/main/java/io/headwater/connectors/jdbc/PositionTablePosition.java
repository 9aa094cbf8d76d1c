package io.headwater.connectors.jdbc;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.FlowObservation.PositionTable;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.FlowPosition;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.spi.PartitionRef;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The progress of a sink that records its own position in a table of the database it writes: one
 * row per partition with the next offset to apply (a Kafka Connect JDBC sink's offsets table, a
 * service's checkpoint table). Lag is the topic's end offsets minus those positions, like a
 * {@link Checkpoint}.
 *
 * <p>Names are used as SQL would read them: plain names unquoted (folded by the database), names
 * with other characters quoted, names written with double quotes as they are.
 *
 * <p>Strictly read-only: one SELECT per {@link #read()}, on a connection its source opens read-only.
 * Thread-safe: holds no connection between reads.
 */
public final class PositionTablePosition implements FlowPosition {
    /** A name the database folds as it folds the user's own unquoted SQL. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

    private final String flowId;
    private final String systemId;
    private final String address;
    private final ConnectionSource connections;
    private final PositionTable table;
    private final String topic;
    private final Function<String, Map<PartitionRef, Long>> endOffsets;

    /**
     * @param flowId      the flow observed
     * @param systemId    the system holding the table, for messages
     * @param address     where it is, for messages (no password)
     * @param connections opens read-only connections to that system's database
     * @param table       the declared position table
     * @param topic       the topic the flow reads (rows are filtered by it when the table has a topic column)
     * @param endOffsets  the end offsets of a topic, from the log
     */
    public PositionTablePosition(String flowId, String systemId, String address, ConnectionSource connections, PositionTable table,
                                 String topic, Function<String, Map<PartitionRef, Long>> endOffsets) {
        this.flowId = Objects.requireNonNull(flowId, "flowId");
        this.systemId = Objects.requireNonNull(systemId, "systemId");
        this.address = Objects.requireNonNull(address, "address");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.table = Objects.requireNonNull(table, "table");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.endOffsets = Objects.requireNonNull(endOffsets, "endOffsets");
    }

    @Override
    public String flowId() {
        return flowId;
    }

    /** The SELECT this position runs. */
    String query() {
        String sql = "SELECT " + name(table.partitionColumn()) + ", " + name(table.offsetColumn()) + " FROM " + name(table.table());
        return table.topicColumn() == null ? sql : sql + " WHERE " + name(table.topicColumn()) + " = ?";
    }

    /**
     * A declared name as SQL: written with double quotes, as it is; a plain name ({@code sink_offsets},
     * {@code public.offsets}), unquoted, so the database folds its case as in the user's own SQL;
     * anything else ({@code Single Offsets}) quoted.
     */
    private static String name(String identifier) {
        if (identifier.indexOf('"') >= 0 || PLAIN.matcher(identifier).matches()) {
            return identifier;
        }
        return SqlDialect.quoteQualified(identifier);
    }

    @Override
    public FlowProgress read() {
        Map<PartitionRef, Long> positions = positions();
        if (positions.isEmpty()) {
            return FlowProgress.unknown(flowId, FlowProgress.LagUnit.RECORDS, "position table " + table.table() + " in " + systemId
                    + " has no rows" + (table.topicColumn() == null ? "" : " for topic " + topic));
        }
        Map<PartitionRef, Long> ends = endOffsets.apply(topic);
        long lag = new Checkpoint(positions).lagBehind(ends);
        String text = "position table " + table.table() + ": " + (lag == 0 ? "caught up" : lag + (lag == 1 ? " record" : " records")
                + " behind") + " on " + topic;
        return new FlowProgress(flowId, true, lag, FlowProgress.LagUnit.RECORDS, positions, ends, text);
    }

    private Map<PartitionRef, Long> positions() {
        Map<PartitionRef, Long> out = new TreeMap<>();
        try (Connection c = connections.open(); PreparedStatement st = c.prepareStatement(query())) {
            if (table.topicColumn() != null) {
                st.setString(1, topic);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.merge(new PartitionRef(topic, rs.getInt(1)), rs.getLong(2), Math::max);
                }
            }
            return out;
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    private HeadwaterException wrap(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("28") || state.startsWith("57P0"))) {
            return new ConnectionException(systemId, address, "cannot read position table " + table.table() + ": " + e.getMessage(), e);
        }
        return new StoreException("system '" + systemId + "' at " + address + ": cannot read position table " + table.table()
                + " (" + query() + "): " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "PositionTablePosition[" + flowId + ": " + table.table() + " in " + systemId + " at " + address + "]";
    }
}
