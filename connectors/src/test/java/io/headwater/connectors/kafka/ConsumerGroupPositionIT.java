package io.headwater.connectors.kafka;

import io.headwater.connectors.positions.FlowPositions;
import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.FlowPosition;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.SystemReach;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumer-group lag on the in-process broker: a user's consumer in group {@code sink} is a live
 * member that committed offsets 10 and 5 of partitions holding 30 and 20 records.
 */
class ConsumerGroupPositionIT {
    private static final String TOPIC = "bank.public.customers";
    private static final String GROUP = "sink";
    private static final PartitionRef P0 = new PartitionRef(TOPIC, 0);
    private static final PartitionRef P1 = new PartitionRef(TOPIC, 1);

    @TempDir
    static Path dir;

    static EmbeddedKafkaBroker broker;
    static Admin admin;
    static KafkaConsumer<String, String> member;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i < 30 ? 0 : 1, "k" + i, "v" + i));
            }
            producer.flush();
        }
        member = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, GROUP, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1"),
                new StringDeserializer(), new StringDeserializer());
        member.subscribe(List.of(TOPIC));
        for (int i = 0; i < 200 && member.assignment().size() < 2; i++) {
            member.poll(Duration.ofMillis(100));
        }
        assertThat(member.assignment()).as("the user's consumer joined and owns both partitions").hasSize(2);
        member.commitSync(Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(10), new TopicPartition(TOPIC, 1), new OffsetAndMetadata(5)));
    }

    @AfterAll
    static void stop() {
        if (member != null) {
            member.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static KafkaEventLog observer() {
        return new KafkaEventLog("kafka", broker.bootstrapServers(), Duration.ofSeconds(10));
    }

    @Test
    void reportsEndMinusCommittedPerPartition() {
        try (ConsumerGroupPosition position = new ConsumerGroupPosition("to-sink", observer(), true, GROUP, TOPIC)) {
            FlowProgress progress = position.read();

            assertThat(progress.known()).isTrue();
            assertThat(progress.unit()).isEqualTo(FlowProgress.LagUnit.RECORDS);
            assertThat(progress.positions()).isEqualTo(Map.of(P0, 10L, P1, 5L));
            assertThat(progress.ends()).isEqualTo(Map.of(P0, 30L, P1, 20L));
            assertThat(progress.lag()).isEqualTo(20 + 15);
            assertThat(progress.recordLag()).isEqualTo(35);
            assertThat(progress.description()).isEqualTo("consumer group sink: 35 records behind on " + TOPIC + ", Stable, 1 member");
            assertThat(progress.covers(Map.of(P0, 10L, P1, 5L))).isTrue();
            assertThat(progress.covers(Map.of(P0, 10L, P1, 6L))).isFalse();
        }
    }

    @Test
    void saysSoWhenTheGroupHasNoCommittedOffsetsOrDoesNotExist() {
        try (ConsumerGroupPosition otherTopic = new ConsumerGroupPosition("f", observer(), true, GROUP, "__consumer_offsets");
             ConsumerGroupPosition noGroup = new ConsumerGroupPosition("f", observer(), true, "nobody", TOPIC);
             ConsumerGroupPosition noTopic = new ConsumerGroupPosition("f", observer(), true, GROUP, "no.such.topic")) {
            assertThat(otherTopic.read().description()).isEqualTo("consumer group 'sink' has no committed offsets for topic __consumer_offsets "
                    + "(Stable, 1 member)");
            assertThat(noGroup.read().description()).isEqualTo("consumer group 'nobody' not found on " + broker.bootstrapServers());
            assertThat(noTopic.read().description()).isEqualTo("topic no.such.topic does not exist on " + broker.bootstrapServers());
            assertThat(noGroup.read().known()).isFalse();
        }
    }

    @Test
    void readingNeitherJoinsCommitsNorCreatesAnything() throws Exception {
        String before = snapshot();

        try (ConsumerGroupPosition position = new ConsumerGroupPosition("to-sink", observer(), true, GROUP, TOPIC);
             ConsumerGroupPosition missing = new ConsumerGroupPosition("other", observer(), true, "nobody", "no.such.topic")) {
            position.read();
            position.read();
            missing.read();
        }

        assertThat(snapshot()).isEqualTo(before);
        assertThat(before).contains("members=1").contains("offsets={" + TOPIC + "-0=10, " + TOPIC + "-1=5}");
    }

    @Test
    void theFactoryObservesAnExternalConsumeFlowThroughItsGroup() {
        Pipeline pipeline = new PipelineLoader().parse("""
                pipeline: bank
                systems:
                  - id: kafka
                    kind: kafka
                    role: log
                    address: %s
                    datasets:
                      - { id: customers, name: %s, key: id, fields: { id: integer } }
                  - id: sink
                    kind: postgres
                    role: derived
                    address: 127.0.0.1:5432
                    database: sink
                    user: reader
                    datasets:
                      - id: customers
                        key: id
                        fields: { id: integer }
                flows:
                  - { id: to-sink, kind: consume, from: kafka.customers, to: sink.customers, consumer-group: sink }
                """.formatted(broker.bootstrapServers(), TOPIC), "bank.yaml", dir);

        Optional<FlowPosition> position = FlowPositions.open(pipeline, pipeline.flow("to-sink").orElseThrow(), SystemReach.DECLARED);

        assertThat(position).isPresent();
        try (FlowPosition p = position.get()) {
            assertThat(p.read().lag()).isEqualTo(35);
        }
    }

    /** Groups, their states and members, and the committed offsets of the group, as text. */
    private static String snapshot() throws Exception {
        Set<String> groups = admin.listConsumerGroups().all().get().stream()
                .map(g -> g.groupId() + ":" + g.groupState().map(Object::toString).orElse("?")).collect(Collectors.toCollection(TreeSet::new));
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP).get();
        String members = d.members().stream().map(m -> m.consumerId() + "/" + m.clientId() + "/" + m.assignment().topicPartitions())
                .sorted().collect(Collectors.joining(","));
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
        String committed = offsets.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().offset()).sorted()
                .collect(Collectors.joining(", ", "{", "}"));
        String topics = new TreeSet<>(admin.listTopics().names().get()).toString();
        return "groups=" + groups + " state=" + d.groupState() + " members=" + d.members().size() + " [" + members + "] offsets=" + committed
                + " topics=" + topics;
    }
}
