package io.headwater.tests.attach;

import static io.headwater.tests.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.tests.CliRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy between two databases of the user's own PostgreSQL server (a replica, an ETL job), with no
 * log between them, described as a config of attached systems: Headwater reports, verifies and
 * explains it without writing a thing, finds damage behind the copy's back by key and field, and
 * keeps rows changed within the copy's in-flight window apart from corruption.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttachedCopyIT {
    private static final int ROWS = 2_000;

    @TempDir
    static Path dir;

    static String source;
    static String copy;
    static Path config;

    @BeforeAll
    static void createDatabases() throws SQLException, IOException {
        LocalPostgres.assumeRunning();
        source = LocalPostgres.createDatabase("hw_src");
        copy = LocalPostgres.createDatabase("hw_copy");
        String table = "CREATE TABLE public.customers (id bigint PRIMARY KEY, email text, balance numeric(12,2), "
                + "updated_at timestamptz NOT NULL DEFAULT now() - interval '1 day')";
        String rows = "INSERT INTO public.customers (id, email, balance) SELECT i, 'c' || i || '@example.com', i * 1.25 "
                + "FROM generate_series(1, " + ROWS + ") i";
        LocalPostgres.execute(source, table, rows);
        LocalPostgres.execute(copy, table, rows);
        config = write("copy.yaml", "");
    }

    private static Path write(String name, String copyExtra) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, """
                pipeline: replica-check
                data-dir: %s
                systems:
                  - id: main
                    kind: postgres
                    role: record
                    address: %s
                    database: %s
                    user: postgres
                    datasets:
                      - id: customers
                        name: public.customers
                        key: id
                        timestamp: updated_at
                        fields: { id: integer, email: string, balance: decimal, updated_at: timestamp }
                  - id: replica
                    kind: postgres
                    role: derived
                    address: %s
                    database: %s
                    user: postgres
                    datasets:
                      - id: customers
                        name: public.customers
                        key: id
                        fields: { id: integer, email: string, balance: decimal }
                flows:
                  - id: replicate
                    kind: copy
                    from: main.customers
                    to: replica.customers
                %s""".formatted(dir.resolve("data"), LocalPostgres.ADDRESS, source, LocalPostgres.ADDRESS, copy, copyExtra));
        return file;
    }

    @AfterAll
    static void dropDatabases() throws SQLException {
        LocalPostgres.dropDatabase(source);
        LocalPostgres.dropDatabase(copy);
    }



    @Test
    @Order(1)
    void statusLineageAndVerifyWriteNothingIntoTheAttachedDatabases() throws SQLException {
        ReadOnlySnapshot sourceBefore = ReadOnlySnapshot.of(source);
        ReadOnlySnapshot copyBefore = ReadOnlySnapshot.of(copy);

        Result status = run("status", "--config", config.toString());
        Result lineage = run("lineage", "--config", config.toString());
        Result verify = run("verify", "--config", config.toString());

        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("main").contains("replica").contains(String.format("%,d", ROWS));
        assertThat(lineage.code()).as(lineage.err()).isZero();
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("replicate").contains("CLEAN").contains(String.format("compared %,d records", ROWS));
        assertThat(ReadOnlySnapshot.of(source)).isEqualTo(sourceBefore);
        assertThat(ReadOnlySnapshot.of(copy)).isEqualTo(copyBefore);
    }

    @Test
    @Order(2)
    void findsARowDamagedInTheCopyByKeyAndField() throws SQLException {
        LocalPostgres.execute(copy, "UPDATE public.customers SET email = 'wrong@example.com' WHERE id = 77",
                "DELETE FROM public.customers WHERE id = 1500");
        try {
            Result verify = run("verify", "--config", config.toString());

            assertThat(verify.code()).as(verify.out() + verify.err()).isEqualTo(1);
            assertThat(verify.out()).contains("CORRUPT").contains("missing 1").contains("mismatched 1")
                    .contains("{id=77}").contains("fields [email]").contains("source 'c77@example.com', derived 'wrong@example.com'")
                    .contains("{id=1500}");
        } finally {
            LocalPostgres.execute(copy, "UPDATE public.customers SET email = 'c77@example.com' WHERE id = 77",
                    "INSERT INTO public.customers (id, email, balance, updated_at) SELECT 1500, 'c1500@example.com', 1875.00, now() - interval '1 day'");
        }
    }

    @Test
    @Order(3)
    void aRowChangedWithinTheInFlightWindowIsInFlightNotCorrupt() throws SQLException, IOException {
        Path windowed = write("windowed.yaml", "    in-flight: 5m\n    grace: 1s\n");
        LocalPostgres.execute(source, "UPDATE public.customers SET email = 'new@example.com', updated_at = now() WHERE id = 5");
        try {
            Result withWindow = run("verify", "--config", windowed.toString());
            Result without = run("verify", "--config", config.toString());

            assertThat(withWindow.code()).as(withWindow.out() + withWindow.err()).isZero();
            assertThat(withWindow.out()).contains("in flight 1");
            assertThat(without.code()).as("without a window the copy's stale row is corrupt: " + without.out()).isEqualTo(1);
            assertThat(without.out()).contains("{id=5}");
        } finally {
            LocalPostgres.execute(source, "UPDATE public.customers SET email = 'c5@example.com', updated_at = now() - interval '1 day' WHERE id = 5");
        }
    }

    @Test
    @Order(4)
    void anUnreachableAttachedSystemExits3NamingItAndItsAddress() throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(config).replaceFirst("address: 127.0.0.1:5432", "address: 127.0.0.1:1"));

        Result verify = run("verify", "--config", broken.toString());

        assertThat(verify.code()).isEqualTo(3);
        assertThat(verify.err()).contains("system 'main'").contains("127.0.0.1:1");
    }

    @Test
    @Order(6)
    void refusesToRunTheDemoLoadAgainstTheAttachedRecord() throws SQLException {
        ReadOnlySnapshot before = ReadOnlySnapshot.of(source);

        Result demo = run("demo", "--headless", "--config", config.toString(), "--duration", "2s");

        assertThat(demo.code()).as(demo.out() + demo.err()).isEqualTo(2);
        assertThat(demo.err()).contains("the demo's load would write into main, an attached system that headwater only reads");
        assertThat(ReadOnlySnapshot.of(source)).isEqualTo(before);
    }

    @Test
    @Order(5)
    void refusesToInjectAFaultIntoTheAttachedCopy() throws SQLException {
        ReadOnlySnapshot before = ReadOnlySnapshot.of(copy);

        Result inject = run("inject", "--config", config.toString(), "--fault", "corrupt", "--dataset", "replica.customers");

        assertThat(inject.code()).as(inject.out() + inject.err()).isEqualTo(2);
        assertThat(inject.err()).contains("replica, an attached system that headwater only reads").contains("--allow-write replica");
        assertThat(ReadOnlySnapshot.of(copy)).isEqualTo(before);
    }
}
