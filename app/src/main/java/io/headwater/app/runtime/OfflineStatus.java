package io.headwater.app.runtime;

import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.connectors.kafka.KafkaMonitor;
import io.headwater.connectors.postgres.PostgresMonitor;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The status of a pipeline that this process does not run: external systems are asked at their
 * addresses, embedded servers are reported as not running, and embedded file stores are opened
 * to read their size and checkpoint.
 */
public final class OfflineStatus {
    private OfflineStatus() {
    }

    public static List<SystemStatus> of(Pipeline pipeline, Duration timeout) {
        StoreLayout layout = new StoreLayout(pipeline);
        List<SystemStatus> out = new ArrayList<>();
        for (SystemSpec s : pipeline.systems()) {
            out.add(statusOf(pipeline, layout, s, timeout));
        }
        return out;
    }

    private static SystemStatus statusOf(Pipeline pipeline, StoreLayout layout, SystemSpec s, Duration timeout) {
        boolean server = s.kind() == SystemKind.POSTGRES || s.kind() == SystemKind.KAFKA;
        if (server && s.embedded()) {
            return SystemStatus.unreachable(s.id(), s.kind(), s.role(), layout.systemDir(s).toString(),
                    "embedded " + s.kind().configName() + " is not running; start the pipeline with: ./headwater demo --headless --data-dir "
                            + pipeline.dataDir());
        }
        if (s.kind() == SystemKind.POSTGRES) {
            return PostgresMonitor.forSpec(s).status();
        }
        if (s.kind() == SystemKind.KAFKA) {
            try (KafkaEventLog log = new KafkaEventLog(s.id(), s.connection().address(), timeout)) {
                return new KafkaMonitor(s, log).status();
            } catch (HeadwaterException e) {
                return SystemStatus.unreachable(s.id(), s.kind(), s.role(), s.displayAddress(), e.getMessage());
            }
        }
        if (s.role() == Role.DERIVED) {
            return derived(pipeline, layout, s);
        }
        return SystemStatus.unreachable(s.id(), s.kind(), s.role(), s.displayAddress(), "no status for " + s.kind().configName() + " in this version");
    }

    private static SystemStatus derived(Pipeline pipeline, StoreLayout layout, SystemSpec s) {
        if (s.embedded() && !Files.exists(layout.systemDir(s))) {
            List<DatasetStatus> empty = s.datasets().stream().map(d -> DatasetStatus.sizeOnly(d.ref(), 0)).toList();
            return new SystemStatus(s.id(), s.kind(), s.role(), true, layout.systemDir(s).toString(), "empty: the pipeline never ran here", empty);
        }
        List<DatasetStatus> datasets = new ArrayList<>();
        for (Dataset d : s.datasets()) {
            Optional<Flow> feed = pipeline.flowsInto(d.ref()).stream().filter(f -> f.kind() == FlowKind.CONSUME).findFirst();
            if (feed.isEmpty()) {
                datasets.add(DatasetStatus.sizeOnly(d.ref(), -1));
                continue;
            }
            try (DerivedSink sink = DerivedStores.open(layout, s, d, feed.get())) {
                datasets.add(new DatasetStatus(d.ref(), sink.count(), -1, sink.checkpoint().encode()));
            } catch (HeadwaterException e) {
                return SystemStatus.unreachable(s.id(), s.kind(), s.role(), layout.systemDir(s).toString(), e.getMessage());
            }
        }
        return new SystemStatus(s.id(), s.kind(), s.role(), true, s.embedded() ? layout.systemDir(s).toString() : s.displayAddress(), "", datasets);
    }
}
