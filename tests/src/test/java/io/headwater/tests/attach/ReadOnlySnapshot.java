package io.headwater.tests.attach;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an attached PostgreSQL database shows of writes: its replication slots (by name, plugin and type), its publications, and
 * the insert/update/delete counters of every user table. Two snapshots taken around a read-only
 * command must be equal. The counters are read with the statistics snapshot cleared; a session's
 * writes reach them when it ends, and every command here closes its sessions before it returns.
 */
public record ReadOnlySnapshot(List<String> slots, List<String> publications, Map<String, String> tableCounters) {

    public static ReadOnlySnapshot of(String database) throws SQLException {
        try (Connection c = LocalPostgres.connect(database); Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
            return new ReadOnlySnapshot(
                    // The slot's position is the user's connector's to move (its heartbeats do); its name and plugin are not.
                    strings(st, "SELECT slot_name || ' ' || plugin || ' ' || slot_type FROM pg_replication_slots ORDER BY 1"),
                    strings(st, "SELECT pubname FROM pg_publication ORDER BY 1"),
                    counters(st));
        }
    }

    private static List<String> strings(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static Map<String, String> counters(Statement st) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (ResultSet rs = st.executeQuery("SELECT schemaname || '.' || relname, n_tup_ins || '/' || n_tup_upd || '/' || n_tup_del "
                + "FROM pg_stat_user_tables")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }
}
