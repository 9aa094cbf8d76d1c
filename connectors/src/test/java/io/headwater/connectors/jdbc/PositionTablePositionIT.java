package io.headwater.connectors.jdbc;

import io.headwater.connectors.postgres.PostgresEndpoint;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.FlowObservation.PositionTable;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.spi.PartitionRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A sink's own position table, on the machine's PostgreSQL (127.0.0.1:5432, a fresh database
 * dropped afterwards). The log's end offsets are given as they would come from Kafka.
 */
class PositionTablePositionIT {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String TOPIC = "bank.public.accounts";
    private static final Map<PartitionRef, Long> ENDS = Map.of(new PartitionRef(TOPIC, 0), 100L, new PartitionRef(TOPIC, 1), 80L);

    static String database;
    static PostgresEndpoint endpoint;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = "hw_positions_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = admin("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        endpoint = new PostgresEndpoint("sink", "127.0.0.1", 5432, database, "postgres", null, Map.of());
        try (Connection c = admin(database); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE sink_offsets (topic text, part int, next_offset bigint, PRIMARY KEY (topic, part))");
            st.execute("INSERT INTO sink_offsets VALUES ('" + TOPIC + "', 0, 60), ('" + TOPIC + "', 1, 80), ('other.topic', 0, 5)");
            st.execute("CREATE TABLE \"Single Offsets\" (\"Partition\" int, \"Next\" bigint)");
            st.execute("INSERT INTO \"Single Offsets\" VALUES (0, 100)");
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            try (Connection c = admin("postgres"); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static Connection admin(String db) throws SQLException {
        try {
            return DriverManager.getConnection(SERVER + db, "postgres", "");
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) || "08004".equals(e.getSQLState())) {
                Assumptions.abort("no PostgreSQL on 127.0.0.1:5432 to test against: " + e.getMessage());
            }
            throw e;
        }
    }

    private static PositionTablePosition position(PositionTable table) {
        return new PositionTablePosition("to-sink", "sink", endpoint.where(), () -> endpoint.openReadOnly("test"), table, TOPIC, t -> ENDS);
    }

    @Test
    void readsTheNextOffsetPerPartitionOfItsTopicAndCountsTheLag() {
        FlowProgress progress = position(new PositionTable("sink_offsets", "topic", "part", "next_offset")).read();

        assertThat(progress.known()).isTrue();
        assertThat(progress.positions()).isEqualTo(Map.of(new PartitionRef(TOPIC, 0), 60L, new PartitionRef(TOPIC, 1), 80L));
        assertThat(progress.lag()).isEqualTo(40);
        assertThat(progress.description()).isEqualTo("position table sink_offsets: 40 records behind on " + TOPIC);
        assertThat(progress.covers(Map.of(new PartitionRef(TOPIC, 1), 80L))).isTrue();
        assertThat(progress.covers(ENDS)).isFalse();
        assertThat(progress.toDatasetStatus(null, 7).checkpoint()).isEqualTo(TOPIC + "#0=60," + TOPIC + "#1=80");
    }

    @Test
    void readsATableOfOneTopicWithQuotedNames() {
        FlowProgress progress = position(new PositionTable("public.Single Offsets", null, "\"Partition\"", "\"Next\"")).read();

        assertThat(progress.positions()).isEqualTo(Map.of(new PartitionRef(TOPIC, 0), 100L));
        assertThat(progress.lag()).as("partition 1 has no row: all 80 of its records are behind").isEqualTo(80);
    }

    @Test
    void saysSoWhenTheTableHasNoRowForTheTopicAndNamesAMissingTable() throws SQLException {
        assertThat(new PositionTablePosition("f", "sink", endpoint.where(), () -> endpoint.openReadOnly("test"),
                new PositionTable("sink_offsets", "topic", "part", "next_offset"), "quiet.topic", t -> Map.of()).read().description())
                .isEqualTo("position table sink_offsets in sink has no rows for topic quiet.topic");

        assertThatThrownBy(() -> position(new PositionTable("no_such_table", null, "p", "o")).read())
                .isInstanceOf(StoreException.class).hasMessageContaining("system 'sink' at 127.0.0.1:5432/" + database)
                .hasMessageContaining("cannot read position table no_such_table");
        try (Connection c = admin(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables WHERE relname = 'sink_offsets'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(2) + rs.getLong(3)).as("nothing updated or deleted").isZero();
        }
    }
}
