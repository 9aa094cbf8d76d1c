package io.headwater.connectors.audit;

import io.headwater.connectors.kafka.EmbeddedKafkaBroker;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.PartitionRef;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sampling a topic on the in-process broker: partition 0 holds 1,000 records and partition 1 200.
 * A sample of 100 reads exactly 100 distinct records spread over both partitions and over the
 * whole offset range; a limit above the topic's size reads it whole.
 */
class TopicSampleIT {
    private static final String TOPIC = "bank.customers";
    private static final PartitionRef P0 = new PartitionRef(TOPIC, 0);
    private static final PartitionRef P1 = new PartitionRef(TOPIC, 1);

    @TempDir
    static Path dir;

    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 1200; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i < 1000 ? 0 : 1, "k" + i, "{\"n\":\"" + i + "\"}"));
            }
            producer.flush();
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aSampleReadsTheBoundSpreadOverPartitionsAndOffsets() {
        List<LogPosition> read = new ArrayList<>();
        TopicSample.Result result;
        try (KafkaEventLog log = new KafkaEventLog("kafka", broker.bootstrapServers(), Duration.ofSeconds(10))) {
            result = TopicSample.read(log, TOPIC, 100, r -> read.add(r.position()));
        }
        assertThat(result).isEqualTo(new TopicSample.Result(1200, 100, TopicSample.RUNS, false));
        Set<LogPosition> distinct = new HashSet<>(read);
        assertThat(distinct).as("no record read twice").hasSize(100);
        assertThat(read).anyMatch(p -> p.partition().equals(P0) && p.offset() < 100)
                .anyMatch(p -> p.partition().equals(P0) && p.offset() >= 900)
                .anyMatch(p -> p.partition().equals(P1));
        assertThat(read).allMatch(p -> p.offset() < (p.partition().equals(P0) ? 1000 : 200));
    }

    @Test
    void aTopicWithinTheBoundIsReadWhole() {
        List<LogPosition> read = new ArrayList<>();
        TopicSample.Result result;
        try (KafkaEventLog log = new KafkaEventLog("kafka", broker.bootstrapServers(), Duration.ofSeconds(10))) {
            result = TopicSample.read(log, TOPIC, 5000, r -> read.add(r.position()));
        }
        assertThat(result).isEqualTo(new TopicSample.Result(1200, 1200, 2, true));
        assertThat(new HashSet<>(read)).hasSize(1200);
    }
}
