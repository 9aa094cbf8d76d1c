package io.headwater.connectors.kafka;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.SystemMonitor;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reports whether a Kafka cluster answers and how many records each dataset's topic holds (the sum
 * over partitions of end minus begin offset: exact for topics that are not compacted, an upper
 * bound for compacted ones). A topic that does not exist yet holds 0 records.
 *
 * <p>Thread-safe: it only makes metadata calls on a thread-safe {@link KafkaEventLog}, which it
 * does not own.
 */
public final class KafkaMonitor implements SystemMonitor {
    private final SystemSpec spec;
    private final KafkaEventLog log;

    public KafkaMonitor(SystemSpec spec, KafkaEventLog log) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public SystemStatus status() {
        String address = log.bootstrapServers();
        try {
            log.clusterId();
        } catch (ConnectionException e) {
            return SystemStatus.unreachable(spec.id(), spec.kind(), spec.role(), address, e.getMessage());
        }
        List<DatasetStatus> datasets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Dataset d : spec.datasets()) {
            try {
                datasets.add(DatasetStatus.sizeOnly(d.ref(), recordCount(d.physicalName())));
            } catch (ConnectionException e) {
                return SystemStatus.unreachable(spec.id(), spec.kind(), spec.role(), address, e.getMessage());
            } catch (HeadwaterException e) {
                problems.add(d.physicalName() + ": " + e.getMessage());
                datasets.add(DatasetStatus.sizeOnly(d.ref(), -1));
            }
        }
        return new SystemStatus(spec.id(), spec.kind(), spec.role(), true, address, String.join("; ", problems), datasets);
    }

    /** Records held by the topic: the sum of end minus begin offsets. */
    public long recordCount(String topic) {
        Map<PartitionRef, Long> begin = log.beginOffsets(topic);
        Map<PartitionRef, Long> end = log.endOffsets(topic);
        long n = 0;
        for (Map.Entry<PartitionRef, Long> e : end.entrySet()) {
            n += Math.max(0, e.getValue() - begin.getOrDefault(e.getKey(), 0L));
        }
        return n;
    }
}
