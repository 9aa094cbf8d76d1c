package io.headwater.connectors.audit;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the system of record's tables as they really are: every column, declared or not. */
final class RecordTables {
    private RecordTables() {
    }

    /** A sample of a table: its real column names and up to {@code limit} rows of text values (binary columns left out). */
    record Sample(List<String> columns, List<Map<String, String>> rows) {
    }

    static Sample sample(ConnectionSource ds, Dataset d, int limit) {
        String sql = "SELECT * FROM " + d.physicalName() + " LIMIT " + limit;
        try (Connection c = ds.open(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            List<Integer> textual = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnName(i));
                String type = md.getColumnTypeName(i).toLowerCase(java.util.Locale.ROOT);
                if (type.contains("char") || type.equals("text") || type.contains("json")) {
                    textual.add(i);
                }
            }
            List<Map<String, String>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i : textual) {
                    row.put(md.getColumnName(i), rs.getString(i));
                }
                rows.add(row);
            }
            return new Sample(columns, rows);
        } catch (SQLException e) {
            throw new StoreException("cannot sample " + d.ref() + " (" + d.physicalName() + "): " + e.getMessage(), e);
        }
    }

    /**
     * Connections to the SQL system that holds {@code system}'s tables, hosted or attached.
     *
     * @throws StoreException naming the system and its kind when it is not a SQL database
     */
    static ConnectionSource connectionsOf(LiveStores stores, SystemSpec system) {
        return stores.connections(system).orElseThrow(() -> new StoreException("system " + system.id() + " is a "
                + system.kind().configName() + " system: this probe reads SQL tables only, so it did not check it"));
    }

    /** Whether {@code system} is a system of record whose tables are read over SQL (PostgreSQL, MySQL, H2; hosted or attached). */
    static boolean sqlRecord(LiveStores stores, SystemSpec system) {
        return system.role() == Role.RECORD && stores.connections(system).isPresent();
    }

    static Connection connect(ConnectionSource ds, String what) {
        try {
            return ds.open();
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the system of record for " + what + ": " + e.getMessage(), e);
        }
    }
}
