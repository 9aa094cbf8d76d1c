package io.headwater.tests.foreign;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * The user's sink as a Kafka Connect connector, configured with the JDBC sink's keys as a user of one
 * writes them ({@code connection.url}, {@code connection.user}, {@code connection.password},
 * {@code table.name.format}, {@code pk.mode=record_key}, {@code pk.fields}, {@code insert.mode=upsert},
 * {@code delete.enabled}): each record of its topic upserts or deletes one row of an existing table.
 * Written in the test sources because no JDBC sink is served here; found by the worker through
 * {@code META-INF/services}.
 */
public final class TableSinkConnector extends SinkConnector {
    static final ConfigDef CONFIG = new ConfigDef()
            .define("connection.url", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "JDBC URL of the target database")
            .define("connection.user", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "user")
            .define("connection.password", ConfigDef.Type.PASSWORD, "", ConfigDef.Importance.HIGH, "password")
            .define("table.name.format", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "the target table")
            .define("pk.mode", ConfigDef.Type.STRING, "record_key", ConfigDef.Importance.MEDIUM, "record_key only")
            .define("pk.fields", ConfigDef.Type.STRING, "id", ConfigDef.Importance.MEDIUM, "the key column")
            .define("insert.mode", ConfigDef.Type.STRING, "upsert", ConfigDef.Importance.MEDIUM, "upsert only")
            .define("delete.enabled", ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM, "apply deletes");

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        CONFIG.parse(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TableSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        // nothing held: the task owns the connection
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return "test";
    }
}
