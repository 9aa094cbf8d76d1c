package io.headwater.connectors.kafka;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.ReadOnlyException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.TopicSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link EventLog} of a Kafka cluster (the embedded broker or any external one).
 *
 * <p>Every operation is bounded by the configured timeout (10 s by default): an unreachable cluster
 * yields a {@link ConnectionException} naming the system and its bootstrap address instead of a
 * hang. The admin client and the producer are created on first use; the producer writes with
 * {@code acks=all} and idempotence.
 *
 * <p>Thread-safe: metadata calls and {@link #produce} may come from any thread; each
 * {@link LogReader} is for one thread.
 */
public final class KafkaEventLog implements EventLog {
    /** The default bound on every call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger CLIENT_SEQ = new AtomicInteger();

    private final String systemId;
    private final String bootstrapServers;
    private final Duration timeout;
    private final String clientPrefix;
    private final Map<String, String> clientProperties;
    private final boolean readOnly;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;

    public KafkaEventLog(String systemId, String bootstrapServers) {
        this(systemId, bootstrapServers, DEFAULT_TIMEOUT);
    }

    /**
     * @param systemId         the pipeline's id of this log system, used in messages
     * @param bootstrapServers {@code host:port[,host:port...]}
     * @param timeout          the bound on each call to the cluster
     */
    public KafkaEventLog(String systemId, String bootstrapServers, Duration timeout) {
        this(systemId, bootstrapServers, timeout, Map.of(), false);
    }

    private KafkaEventLog(String systemId, String bootstrapServers, Duration timeout, Map<String, String> clientProperties, boolean readOnly) {
        this.systemId = Objects.requireNonNull(systemId, "systemId");
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clientPrefix = "headwater-" + systemId + "-" + CLIENT_SEQ.incrementAndGet();
        this.clientProperties = Map.copyOf(clientProperties);
        this.readOnly = readOnly;
    }

    /**
     * The log of a pipeline's Kafka system at {@code bootstrapServers}: its {@code properties} (TLS,
     * SASL) go to every client, and when Headwater may not write into it (attached, not
     * {@code writable}) every produce is refused with a {@link ReadOnlyException}. Reading never
     * joins a consumer group or commits an offset, whatever the system.
     */
    public static KafkaEventLog forSystem(SystemSpec system, String bootstrapServers, Duration timeout) {
        Map<String, String> props = new HashMap<>();
        system.properties().forEach((k, v) -> props.put(k, v.reveal()));
        return new KafkaEventLog(system.id(), bootstrapServers, timeout, props, !system.mayWrite());
    }

    /** Whether producing is refused (an attached log that headwater only reads). */
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public String systemId() {
        return systemId;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The cluster's id; a cheap reachability check. */
    public String clusterId() {
        return await(admin().describeCluster().clusterId(), "describe the cluster");
    }

    @Override
    public boolean exists(String topic) {
        return await(admin().listTopics().names(), "list topics").contains(topic);
    }

    @Override
    public List<PartitionRef> partitions(String topic) {
        TopicDescription d = describe(topic);
        if (d == null) {
            return List.of();
        }
        return d.partitions().stream().map(p -> new PartitionRef(topic, p.partition())).sorted().toList();
    }

    @Override
    public Map<PartitionRef, Long> beginOffsets(String topic) {
        return offsets(topic, OffsetSpec.earliest());
    }

    @Override
    public Map<PartitionRef, Long> endOffsets(String topic) {
        return offsets(topic, OffsetSpec.latest());
    }

    private Map<PartitionRef, Long> offsets(String topic, OffsetSpec spec) {
        List<PartitionRef> parts = partitions(topic);
        if (parts.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        parts.forEach(p -> request.put(new TopicPartition(p.topic(), p.partition()), spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                await(admin().listOffsets(request).all(), "list offsets of " + topic);
        Map<PartitionRef, Long> out = new TreeMap<>();
        result.forEach((tp, info) -> out.put(new PartitionRef(tp.topic(), tp.partition()), info.offset()));
        return out;
    }

    /**
     * The offsets a consumer group has committed, per partition of every topic it committed for: read
     * with the admin client, never by joining the group.
     */
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
            return state.equalsIgnoreCase("dead") ? Optional.empty() : Optional.of(new GroupState(state, d.members().size()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Optional.empty();
            }
            throw wrap("describe consumer group '" + group + "'", e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectionException(systemId, bootstrapServers, "no answer within " + timeout.toSeconds()
                    + " s to describe consumer group '" + group + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while describing consumer group '" + group + "' of system '" + systemId + "'", e);
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

    /**
     * Asks the broker's time index ({@code KafkaConsumer.offsetsForTimes}) with a reader that is
     * assigned the partitions and never joins a consumer group.
     */
    @Override
    public Map<PartitionRef, Long> offsetsForTime(String topic, Instant at) {
        try (KafkaLogReader reader = (KafkaLogReader) openReader(topic, Checkpoint.EMPTY)) {
            return reader.offsetsForTime(at);
        }
    }

    @Override
    public LogReader openReader(String topic, Checkpoint from) {
        return openReader(topic, from, Map.of());
    }

    /**
     * A reader for short reads at many places of a topic ({@link KafkaLogReader#readAlone}): the
     * broker answers each fetch at once rather than waiting for new records, so moving to another
     * place does not wait out a fetch parked at a partition's end.
     */
    public KafkaLogReader openHoppingReader(String topic, Checkpoint from) {
        return openReader(topic, from, Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 0, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100));
    }

    private KafkaLogReader openReader(String topic, Checkpoint from, Map<String, Object> tuning) {
        Map<String, Object> conf = new HashMap<>();
        conf.putAll(clientProperties);
        conf.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        conf.put(ConsumerConfig.CLIENT_ID_CONFIG, clientPrefix + "-reader-" + CLIENT_SEQ.incrementAndGet());
        conf.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        conf.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        conf.putAll(tuning);
        try {
            return new KafkaLogReader(this, topic, from, conf);
        } catch (KafkaException e) {
            throw wrap("open a reader on " + topic, e);
        }
    }

    @Override
    public LogPosition produce(String topic, byte[] key, byte[] value) {
        return produceAll(topic, List.of(new Entry(key, value))).get(0);
    }

    /** One key/value pair to append. Either may be null (a null value is a tombstone). */
    public record Entry(byte[] key, byte[] value) {
    }

    /** A record for {@link #produceBatch}: the topic and the entry. */
    public record TopicEntry(String topic, byte[] key, byte[] value) {
    }

    /** Appends records to one topic in order and waits until all are acknowledged. */
    public List<LogPosition> produceAll(String topic, List<Entry> entries) {
        return produceBatch(entries.stream().map(e -> new TopicEntry(topic, e.key(), e.value())).toList());
    }

    /**
     * Appends records (to any topics) in order, then flushes and waits until every one is
     * acknowledged; the positions come back in the same order.
     */
    public List<LogPosition> produceBatch(List<TopicEntry> entries) {
        KafkaProducer<byte[], byte[]> p = producer();
        List<Future<RecordMetadata>> futures = new ArrayList<>(entries.size());
        try {
            for (TopicEntry e : entries) {
                futures.add(p.send(new ProducerRecord<>(e.topic(), e.key(), e.value())));
            }
            p.flush();
            List<LogPosition> positions = new ArrayList<>(futures.size());
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<RecordMetadata> f : futures) {
                RecordMetadata md = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                positions.add(new LogPosition(new PartitionRef(md.topic(), md.partition()), md.offset()));
            }
            return positions;
        } catch (ExecutionException e) {
            throw wrap("produce to " + describeTopics(entries), e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectionException(systemId, bootstrapServers,
                    "producing to " + describeTopics(entries) + " was not acknowledged within " + timeout.toMillis() + " ms", e);
        } catch (KafkaException e) {
            throw wrap("produce to " + describeTopics(entries), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while producing to " + describeTopics(entries), e);
        }
    }

    private static String describeTopics(List<TopicEntry> entries) {
        return entries.stream().map(TopicEntry::topic).distinct().sorted().limit(3).toList().toString();
    }

    @Override
    public TopicSettings topicSettings(String topic) {
        TopicDescription d = describe(topic);
        if (d == null) {
            throw new StoreException("topic '" + topic + "' does not exist in system '" + systemId + "'");
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<ConfigResource, Config> configs = await(admin().describeConfigs(List.of(resource)).all(), "describe configs of " + topic);
        Config config = configs.get(resource);
        ConfigEntry retention = config.get("retention.ms");
        ConfigEntry cleanup = config.get("cleanup.policy");
        long retentionMs = retention == null || retention.value() == null ? -1 : Long.parseLong(retention.value());
        return new TopicSettings(topic, retentionMs < 0 ? -1 : retentionMs,
                cleanup == null ? "delete" : cleanup.value(), d.partitions().size());
    }

    /** The topic's description, or null when it does not exist. */
    private TopicDescription describe(String topic) {
        KafkaFuture<TopicDescription> f = admin().describeTopics(List.of(topic)).topicNameValues().get(topic);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw wrap("describe topic " + topic, e.getCause());
        } catch (TimeoutException e) {
            throw timedOut("describe topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while describing topic " + topic, e);
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
            Thread.currentThread().interrupt();
            throw new HeadwaterException("interrupted while trying to " + what + " of system '" + systemId + "'", e);
        }
    }

    ConnectionException timedOut(String what, Exception cause) {
        return new ConnectionException(systemId, bootstrapServers,
                "no answer within " + timeout.toMillis() + " ms (trying to " + what + ")", cause);
    }

    /** Wraps a Kafka failure: timeouts and network trouble as connection problems, the rest as store problems. */
    HeadwaterException wrap(String what, Throwable cause) {
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException
                || cause instanceof org.apache.kafka.common.errors.NetworkException
                || cause instanceof org.apache.kafka.common.errors.DisconnectException) {
            return new ConnectionException(systemId, bootstrapServers, "cannot " + what + ": " + cause.getMessage(), cause);
        }
        return new StoreException("system '" + systemId + "' at " + bootstrapServers + ": cannot " + what + ": "
                + (cause == null ? "unknown error" : cause.getMessage()), cause);
    }

    private synchronized Admin admin() {
        ensureOpen();
        if (admin == null) {
            Map<String, Object> conf = new HashMap<>();
            conf.putAll(clientProperties);
            conf.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            conf.put(AdminClientConfig.CLIENT_ID_CONFIG, clientPrefix + "-admin");
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

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        ensureOpen();
        if (readOnly) {
            throw ReadOnlyException.refusing("producing to the log", systemId);
        }
        if (producer == null) {
            int ms = (int) timeout.toMillis();
            Map<String, Object> conf = new HashMap<>();
            conf.putAll(clientProperties);
            conf.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            conf.put(ProducerConfig.CLIENT_ID_CONFIG, clientPrefix + "-producer");
            conf.put(ProducerConfig.ACKS_CONFIG, "all");
            conf.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            conf.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            conf.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
            conf.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
            conf.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ms);
            conf.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
            conf.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            conf.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            try {
                producer = new KafkaProducer<>(conf);
            } catch (KafkaException e) {
                throw wrap("create a producer", e);
            }
        }
        return producer;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the event log of system '" + systemId + "' is closed");
        }
    }

    @Override
    public void close() {
        Admin a;
        KafkaProducer<byte[], byte[]> p;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            a = admin;
            p = producer;
        }
        Duration bound = timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5);
        if (p != null) {
            p.close(bound);
        }
        if (a != null) {
            a.close(bound);
        }
    }

    @Override
    public String toString() {
        return "KafkaEventLog[" + systemId + " at " + bootstrapServers + "]";
    }
}
