package io.headwater.connectors.debezium;

import io.headwater.connectors.postgres.EmbeddedPostgresServer;
import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.SystemReach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dropping what a hosted capture left behind, on a real PostgreSQL (the embedded server, attached
 * to as a user's server would be): slot {@code hw_bank} and publication {@code hw_bank_pub}.
 */
class CaptureCleanupIT {
    @TempDir
    static Path dir;

    static EmbeddedPostgresServer pg;

    @BeforeAll
    static void start() throws SQLException {
        pg = EmbeddedPostgresServer.start(dir.resolve("pg"));
        sql("CREATE TABLE public.customers (id bigint PRIMARY KEY, email text)");
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @AfterEach
    void dropLeftovers() throws SQLException {
        for (String slot : names("SELECT slot_name FROM pg_replication_slots")) {
            sql("SELECT pg_drop_replication_slot('" + slot + "')");
        }
        for (String pub : names("SELECT pubname FROM pg_publication")) {
            sql("DROP PUBLICATION " + pub);
        }
    }

    /** What DebeziumCapture creates for pipeline "bank": a pgoutput slot and a filtered publication. */
    private static void leaveCaptureBehind(String slot) throws SQLException {
        sql("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')",
                "CREATE PUBLICATION " + slot + "_pub FOR TABLE public.customers",
                "INSERT INTO public.customers SELECT g, 'c' || g || '@example.com' FROM generate_series(1, 200) g",
                "DELETE FROM public.customers");
    }

    @Test
    void dropsTheSlotAndPublicationThePipelinesHostedCaptureLeft() throws SQLException {
        leaveCaptureBehind("hw_bank");
        leaveCaptureBehind("hw_other");
        CaptureCleanup cleanup = new CaptureCleanup(pipeline("headwater", true), SystemReach.DECLARED);

        List<CaptureCleanup.Outcome> dry = cleanup.run(true);

        assertThat(dry).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo(CaptureCleanup.Action.WOULD_DROP);
            assertThat(o.message()).startsWith("pg at " + pg.address() + "/postgres: would drop slot hw_bank (inactive, ")
                    .endsWith(" and publication hw_bank_pub");
        });
        assertThat(names("SELECT slot_name FROM pg_replication_slots")).containsExactlyInAnyOrder("hw_bank", "hw_other");

        List<CaptureCleanup.Outcome> done = cleanup.run(false);

        assertThat(done).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo(CaptureCleanup.Action.DROPPED);
            assertThat(o.message()).contains(": dropped slot hw_bank (inactive, ").contains(" of WAL retained since LSN ")
                    .endsWith(" and publication hw_bank_pub");
        });
        assertThat(names("SELECT slot_name FROM pg_replication_slots")).as("another pipeline's slot stays").containsExactly("hw_other");
        assertThat(names("SELECT pubname FROM pg_publication")).containsExactly("hw_other_pub");
        assertThat(cleanup.run(false)).singleElement().extracting(CaptureCleanup.Outcome::action).isEqualTo(CaptureCleanup.Action.NOTHING);
    }

    @Test
    void refusesToDropASlotThatACaptureStreamsFrom() throws SQLException {
        leaveCaptureBehind("hw_bank");
        CaptureCleanup cleanup = new CaptureCleanup(pipeline("headwater", true), SystemReach.DECLARED);
        try (Connection replication = replicationConnection(); PGReplicationStream stream = stream(replication, "hw_bank")) {
            assertThat(names("SELECT slot_name FROM pg_replication_slots WHERE active")).containsExactly("hw_bank");

            List<CaptureCleanup.Outcome> outcomes = cleanup.run(false);

            assertThat(outcomes).singleElement().satisfies(o -> {
                assertThat(o.action()).isEqualTo(CaptureCleanup.Action.REFUSED);
                assertThat(o.message()).contains("slot hw_bank is active (pid ").contains("stop the pipeline that runs it first");
            });
            assertThatStreamIsOpen(stream);
        }
        assertThat(names("SELECT slot_name FROM pg_replication_slots")).containsExactly("hw_bank");
        assertThat(names("SELECT pubname FROM pg_publication")).containsExactly("hw_bank_pub");
    }

    @Test
    void leavesAnAttachedSystemThatIsNotWritableAlone() throws SQLException {
        leaveCaptureBehind("hw_bank");
        CaptureCleanup cleanup = new CaptureCleanup(pipeline("external", false), SystemReach.DECLARED);

        List<CaptureCleanup.Outcome> outcomes = cleanup.run(false);

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo(CaptureCleanup.Action.LEFT_ALONE);
            assertThat(o.message()).contains("slot hw_bank (inactive, ").contains(" and publication hw_bank_pub left alone: pg is attached "
                    + "and not writable (add writable: true to system pg, or pass --allow-write pg, to drop it)");
        });
        assertThat(names("SELECT slot_name FROM pg_replication_slots")).containsExactly("hw_bank");
        assertThat(names("SELECT pubname FROM pg_publication")).containsExactly("hw_bank_pub");
    }

    @Test
    void warnsAboutInactiveHeadwaterSlotsRetainingWal() throws SQLException {
        leaveCaptureBehind("hw_bank");
        leaveCaptureBehind("hw_other");
        sql("SELECT pg_create_logical_replication_slot('users_slot', 'pgoutput')");
        CaptureCleanup cleanup = new CaptureCleanup(pipeline("headwater", true), SystemReach.DECLARED);

        List<String> warnings = cleanup.warnings(Path.of("bank.yaml"), 1);

        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith("slot hw_bank on " + pg.address() + ": inactive, ").contains(" of WAL retained since LSN ")
                .endsWith("; run headwater cleanup --config bank.yaml");
        assertThat(warnings.get(1)).startsWith("slot hw_other on ").endsWith("; left by the capture of another pipeline; run headwater "
                + "cleanup with that pipeline's config");
        assertThat(cleanup.warnings(Path.of("bank.yaml"), Long.MAX_VALUE)).as("under the threshold").isEmpty();
    }

    private static void assertThatStreamIsOpen(PGReplicationStream stream) {
        assertThat(stream.isClosed()).isFalse();
    }

    /** A pipeline "bank" capturing from the server as an attached system; hosted: headwater runs the capture. */
    private Pipeline pipeline(String runs, boolean writable) {
        String yaml = """
                pipeline: bank
                systems:
                  - id: pg
                    kind: postgres
                    role: record
                    address: %s
                    database: postgres
                    user: postgres
                    writable: %s
                    datasets:
                      - id: customers
                        name: public.customers
                        key: id
                        fields: { id: integer, email: string }
                  - id: kafka
                    kind: kafka
                    role: log
                    address: 127.0.0.1:9
                    writable: %s
                    datasets:
                      - { id: customers, name: bank.public.customers }
                flows:
                  - { id: capture, kind: cdc, from: pg.customers, to: kafka.customers, runs: %s }
                """.formatted(pg.address(), writable, writable, runs);
        return new PipelineLoader().parse(yaml, "bank.yaml", dir);
    }

    private static Connection replicationConnection() throws SQLException {
        Properties p = new Properties();
        PGProperty.USER.set(p, pg.user());
        PGProperty.PASSWORD.set(p, pg.password());
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "9.4");
        PGProperty.REPLICATION.set(p, "database");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        return DriverManager.getConnection(pg.jdbcUrl(), p);
    }

    private static PGReplicationStream stream(Connection replication, String slot) throws SQLException {
        return replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical().withSlotName(slot)
                .withSlotOption("proto_version", "1").withSlotOption("publication_names", slot + "_pub").start();
    }

    private static List<String> names(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = pg.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }
}
