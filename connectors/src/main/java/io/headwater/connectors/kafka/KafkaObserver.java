package io.headwater.connectors.kafka;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Secret;
import io.headwater.engine.spi.PartitionRef;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Read-only questions to a Kafka cluster through the {@link Admin} client alone: partitions, begin
 * and end offsets, a consumer group's committed offsets and description. It never creates a
 * consumer or a producer, so it cannot join a group, commit an offset, produce, or create a topic
 * (no metadata request of a consumer that could auto-create one).
 *
 * <p>The admin client is created on first use with the system's client properties (TLS, SASL) and
 * bounded by the timeout; an unreachable cluster gives a {@link ConnectionException} naming the
 * system and its bootstrap servers. Thread-safe.
 */
public final class KafkaObserver implements AutoCloseable {
    private static final AtomicInteger CLIENT_SEQ = new AtomicInteger();

    private final String systemId;
    private final String bootstrapServers;
    private final Map<String, Secret> properties;
    private final Duration timeout;
    private Admin admin;
    private boolean closed;

    /**
     * @param systemId         the pipeline's id of the Kafka system, for messages
     * @param bootstrapServers {@code host:port[,host:port...]}
     * @param properties       client properties passed to the admin client as they are
     * @param timeout          the bound on each call
     */
    public KafkaObserver(String systemId, String bootstrapServers, Map<String, Secret> properties, Duration timeout) {
        this.systemId = Objects.requireNonNull(systemId, "systemId");
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.properties = Map.copyOf(properties);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public String systemId() {
        return systemId;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The partitions of a topic, or empty when the topic does not exist. */
    public Optional<List<PartitionRef>> partitions(String topic) {
        try {
            Map<String, TopicDescription> d = admin().describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(d.get(topic).partitions().stream().map(p -> new PartitionRef(topic, p.partition())).sorted().toList());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw wrap("describe topic " + topic, e.getCause());
        } catch (TimeoutException e) {
            throw timedOut("describe topic " + topic, e);
        } catch (InterruptedException e) {
            throw interrupted("describe topic " + topic, e);
        }
    }

    /** The offset after the last record of each partition. */
    public Map<PartitionRef, Long> endOffsets(List<PartitionRef> partitions) {
        return offsets(partitions, OffsetSpec.latest());
    }

    /** The first available offset of each partition. */
    public Map<PartitionRef, Long> beginOffsets(List<PartitionRef> partitions) {
        return offsets(partitions, OffsetSpec.earliest());
    }

    /** The end offsets of every partition of a topic; empty when it does not exist. */
    public Map<PartitionRef, Long> endOffsets(String topic) {
        return partitions(topic).map(this::endOffsets).orElse(Map.of());
    }

    private Map<PartitionRef, Long> offsets(List<PartitionRef> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(new TopicPartition(p.topic(), p.partition()), spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = await(admin().listOffsets(request).all(), "list offsets");
        Map<PartitionRef, Long> out = new TreeMap<>();
        result.forEach((tp, info) -> out.put(new PartitionRef(tp.topic(), tp.partition()), info.offset()));
        return out;
    }

    /** The offsets a consumer group has committed, per partition of every topic it committed for. */
    public Map<PartitionRef, Long> committedOffsets(String group) {
        Map<TopicPartition, OffsetAndMetadata> committed = await(admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                "list the committed offsets of consumer group '" + group + "'");
        Map<PartitionRef, Long> out = new TreeMap<>();
        committed.forEach((tp, o) -> {
            if (o != null) {
                out.put(new PartitionRef(tp.topic(), tp.partition()), o.offset());
            }
        });
        return out;
    }

    /** A consumer group's state and member count, or empty when the cluster does not know the group. */
    public Optional<GroupState> describeGroup(String group) {
        try {
            ConsumerGroupDescription d = admin().describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String state = d.groupState().toString();
            if (state.equalsIgnoreCase("dead")) {
                return Optional.empty();
            }
            return Optional.of(new GroupState(state, d.members().size()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Optional.empty();
            }
            throw wrap("describe consumer group '" + group + "'", e.getCause());
        } catch (TimeoutException e) {
            throw timedOut("describe consumer group '" + group + "'", e);
        } catch (InterruptedException e) {
            throw interrupted("describe consumer group '" + group + "'", e);
        }
    }

    /**
     * A consumer group as the cluster describes it.
     *
     * @param state   Stable, Empty, PreparingRebalance, ...
     * @param members how many consumers are in it now
     */
    public record GroupState(String state, int members) {
        @Override
        public String toString() {
            return state + ", " + members + (members == 1 ? " member" : " members");
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw wrap(what, e.getCause());
        } catch (TimeoutException e) {
            throw timedOut(what, e);
        } catch (InterruptedException e) {
            throw interrupted(what, e);
        }
    }

    private HeadwaterException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new HeadwaterException("interrupted while trying to " + what + " of system '" + systemId + "'", e);
    }

    private ConnectionException timedOut(String what, Exception cause) {
        return new ConnectionException(systemId, bootstrapServers, "no answer within " + timeout.toSeconds() + " s to " + what, cause);
    }

    private HeadwaterException wrap(String what, Throwable cause) {
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException || cause instanceof NetworkException
                || cause instanceof DisconnectException) {
            return new ConnectionException(systemId, bootstrapServers, "cannot " + what + ": " + cause.getMessage(), cause);
        }
        return new StoreException("system '" + systemId + "' at " + bootstrapServers + ": cannot " + what + ": " + cause.getMessage(), cause);
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("the observer of system '" + systemId + "' is closed");
        }
        if (admin == null) {
            Map<String, Object> conf = new HashMap<>();
            properties.forEach((k, v) -> conf.put(k, v.reveal()));
            conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            conf.put(AdminClientConfig.CLIENT_ID_CONFIG, "headwater-observer-" + systemId + "-" + CLIENT_SEQ.incrementAndGet());
            conf.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            conf.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            conf.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
            try {
                admin = Admin.create(conf);
            } catch (KafkaException e) {
                throw wrap("create an admin client", e);
            }
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
