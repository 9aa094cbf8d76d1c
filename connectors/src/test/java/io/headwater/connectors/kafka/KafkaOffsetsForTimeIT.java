package io.headwater.connectors.kafka;

import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsing from an instant on the in-process broker: partition 0 holds 40 records stamped one
 * minute apart, partition 1 ten; the broker's time index says where to start, and a reader started
 * there reads no record stamped before the instant, without a consumer group.
 */
class KafkaOffsetsForTimeIT {
    private static final String TOPIC = "shop.orders";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final PartitionRef P0 = new PartitionRef(TOPIC, 0);
    private static final PartitionRef P1 = new PartitionRef(TOPIC, 1);

    @TempDir
    static Path dir;

    static EmbeddedKafkaBroker broker;
    static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 40; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, T0.plusSeconds(60L * i).toEpochMilli(), "k" + i, "minute " + i));
            }
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 1, T0.plusSeconds(60L * i).toEpochMilli(), "k" + i, "minute " + i));
            }
            producer.flush();
        }
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static KafkaEventLog log() {
        return new KafkaEventLog("kafka", broker.bootstrapServers(), Duration.ofSeconds(10));
    }

    @Test
    void startsAtTheFirstRecordStampedAtOrAfterTheInstantAndReadsNothingEarlier() throws Exception {
        Instant at = T0.plusSeconds(60L * 25);
        try (KafkaEventLog log = log()) {
            Map<PartitionRef, Long> start = log.offsetsForTime(TOPIC, at);
            assertThat(start).containsEntry(P0, 25L).as("partition 1 holds nothing that late: its end").containsEntry(P1, 10L);

            List<LogRecord> read = new ArrayList<>();
            try (LogReader reader = log.openReader(TOPIC, new Checkpoint(start))) {
                for (int i = 0; i < 100 && read.size() < 15; i++) {
                    read.addAll(reader.poll(Duration.ofMillis(200)));
                }
            }
            assertThat(read).hasSize(15);
            assertThat(read).allSatisfy(r -> {
                assertThat(r.position().partition()).isEqualTo(P0);
                assertThat(r.position().offset()).isGreaterThanOrEqualTo(25L);
                assertThat(r.timestamp()).isAfterOrEqualTo(at);
            });
            assertThat(new String(read.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("minute 25");
        }
        assertThat(admin.listConsumerGroups().all().get()).as("the lookup joined no consumer group").isEmpty();
    }

    @Test
    void anInstantBetweenRecordsStartsAtTheNextAndOneBeforeAllAtTheStart() {
        try (KafkaEventLog log = log()) {
            assertThat(log.offsetsForTime(TOPIC, T0.plusSeconds(60L * 7 + 1))).containsEntry(P0, 8L).containsEntry(P1, 8L);
            assertThat(log.offsetsForTime(TOPIC, T0.minusSeconds(3600))).containsEntry(P0, 0L).containsEntry(P1, 0L);
            assertThat(log.offsetsForTime("no.such.topic", T0)).isEmpty();
        }
    }
}
