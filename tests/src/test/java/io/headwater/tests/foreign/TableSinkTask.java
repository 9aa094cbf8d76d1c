package io.headwater.tests.foreign;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * The task of {@link TableSinkConnector}: reads the target table's columns from
 * {@code information_schema} at start (failing the task when the database or table is not there), then
 * applies each batch in one transaction. Records arrive as strings (the connector is configured with
 * the string converter) and are decoded as the user's sink decodes them ({@link SinkChange}).
 */
public final class TableSinkTask extends SinkTask {
    private Connection db;
    private BankSchema.TableShape table;
    private PreparedStatement upsert;
    private PreparedStatement delete;

    @Override
    public void start(Map<String, String> props) {
        String name = props.get("table.name.format");
        String key = props.getOrDefault("pk.fields", "id");
        try {
            db = DriverManager.getConnection(props.get("connection.url"), props.get("connection.user"), props.getOrDefault("connection.password", ""));
            List<BankSchema.Column> columns = new ArrayList<>();
            try (PreparedStatement s = db.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
                    + "WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        columns.add(new BankSchema.Column(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            if (columns.isEmpty()) {
                throw new ConnectException("table " + name + " does not exist at " + props.get("connection.url"));
            }
            table = new BankSchema.TableShape(name, key, columns);
            upsert = db.prepareStatement("INSERT INTO " + name + " (" + table.columnList() + ") VALUES ("
                    + columns.stream().map(c -> "?::" + c.sqlType()).collect(Collectors.joining(", ")) + ") ON CONFLICT (" + key
                    + ") DO UPDATE SET " + columns.stream().filter(c -> !c.name().equals(key))
                    .map(c -> c.name() + " = EXCLUDED." + c.name()).collect(Collectors.joining(", ")));
            delete = db.prepareStatement("DELETE FROM " + name + " WHERE " + key + "::text = ?");
            db.setAutoCommit(false);
        } catch (SQLException e) {
            throw new ConnectException("cannot open table " + name + " at " + props.get("connection.url") + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        try {
            for (SinkRecord r : records) {
                SinkChange change = SinkChange.decode(table, (String) r.key(), (String) r.value());
                if (change == null) {
                    continue;
                }
                if (change.isDelete()) {
                    delete.setString(1, change.key());
                    delete.executeUpdate();
                } else {
                    int i = 1;
                    for (BankSchema.Column column : table.columns()) {
                        upsert.setString(i++, change.row().path(column.name()).asText(null));
                    }
                    upsert.executeUpdate();
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw new ConnectException("cannot write table " + table.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        try {
            if (db != null) {
                db.close();
            }
        } catch (SQLException e) {
            throw new ConnectException("cannot close the connection to " + table.name(), e);
        }
    }

    @Override
    public String version() {
        return "test";
    }
}
