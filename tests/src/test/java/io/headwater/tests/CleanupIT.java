package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.cli.ExitCodes;
import io.headwater.connectors.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headwater cleanup} against a PostgreSQL that a hosted capture of pipeline "bank" left its
 * slot {@code hw_bank} and publication {@code hw_bank_pub} on (the embedded server, attached as a
 * user's server would be).
 */
class CleanupIT {
    @TempDir
    static Path dir;

    static EmbeddedPostgresServer pg;

    @BeforeAll
    static void start() throws SQLException {
        pg = EmbeddedPostgresServer.start(dir.resolve("pg"));
        sql("CREATE TABLE public.customers (id bigint PRIMARY KEY, email text)",
                "SELECT pg_create_logical_replication_slot('hw_bank', 'pgoutput')",
                "CREATE PUBLICATION hw_bank_pub FOR TABLE public.customers");
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void leavesANonWritableSystemAloneThenDropsOnceAllowedAndForgetsTheCaptureOffsets() throws Exception {
        Path offsets = Files.createDirectories(dir.resolve("data/capture/pg")).resolve("offsets.dat");
        Files.writeString(offsets, "stale");

        Path external = config("external", false);
        CliRun.Result readOnly = CliRun.run("cleanup", "--config", external.toString(), "--data-dir", dir.resolve("data").toString());

        assertThat(readOnly.code()).isEqualTo(ExitCodes.OK);
        assertThat(readOnly.out()).contains("pg at " + pg.address() + "/postgres: slot hw_bank (inactive, ")
                .contains("left alone: pg is attached and not writable");
        assertThat(names("SELECT slot_name FROM pg_replication_slots")).containsExactly("hw_bank");

        CliRun.Result dry = CliRun.run("cleanup", "--config", external.toString(), "--data-dir", dir.resolve("data").toString(),
                "--allow-write", "pg", "--dry-run");

        assertThat(dry.out()).contains(": would drop slot hw_bank (inactive, ").contains(" and publication hw_bank_pub");
        assertThat(names("SELECT slot_name FROM pg_replication_slots")).containsExactly("hw_bank");

        Path hosted = config("headwater", true);
        CliRun.Result done = CliRun.run("cleanup", "--config", hosted.toString(), "--data-dir", dir.resolve("data").toString());

        assertThat(done.code()).as(done.err()).isEqualTo(ExitCodes.OK);
        assertThat(done.out()).contains(": dropped slot hw_bank (inactive, ").contains(" and publication hw_bank_pub")
                .contains("pg: forgot the capture's stored offsets; the next run takes a fresh snapshot");
        assertThat(names("SELECT slot_name FROM pg_replication_slots")).isEmpty();
        assertThat(names("SELECT pubname FROM pg_publication")).isEmpty();
        assertThat(offsets).doesNotExist();

        CliRun.Result again = CliRun.run("cleanup", "--config", hosted.toString(), "--data-dir", dir.resolve("data").toString());

        assertThat(again.out()).contains("no slot hw_bank or publication hw_bank_pub; nothing to drop");
    }

    private static Path config(String runs, boolean writable) throws IOException {
        Path file = dir.resolve("bank-" + runs + ".yaml");
        Files.writeString(file, """
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
                """.formatted(pg.address(), writable, writable, runs));
        return file;
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
