package io.headwater.connectors.postgres;

import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.spi.PartitionRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Slot lag on a real PostgreSQL with logical decoding (the embedded server, wal_level=logical). */
class SlotPositionIT {
    private static final String SLOT = "t_slot";

    @TempDir
    static Path dir;

    static EmbeddedPostgresServer pg;
    static PostgresEndpoint endpoint;

    @BeforeAll
    static void start() throws SQLException {
        pg = EmbeddedPostgresServer.start(dir.resolve("pg"));
        endpoint = new PostgresEndpoint("pg", pg.host(), pg.port(), pg.database(), pg.user(), null, Map.of());
        sql("CREATE TABLE public.accounts (id bigint PRIMARY KEY, balance numeric)");
        sql("SELECT pg_create_logical_replication_slot('" + SLOT + "', 'pgoutput')");
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void reportsWalBytesBehindAnInactiveSlotUntilItIsAdvancedToTheCurrentPosition() throws SQLException {
        SlotPosition position = new SlotPosition("capture", endpoint, SLOT);
        sql("INSERT INTO public.accounts SELECT g, g * 10 FROM generate_series(1, 500) g");

        FlowProgress behind = position.read();

        assertThat(behind.known()).isTrue();
        assertThat(behind.unit()).isEqualTo(FlowProgress.LagUnit.WAL_BYTES);
        assertThat(behind.lag()).isPositive();
        assertThat(behind.description()).startsWith("slot t_slot: ").contains(" behind").endsWith(", inactive");
        PartitionRef wal = FlowProgress.walPartition(SLOT);
        assertThat(behind.ends().get(wal) - behind.positions().get(wal)).isEqualTo(behind.lag());
        assertThat(behind.covers(behind.ends())).isFalse();

        FlowProgress caughtUp = advanceAndRead(position);

        assertThat(caughtUp.lag()).isZero();
        assertThat(caughtUp.description()).isEqualTo("slot t_slot: caught up, inactive");
        assertThat(caughtUp.covers(behind.ends())).as("the slot passed every WAL position of the first reading").isTrue();
        assertThat(caughtUp.recordLag()).as("WAL bytes are not records").isEqualTo(-1);
        assertThat(caughtUp.lagText()).isEqualTo("caught up");
    }

    /**
     * Advances the slot to the current LSN and reads. The embedded server runs with
     * {@code synchronous_commit=off}, and a slot only advances as far as WAL is flushed: a commit with
     * synchronous commit on flushes it first. The server may write WAL of its own between the advance
     * and the read (a background running-transactions record); then it tries again, at most five times.
     */
    private static FlowProgress advanceAndRead(SlotPosition position) throws SQLException {
        FlowProgress read = null;
        for (int attempt = 0; attempt < 5 && (read == null || read.lag() != 0); attempt++) {
            try (Connection c = pg.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("SET synchronous_commit = on");
                st.execute("INSERT INTO public.accounts VALUES (" + (30000 + attempt) + ", 0) ON CONFLICT DO NOTHING");
                st.execute("SELECT pg_replication_slot_advance('" + SLOT + "', pg_current_wal_lsn())");
            }
            read = position.read();
        }
        return read;
    }

    @Test
    void namesTheServerAndTheSlotsThereWhenTheSlotDoesNotExist() {
        FlowProgress missing = new SlotPosition("capture", endpoint, "h5_bank").read();

        assertThat(missing.known()).isFalse();
        assertThat(missing.lag()).isEqualTo(-1);
        assertThat(missing.description()).isEqualTo("slot 'h5_bank' not found on " + pg.address() + "/postgres; slots: [t_slot]");
        assertThat(missing.covers(Map.of())).isFalse();
    }

    @Test
    void readingChangesNothingInTheSlots() throws SQLException {
        sql("INSERT INTO public.accounts VALUES (10001, 1)");
        List<String> before = rows("SELECT * FROM pg_replication_slots ORDER BY slot_name");

        new SlotPosition("capture", endpoint, SLOT).read();
        new SlotPosition("capture", endpoint, "missing").read();

        assertThat(rows("SELECT * FROM pg_replication_slots ORDER BY slot_name")).isEqualTo(before);
    }

    @Test
    void itsSessionsRefuseToWrite() throws SQLException {
        try (Connection c = endpoint.openReadOnly("test"); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("INSERT INTO public.accounts VALUES (20001, 1)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> st.execute("CREATE TABLE public.sneaky (id int)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("read-only");
        }
        assertThat(rows("SELECT id FROM public.accounts WHERE id = 20001")).isEmpty();
    }

    private static List<String> rows(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = pg.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
