package io.headwater.tests.attach;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.headwater.connectors.kafka.EmbeddedKafkaBroker;
import io.headwater.tests.foreign.CapturePostgres;
import io.headwater.tests.opensearch.OpenSearchTestNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The user's pipeline that {@code sample-configs/bank-attach.yaml} describes, played by test peers:
 * the record and reporting databases on the machine's PostgreSQL, the finance database on its
 * MariaDB, a cache under a unique key prefix in its Redis, an OpenSearch node and a Kafka broker
 * started here. The test writes what Debezium and the user's sinks would have written, commits each
 * consumer group at the topics' ends, and creates the connector's logical slot. {@link #close}
 * removes all of it. Not thread-safe.
 */
final class BankAttachPipeline implements AutoCloseable {
    static final String REDIS_ADDRESS = "127.0.0.1:6379";
    static final List<String> GROUPS = List.of("bank-search", "bank-cache", "bank-reporting", "bank-finance");
    static final int CUSTOMERS = 40;
    static final int ACCOUNTS = 60;
    static final int TRANSFERS = 90;
    /** The customer deleted in the record: the index keeps their document (deletes: keep), the cache drops it. */
    static final int DELETED_CUSTOMER = CUSTOMERS;

    final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    final String slot = "bank_attach_it_" + suffix;
    final String redisPrefix = "bank-attach-it-" + suffix + ":customer:";
    String recordDb;
    String reportingDb;
    String financeDb;
    EmbeddedKafkaBroker broker;
    OpenSearchTestNode search;
    RedisClient redisClient;
    StatefulRedisConnection<String, String> redis;
    final SearchIndex index = new SearchIndex("customers");

    /** Skips the calling test, one line each, when the machine's PostgreSQL, MariaDB or Redis is absent. */
    static void assumeServers(Path workDir) {
        LocalPostgres.assumeRunning();
        // The connector's slot needs logical decoding: the machine's server is switched to it once, as the foreign pipelines do.
        assumeTrue(CapturePostgres.machineServerDecodes(workDir),
                "the machine's PostgreSQL cannot do logical decoding (wal_level): the bank-attach test is skipped");
        LocalMariaDb.assumeRunning();
        RedisClient client = RedisClient.create("redis://" + REDIS_ADDRESS);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().ping();
        } catch (RedisException e) {
            assumeTrue(false, "no Redis at " + REDIS_ADDRESS + " (" + e.getMessage() + "): the bank-attach test is skipped");
        } finally {
            client.shutdown();
        }
    }

    /** Starts the broker and the search node under {@code dir} and fills every system. */
    void start(Path dir) throws Exception {
        recordDb = LocalPostgres.createDatabase("bank_attach_it");
        reportingDb = LocalPostgres.createDatabase("bank_attach_it_reporting");
        financeDb = LocalMariaDb.createDatabase("bank_attach_it_finance");
        redisClient = RedisClient.create("redis://" + REDIS_ADDRESS);
        redis = redisClient.connect();
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        search = OpenSearchTestNode.start(dir.resolve("opensearch"));
        index.port = search.httpPort();

        BankRecord.create(recordDb, CUSTOMERS, ACCOUNTS, TRANSFERS);
        // The connector's slot, made as Debezium makes it, before the changes it would stream.
        LocalPostgres.execute(recordDb, "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        captureAndSink();
        // The connector confirms what it has written to the topics.
        LocalPostgres.execute(recordDb, "SELECT pg_replication_slot_advance('" + slot + "', pg_current_wal_lsn())");
    }

    /** The environment that points the sample at these peers. */
    Map<String, String> environment(Path dataDir) {
        String[] pg = LocalPostgres.ADDRESS.split(":");
        String[] maria = LocalMariaDb.ADDRESS.split(":");
        String[] redisAt = REDIS_ADDRESS.split(":");
        return Map.ofEntries(Map.entry("HEADWATER_DATA", dataDir.toString()),
                Map.entry("PG_HOST", pg[0]), Map.entry("PG_PORT", pg[1]), Map.entry("PG_USER", LocalPostgres.USER),
                Map.entry("PG_DATABASE", recordDb), Map.entry("REPORTING_DATABASE", reportingDb), Map.entry("CDC_SLOT", slot),
                Map.entry("KAFKA_BOOTSTRAP", broker.bootstrapServers()),
                Map.entry("OPENSEARCH_HOST", "127.0.0.1"), Map.entry("OPENSEARCH_PORT", Integer.toString(search.httpPort())),
                Map.entry("REDIS_HOST", redisAt[0]), Map.entry("REDIS_PORT", redisAt[1]), Map.entry("REDIS_KEY_PREFIX", redisPrefix),
                Map.entry("MYSQL_HOST", maria[0]), Map.entry("MYSQL_PORT", maria[1]), Map.entry("MYSQL_USER", LocalMariaDb.USER),
                Map.entry("MYSQL_DATABASE", financeDb));
    }

    /** Snapshot, a few updates and a delete, captured into the topics and applied by each of the user's sinks. */
    private void captureAndSink() throws Exception {
        DebeziumJsonEvents debezium = new DebeziumJsonEvents("bank", recordDb);
        List<ProducerRecord<String, String>> events = new ArrayList<>();
        Map<String, Object> deleted;
        try (Connection c = LocalPostgres.connect(recordDb)) {
            List<Map<String, Object>> customers = DebeziumJsonEvents.rows(c, "customers", "id");
            customers.forEach(r -> events.add(debezium.read("customers", "id", r)));
            DebeziumJsonEvents.rows(c, "accounts", "id").forEach(r -> events.add(debezium.read("accounts", "id", r)));
            DebeziumJsonEvents.rows(c, "transfers", "request_id").forEach(r -> events.add(debezium.read("transfers", "request_id", r)));

            List<Map<String, Object>> accounts = DebeziumJsonEvents.rows(c, "accounts", "id");
            LocalPostgres.execute(recordDb, "UPDATE customers SET country = 'PT', updated_at = updated_at + interval '1 day' WHERE id IN (2, 3)",
                    "UPDATE accounts SET balance = balance + 25.50, updated_at = updated_at + interval '1 day' WHERE id IN (5, 6, 7)",
                    "DELETE FROM customers WHERE id = " + DELETED_CUSTOMER);
            List<Map<String, Object>> customersAfter = DebeziumJsonEvents.rows(c, "customers", "id");
            List<Map<String, Object>> accountsAfter = DebeziumJsonEvents.rows(c, "accounts", "id");
            for (int id : List.of(2, 3)) {
                events.add(debezium.update("customers", "id", customers.get(id - 1), customersAfter.get(id - 1)));
            }
            for (int id : List.of(5, 6, 7)) {
                events.add(debezium.update("accounts", "id", accounts.get(id - 1), accountsAfter.get(id - 1)));
            }
            deleted = customers.get(DELETED_CUSTOMER - 1);
            events.addAll(debezium.delete("customers", "id", deleted));

            List<Map<String, Object>> indexed = new ArrayList<>(customersAfter);
            indexed.add(deleted);
            index.fill(indexed);
            BankSinks.fillCache(redis.sync(), redisPrefix, customersAfter);
            BankSinks.fillReporting(reportingDb, DebeziumJsonEvents.rows(c, "transfers", "request_id"));
            BankSinks.fillFinance(financeDb, accountsAfter);
        }
        produceAndCommit(debezium, events);
    }

    private void produceAndCommit(DebeziumJsonEvents debezium, List<ProducerRecord<String, String>> events)
            throws InterruptedException, ExecutionException, TimeoutException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            List<String> topics = List.of(debezium.topic("customers"), debezium.topic("accounts"), debezium.topic("transfers"));
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);
            Properties pp = new Properties();
            pp.putAll(p);
            pp.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
                for (ProducerRecord<String, String> e : events) {
                    producer.send(e);
                }
                producer.flush();
            }
            Map<TopicPartition, Long> ends = ends(admin, topics);
            commit(admin, "bank-search", ends, debezium.topic("customers"));
            commit(admin, "bank-cache", ends, debezium.topic("customers"));
            commit(admin, "bank-reporting", ends, debezium.topic("transfers"));
            commit(admin, "bank-finance", ends, debezium.topic("accounts"));
        }
    }

    private static void commit(Admin admin, String group, Map<TopicPartition, Long> ends, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        TopicPartition tp = new TopicPartition(topic, 0);
        admin.alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(ends.get(tp)))).all().get(30, TimeUnit.SECONDS);
    }

    private static Map<TopicPartition, Long> ends(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> ask = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        topics.forEach(t -> ask.put(new TopicPartition(t, 0), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS).forEach((tp, o) -> ends.put(tp, o.offset()));
        return ends;
    }

    /** The broker's topics, their end offsets and every consumer group's committed offsets: what a writer to Kafka would change. */
    List<String> kafkaContents() throws InterruptedException, ExecutionException, TimeoutException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            List<String> contents = new ArrayList<>();
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().sorted().toList();
            ends(admin, topics).forEach((tp, end) -> contents.add("topic " + tp + " ends at " + end));
            List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream().map(ConsumerGroupListing::groupId)
                    .sorted().toList();
            for (String g : groups) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
                offsets.putAll(admin.listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS));
                offsets.forEach((tp, o) -> contents.add("group " + g + " at " + tp + ": " + o.offset()));
            }
            return contents;
        }
    }

    @Override
    public void close() throws Exception {
        if (redis != null) {
            BankSinks.deletePrefix(redis.sync(), redisPrefix);
            redis.close();
        }
        if (redisClient != null) {
            redisClient.shutdown();
        }
        if (search != null) {
            search.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (recordDb != null) {
            try {
                LocalPostgres.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
            } catch (SQLException e) {
                throw new IOException("cannot drop the test's slot " + slot + ": " + e.getMessage(), e);
            }
        }
        LocalPostgres.dropDatabase(recordDb);
        LocalPostgres.dropDatabase(reportingDb);
        LocalMariaDb.dropDatabase(financeDb);
    }
}
