package io.headwater.tests.attach;

import static io.headwater.tests.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.tests.CliRun.Result;
import io.headwater.tests.foreign.ForeignPipeline;
import io.headwater.tests.foreign.ForeignPipelineOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's pipeline that Headwater did not set up and does not run — PostgreSQL, a Kafka broker and
 * a Kafka Connect worker with Debezium in their own processes, and the user's sink keeping a table
 * in another database ({@link ForeignPipeline}) — described as a config of attached systems and
 * external flows. Headwater reports it, verifies it under load without false alarms, finds damage
 * behind its back, and changes nothing in it: no slot, publication, topic, consumer group, offset or
 * row.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForeignPipelineAttachIT {
    private static final int ROUNDS = 10;

    @TempDir
    static Path dir;

    static ForeignPipeline foreign;
    static Path config;

    @BeforeAll
    static void start() throws IOException {
        LocalPostgres.assumeRunning();
        foreign = ForeignPipeline.start(ForeignPipelineOptions.defaults().withRows(500, 800));
        config = dir.resolve("bank.yaml");
        String customerFields = "{ id: integer, name: { type: string, tags: [pii:name] }, email: { type: string, tags: [pii:email] }, "
                + "country: string, updated_at: timestamp, balance: decimal }";
        Files.writeString(config, """
                pipeline: bank
                data-dir: %s
                systems:
                  - id: pg
                    kind: postgres
                    role: record
                    address: %s:%d
                    database: %s
                    user: %s
                    datasets:
                      - { id: customers, name: public.customers, key: id, timestamp: updated_at, fields: %s }
                      - id: accounts
                        name: public.accounts
                        key: id
                        timestamp: updated_at
                        fields: { id: integer, customer_id: integer, iban: string, kind: string, updated_at: timestamp, balance: decimal }
                  - id: kafka
                    kind: kafka
                    role: log
                    address: %s
                    datasets:
                      - { id: customers, name: %s }
                      - { id: accounts, name: %s }
                  - id: sink
                    kind: postgres
                    role: derived
                    address: %s:%d
                    database: %s
                    user: %s
                    datasets:
                      - { id: customers, name: public.customers, key: id, fields: %s }
                flows:
                  - { id: capture-customers, kind: cdc, from: pg.customers, to: kafka.customers, connector: %s, slot: %s }
                  - { id: capture-accounts, kind: cdc, from: pg.accounts, to: kafka.accounts, connector: %s, slot: %s }
                  - { id: sink-customers, kind: consume, from: kafka.customers, to: sink.customers, consumer-group: %s }
                """.formatted(dir.resolve("data"), foreign.postgresHost(), foreign.postgresPort(), foreign.sourceDatabase(), foreign.sourceUser(),
                customerFields, foreign.bootstrapServers(), foreign.topic("customers"), foreign.topic("accounts"),
                foreign.postgresHost(), foreign.postgresPort(), foreign.sinkDatabase(), foreign.postgresUser(), customerFields,
                foreign.connectorName(), foreign.slotName(), foreign.connectorName(), foreign.slotName(), foreign.sinkGroupId()));
    }

    @AfterAll
    static void stop() {
        if (foreign != null) {
            foreign.close();
        }
    }



    /** What the foreign pipeline shows of writes: slots, publications, table counters, topics, their end offsets, consumer groups. */
    record Snapshot(ReadOnlySnapshot source, ReadOnlySnapshot sink, List<String> topics, Map<String, Long> userTopicEnds, List<String> groups) {
    }

    private static Snapshot snapshot() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, foreign.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            // The harness's own catch-up marker topic is created by the user's connector whenever it gets there: not ours.
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> !t.equals(foreign.messageTopic())).sorted().toList();
            Map<TopicPartition, OffsetSpec> ask = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
            for (var d : admin.describeTopics(List.of(foreign.topic("customers"), foreign.topic("accounts"))).allTopicNames()
                    .get(30, TimeUnit.SECONDS).values()) {
                d.partitions().forEach(pi -> ask.put(new TopicPartition(d.name(), pi.partition()), OffsetSpec.latest()));
            }
            Map<String, Long> ends = new TreeMap<>();
            admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS).forEach((tp, o) -> ends.put(tp.toString(), o.offset()));
            List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream().map(ConsumerGroupListing::groupId)
                    .sorted().toList();
            return new Snapshot(ReadOnlySnapshot.of(foreign.sourceDatabase()), ReadOnlySnapshot.of(foreign.sinkDatabase()), topics, ends, groups);
        }
    }

    @Test
    @Order(1)
    void readOnlyCommandsChangeNothingInTheUsersPipeline() throws Exception {
        foreign.pauseLoad();
        foreign.awaitSinkCaughtUp(Duration.ofSeconds(60));
        Snapshot before = snapshot();

        List<Result> results = new ArrayList<>();
        results.add(run("status", "--config", config.toString()));
        results.add(run("lineage", "--config", config.toString()));
        results.add(run("verify", "--config", config.toString()));
        results.add(run("history", "--config", config.toString(), "--dataset", "sink.customers", "--key", "7"));
        results.add(run("rebuild", "--config", config.toString(), "--dataset", "sink.customers", "--as-of", Instant.now().toString()));
        results.add(run("audit", "run", "--config", config.toString(), "--checklist", "privacy", "--report", dir.resolve("audit.json").toString()));

        for (Result r : results) {
            assertThat(r.code()).as(r.all()).isIn(0, 1);
        }
        assertThat(results.get(0).out()).contains("pg").contains("(attached)").contains("sink-customers").contains("capture-customers");
        assertThat(results.get(2).code()).as(results.get(2).all()).isZero();
        assertThat(results.get(3).out()).contains("7");
        assertThat(results.get(5).all()).doesNotContain("not reachable");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    @Order(2)
    void verifiesTheLivePipelineUnderLoadWithoutFalseAlarms() {
        foreign.startLoad(20);
        List<String> rounds = new ArrayList<>();
        for (int i = 1; i <= ROUNDS; i++) {
            long t0 = System.nanoTime();
            Result r = run("verify", "--config", config.toString());
            rounds.add(String.format("round %d: exit %d in %.1f s", i, r.code(), (System.nanoTime() - t0) / 1e9));
            assertThat(r.code()).as("round " + i + ":\n" + r.all()).isZero();
            assertThat(r.out()).doesNotContain("CORRUPT");
        }
        System.err.println("attached live pipeline, " + ROUNDS + " verification rounds under 20 ops/s: " + String.join("; ", rounds));
    }

    @Test
    @Order(3)
    void findsARowDamagedInTheUsersSinkByKeyAndField() throws SQLException {
        foreign.pauseLoad();
        foreign.awaitSinkCaughtUp(Duration.ofSeconds(60));
        long victim;
        try (Connection c = foreign.openSink(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT min(id) FROM customers")) {
            rs.next();
            victim = rs.getLong(1);
            assertThat(st.executeUpdate("UPDATE customers SET email = 'tampered@example.com' WHERE id = " + victim)).isEqualTo(1);
        }

        Result r = run("verify", "--config", config.toString(), "--flow", "sink-customers");

        assertThat(r.code()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("CORRUPT").contains("mismatched 1").contains("{id=" + victim + "}").contains("fields [email]")
                .contains("derived 'tampered@example.com'");
    }

    @Test
    @Order(4)
    void refusesToSwapARebuildIntoTheUsersSink() {
        Result r = run("rebuild", "--config", config.toString(), "--dataset", "sink.customers");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("sink, an attached system that headwater only reads");
    }
}
