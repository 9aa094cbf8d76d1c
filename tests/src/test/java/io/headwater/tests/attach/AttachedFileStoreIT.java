package io.headwater.tests.attach;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.cli.HeadwaterCommand;
import io.headwater.tests.foreign.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache kept in an MVStore file by a user's service in another JVM, which holds the file open
 * (and MVStore locks it): Headwater, attached to that file read-only, still reports and verifies it
 * against the PostgreSQL table it copies, and the service's file is left as it was.
 */
class AttachedFileStoreIT {
    private static final int ROWS = 400;

    @TempDir
    static Path dir;

    static String database;
    static ChildJvm holder;
    static Path attached;

    @BeforeAll
    static void start() throws Exception {
        LocalPostgres.assumeRunning();
        database = LocalPostgres.createDatabase("hw_mvstore");
        LocalPostgres.execute(database, "CREATE TABLE public.customers (id bigint PRIMARY KEY, email text)",
                "INSERT INTO public.customers SELECT i, 'c' || i || '@example.com' FROM generate_series(1, " + ROWS + ") i");
        Path service = dir.resolve("service");
        Files.createDirectories(service);
        Path serviceConfig = service.resolve("service.yaml");
        Files.writeString(serviceConfig, """
                pipeline: service
                data-dir: %s
                systems:
                  - id: pg
                    kind: postgres
                    role: record
                    embedded: true
                    datasets: [ { id: customers, name: public.customers, key: id, fields: { id: integer, email: string } } ]
                  - id: kafka
                    kind: kafka
                    role: log
                    embedded: true
                    datasets: [ { id: customers, name: shop.customers } ]
                  - id: cache
                    kind: mvstore
                    role: derived
                    embedded: true
                    datasets: [ { id: customers, key: id, fields: { id: integer, email: string } } ]
                flows:
                  - { id: capture, kind: cdc, from: pg.customers, to: kafka.customers }
                  - { id: cache-customers, kind: consume, from: kafka.customers, to: cache.customers }
                """.formatted(service.resolve("data")));
        holder = ChildJvm.launch("mvstore holder", MvStoreHolderMain.class.getName(), List.of(serviceConfig.toString(), Integer.toString(ROWS)),
                "256m", List.of(), dir.resolve("holder.log"));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(service.resolve("holder.ready"))) {
            holder.checkAlive();
            assertThat(System.nanoTime()).as("the holder wrote its cache within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        attached = dir.resolve("attached.yaml");
        Files.writeString(attached, """
                pipeline: cache-check
                data-dir: %s
                systems:
                  - id: pg
                    kind: postgres
                    role: record
                    address: %s
                    database: %s
                    user: postgres
                    datasets: [ { id: customers, name: public.customers, key: id, fields: { id: integer, email: string } } ]
                  - id: cache
                    kind: mvstore
                    role: derived
                    path: %s
                    datasets: [ { id: customers, key: id, fields: { id: integer, email: string } } ]
                flows:
                  - { id: cached, kind: copy, from: pg.customers, to: cache.customers, grace: 1s }
                """.formatted(dir.resolve("data"), LocalPostgres.ADDRESS, database, service.resolve("data").resolve("cache")));
    }

    @AfterAll
    static void stop() throws SQLException {
        if (holder != null) {
            holder.close();
        }
        LocalPostgres.dropDatabase(database);
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HeadwaterCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void reportsAndVerifiesAStoreAnotherProcessHoldsOpenWithoutTouchingIt() throws IOException, SQLException {
        Path file = dir.resolve("service/data/cache/store.mv.db");
        byte[] before = Files.readAllBytes(file);

        Result status = run("status", "--config", attached.toString());
        Result clean = run("verify", "--config", attached.toString());
        LocalPostgres.execute(database, "UPDATE public.customers SET email = 'moved@example.com' WHERE id = 9");
        Result stale = run("verify", "--config", attached.toString());

        assertThat(status.code()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains("cache.customers").contains(Integer.toString(ROWS));
        assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("CLEAN").contains(String.format("compared %,d records", ROWS));
        assertThat(stale.code()).as(stale.out() + stale.err()).isEqualTo(1);
        assertThat(stale.out()).contains("{id=9}").contains("fields [email]");
        assertThat(holder.isAlive()).as("the service still holds its store").isTrue();
        assertThat(Files.readAllBytes(file)).as("the service's file is as it was").isEqualTo(before);
    }
}
