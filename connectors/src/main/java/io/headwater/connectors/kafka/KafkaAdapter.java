package io.headwater.connectors.kafka;

import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.SystemAdapter;
import io.headwater.engine.status.SystemStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * The adapter of a Kafka cluster, as a log or as an event-sourced system of record: topic sizes for
 * status, and the {@link KafkaEventLog} (capability {@code KafkaEventLog} or
 * {@code io.headwater.engine.spi.EventLog}) that every reader of its topics uses. The log reads by
 * assigning partitions, never in a consumer group, and refuses to produce into a system Headwater
 * may not write. Thread-safe; closing it closes the log's clients.
 */
public final class KafkaAdapter implements SystemAdapter {
    private final SystemSpec system;
    private final KafkaEventLog log;
    private final KafkaMonitor monitor;

    public KafkaAdapter(SystemSpec system, String bootstrapServers, Duration timeout) {
        this.system = system;
        this.log = KafkaEventLog.forSystem(system, bootstrapServers, timeout);
        this.monitor = new KafkaMonitor(system, log);
    }

    @Override
    public SystemSpec system() {
        return system;
    }

    @Override
    public SystemStatus status() {
        return monitor.status();
    }

    /** The log of this cluster. */
    public KafkaEventLog log() {
        return log;
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(log) ? Optional.of(type.cast(log)) : Optional.empty();
    }

    @Override
    public void close() {
        log.close();
    }
}
