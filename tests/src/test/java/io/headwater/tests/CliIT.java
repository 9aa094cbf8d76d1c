package io.headwater.tests;

import static io.headwater.tests.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.pipeline.DataDirLock;
import io.headwater.tests.CliRun.Result;
import io.headwater.tests.attach.LocalMariaDb;
import io.headwater.tests.attach.LocalPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: exit codes and messages. */
class CliIT {
    @TempDir
    Path tmp;



    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void lineageOfAFieldShowsEveryDerivedFieldWithItsPath() {
        Result r = run("lineage", "--config", DemoPipelineSupport.demoConfig().toString(), "--field", "pg.customers.email");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("pg.customers.email  [pii:email, retention:7y]")
                .contains("search.customers.email").contains("lower(email)").contains("cache.customers.email");
    }

    @Test
    void lineageGraphListsEverySystemAndFlow() {
        Result r = run("lineage", "--config", DemoPipelineSupport.demoConfig().toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("pg", "kafka", "search", "cache", "analytics", "blobs", "daily-totals", "sum(amount)");
    }

    @Test
    void anUnknownScenarioExitsTwoListingTheScenariosBeforeStartingAnything() {
        Result r = run("demo", "--headless", "--scenario", "corrupt-and-pray", "--data-dir", tmp.resolve("never-created").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--scenario 'corrupt-and-pray' is not a scenario")
                .contains("corrupt-and-verify, crash-and-rebuild, duplicate-delivery, time-travel");
        assertThat(tmp.resolve("never-created")).doesNotExist();
    }

    @Test
    void badConfigExitsTwoNamingFileLineAndKey() throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, """
                pipeline: broken
                systems:
                  - id: pg
                    kind: postgress
                    role: record
                flows: []
                """);

        Result r = run("status", "--config", bad.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml:4:").contains("systems[0].kind").contains("postgress");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unreachablePostgresExitsThreeNamingSystemAndAddress() throws IOException {
        int port = closedPort();
        Path cfg = tmp.resolve("pg-down.yaml");
        Files.writeString(cfg, """
                pipeline: down
                data-dir: %s
                systems:
                  - id: pg
                    kind: postgres
                    role: record
                    address: 127.0.0.1:%d
                    database: shop
                    user: app
                    password: ${PG_SECRET:-s3cr3t-value}
                    datasets:
                      - id: customers
                        key: id
                        fields: { id: integer }
                flows: []
                """.formatted(tmp.resolve("data"), port));

        Result r = run("status", "--config", cfg.toString(), "--timeout", "5s");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("'pg'").contains("127.0.0.1:" + port);
        assertThat(r.out() + r.err()).doesNotContain("s3cr3t-value");
    }

    @Test
    void unreachableBrokerExitsThreeNamingSystemAndAddress() throws IOException {
        int port = closedPort();
        Path cfg = tmp.resolve("kafka-down.yaml");
        Files.writeString(cfg, """
                pipeline: down
                data-dir: %s
                systems:
                  - id: events
                    kind: kafka
                    role: log
                    address: 127.0.0.1:%d
                    datasets:
                      - id: orders
                        key: id
                        fields: { id: integer }
                flows: []
                """.formatted(tmp.resolve("data"), port));

        Result r = run("status", "--config", cfg.toString(), "--timeout", "3s");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("'events'").contains("127.0.0.1:" + port);
    }

    @Test
    void demoRefusesADataDirectoryHeldByAnotherRunAndSaysWhich() {
        Path dir = tmp.resolve("held");
        try (DataDirLock lock = DataDirLock.acquire(dir, "headwater demo (the other one)")) {
            Result r = run("demo", "--headless", "--duration", "1s", "--data-dir", dir.toString());

            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err()).contains("is in use by process " + ProcessHandle.current().pid())
                    .contains("headwater demo (the other one)").contains("--data-dir");
        }
    }

    @Test
    void headlessDemoRunsLoadAndExitsZeroOnceEveryStoreCaughtUp() {
        Result r = run("demo", "--headless", "--duration", "6s", "--rate", "40", "--interval", "2s",
                "--data-dir", tmp.resolve("demo").toString());

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("caught up: every derived store matches its source")
                .contains("search.customers=").contains("latency p50");
        assertThat(r.err()).contains("Starting PostgreSQL").contains("Starting Kafka");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"lucene", "h2", "postgres"})
    void verifyBenchmarkFindsExactlyTheSeededDifferences(String store) {
        Result r = run("bench", "verify", "--rows", "20000", "--diff-rate", "0.01", "--store", store, "--dir", tmp.resolve(store).toString());

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("= seeds").contains("seeded: 66 mismatched, 67 missing, 67 extra")
                .contains("found: missing 67, extra 67, mismatched 66, in flight 0\n");
    }

    @Test
    void verifyBenchmarkAgainstAMariaDbTableFindsExactlyTheSeededDifferences() {
        LocalMariaDb.assumeRunning();
        Result r = run("bench", "verify", "--rows", "20000", "--diff-rate", "0.01", "--store", "mysql", "--dir", tmp.resolve("mysql").toString());

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("= seeds").contains("found: missing 67, extra 67, mismatched 66, in flight 0\n");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"postgres", "mysql"})
    void rebuildBenchmarkIntoATableReadsAndVerifiesItInTheSameRun(String store) {
        if (store.equals("postgres")) {
            LocalPostgres.assumeRunning();
        } else {
            LocalMariaDb.assumeRunning();
        }
        Result r = run("bench", "rebuild", "--events", "3000", "--store", store, "--dir", tmp.resolve("rebuild-" + store).toString());

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("rebuild/consume").contains("plain read").contains("verify heap peak")
                .contains("verified against the record table in PostgreSQL: missing 0, extra 0, mismatched 0, in flight 0\n");
        assertThat(r.out().lines().filter(l -> l.startsWith(store) && l.contains("3,000")).count()).isEqualTo(2);
    }

    @Test
    void injectIntoAStoppedPipelineChangesTheStoreAndSaysWhat() {
        Path dir = tmp.resolve("inject");
        Result demo = run("demo", "--headless", "--duration", "1s", "--rate", "10", "--data-dir", dir.toString());
        assertThat(demo.code()).as(demo.out() + demo.err()).isZero();

        Result r = run("inject", "--data-dir", dir.toString(), "--fault", "corrupt", "--dataset", "search.customers", "--count", "2", "--seed", "4");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("injected 2 corrupt fault(s) into search.customers (the checkpoint is unchanged)");
        assertThat(r.out().lines().filter(l -> l.contains("{id=")).count()).isEqualTo(2);
    }

    @Test
    void injectNamesTheDatasetsItAcceptsWhenGivenAnotherOne() {
        Result r = run("inject", "--data-dir", tmp.resolve("x").toString(), "--fault", "corrupt", "--dataset", "pg.customers");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'pg.customers' is not a derived dataset").contains("search.customers");
    }

    @Test
    void statusOfADemoNotRunningSaysHowToStartIt() {
        Result r = run("status", "--data-dir", tmp.resolve("never").toString());

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("system 'pg'").contains("is not running").contains("./headwater demo --headless");
    }
}
