package io.headwater.tests.attach;

import static io.headwater.tests.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.tests.CliRun.Result;
import io.headwater.tests.foreign.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache kept in an MVStore file and documents kept in a blob store by a user's service in another
 * JVM, which holds both open (and MVStore locks their files): Headwater, attached to them read-only,
 * still reports and verifies them against the PostgreSQL tables they copy, and the service's files
 * are left as they were.
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
                "INSERT INTO public.customers SELECT i, 'c' || i || '@example.com' FROM generate_series(1, " + ROWS + ") i",
                "CREATE TABLE public.documents (id bigint PRIMARY KEY, sha256 text, size bigint, content bytea)",
                "INSERT INTO public.documents SELECT i, encode(sha256(convert_to('document ' || i, 'UTF8')), 'hex'), "
                        + "length(convert_to('document ' || i, 'UTF8')), convert_to('document ' || i, 'UTF8') FROM generate_series(1, " + ROWS / 10 + ") i");
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
                    datasets:
                      - { id: customers, name: public.customers, key: id, fields: { id: integer, email: string } }
                      - { id: documents, name: public.documents, key: id, fields: { id: integer, sha256: string, size: integer, content: bytes } }
                  - id: kafka
                    kind: kafka
                    role: log
                    embedded: true
                    datasets: [ { id: customers, name: shop.customers }, { id: documents, name: shop.documents } ]
                  - id: cache
                    kind: mvstore
                    role: derived
                    embedded: true
                    datasets: [ { id: customers, key: id, fields: { id: integer, email: string } } ]
                  - id: blobs
                    kind: blobstore
                    role: derived
                    embedded: true
                    datasets: [ { id: documents, key: id, fields: { id: integer, sha256: string, size: integer, content: bytes } } ]
                flows:
                  - { id: capture, kind: cdc, from: pg.customers, to: kafka.customers }
                  - { id: capture-documents, kind: cdc, from: pg.documents, to: kafka.documents }
                  - { id: cache-customers, kind: consume, from: kafka.customers, to: cache.customers }
                  - { id: store-documents, kind: consume, from: kafka.documents, to: blobs.documents }
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
                    datasets:
                      - { id: customers, name: public.customers, key: id, fields: { id: integer, email: string } }
                      - { id: documents, name: public.documents, key: id, fields: { id: integer, sha256: string, size: integer, content: bytes } }
                  - id: cache
                    kind: mvstore
                    role: derived
                    path: %s
                    datasets: [ { id: customers, key: id, fields: { id: integer, email: string } } ]
                  - id: blobs
                    kind: blobstore
                    role: derived
                    path: %s
                    datasets: [ { id: documents, key: id, fields: { id: integer, sha256: string, size: integer, content: bytes } } ]
                flows:
                  - { id: cached, kind: copy, from: pg.customers, to: cache.customers, grace: 1s }
                  - { id: archived, kind: copy, from: pg.documents, to: blobs.documents, grace: 1s }
                """.formatted(dir.resolve("data"), LocalPostgres.ADDRESS, database, service.resolve("data").resolve("cache"),
                service.resolve("data").resolve("blobs")));
    }

    @AfterAll
    static void stop() throws SQLException {
        if (holder != null) {
            holder.close();
        }
        LocalPostgres.dropDatabase(database);
    }



    @Test
    void reportsAndVerifiesAStoreAnotherProcessHoldsOpenWithoutTouchingIt() throws IOException, SQLException {
        Path file = dir.resolve("service/data/cache/store.mv.db");
        byte[] before = Files.readAllBytes(file);
        Map<Path, String> blobsBefore = contents(dir.resolve("service/data/blobs"));

        Result status = run("status", "--config", attached.toString());
        Result clean = run("verify", "--config", attached.toString());
        LocalPostgres.execute(database, "UPDATE public.customers SET email = 'moved@example.com' WHERE id = 9");
        Result stale = run("verify", "--config", attached.toString());

        assertThat(status.code()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains("cache.customers").contains(Integer.toString(ROWS)).contains("blobs.documents");
        assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("cached").contains("archived").doesNotContain("CORRUPT")
                .contains(String.format("compared %,d records", ROWS)).contains(String.format("compared %,d records", ROWS / 10));
        assertThat(stale.code()).as(stale.out() + stale.err()).isEqualTo(1);
        assertThat(stale.out()).contains("{id=9}").contains("fields [email]");
        assertThat(stale.out()).as("the blob store still verifies clean").containsPattern("archived .* CLEAN");
        assertThat(holder.isAlive()).as("the service still holds its store").isTrue();
        assertThat(Files.readAllBytes(file)).as("the service's file is as it was").isEqualTo(before);
        assertThat(contents(dir.resolve("service/data/blobs"))).as("the service's blob store is as it was").isEqualTo(blobsBefore);
    }

    /** Every file under {@code root} with a hash of its bytes. */
    private static Map<Path, String> contents(Path root) throws IOException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(f), Integer.toHexString(Arrays.hashCode(Files.readAllBytes(f))));
            }
        }
        return out;
    }
}
