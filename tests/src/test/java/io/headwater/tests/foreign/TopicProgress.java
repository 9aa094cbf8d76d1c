package io.headwater.tests.foreign;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What the harness reads from the broker to see how far the pipeline got: topic end offsets and a
 * group's committed offsets. Read-only, through an admin client; it never joins a group. Thread-safe.
 */
final class TopicProgress implements AutoCloseable {
    private static final long CALL_TIMEOUT_MS = 15_000;

    private final Admin admin;

    TopicProgress(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "foreign-harness-progress",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT_MS));
    }

    /** End offset per partition of each topic; a topic that does not exist yet has none. */
    Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        Set<String> existing = get(admin.listTopics().names());
        Set<String> present = topics.stream().filter(existing::contains).collect(Collectors.toSet());
        if (present.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = get(admin.describeTopics(present).allTopicNames());
        } catch (ForeignPipelineException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of(); // listed but not yet ready: not there yet
            }
            throw e;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions()
                .forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = get(admin.listOffsets(request).all());
        Map<TopicPartition, Long> ends = new HashMap<>();
        result.forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** The sum of a topic's end offsets: its record count while nothing has been deleted from it. */
    long records(String topic) {
        return endOffsets(Set.of(topic)).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Committed offset per partition of {@code groupId}; partitions it never committed are absent. */
    Map<TopicPartition, Long> committed(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                committed.put(tp, om.offset());
            }
        });
        return committed;
    }

    /** Whether {@code groupId} has committed, on every partition of {@code topic}, exactly the end offset. */
    boolean caughtUp(String groupId, String topic) {
        Map<TopicPartition, Long> ends = endOffsets(Set.of(topic));
        Map<TopicPartition, Long> committed = committed(groupId);
        return !ends.isEmpty() && ends.entrySet().stream()
                .allMatch(e -> e.getValue() == 0 || e.getValue().equals(committed.get(e.getKey())));
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ForeignPipelineException("the broker refused an admin request: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ForeignPipelineException("the broker did not answer an admin request within " + CALL_TIMEOUT_MS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForeignPipelineException("interrupted during an admin request", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
