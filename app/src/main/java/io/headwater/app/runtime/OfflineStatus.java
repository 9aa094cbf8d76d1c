package io.headwater.app.runtime;

import io.headwater.connectors.SystemAdapters;
import io.headwater.connectors.positions.FlowPositions;
import io.headwater.engine.spi.FlowPosition;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.spi.SystemReach;
import java.util.LinkedHashMap;
import java.util.Map;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.SystemAdapter;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The status of a pipeline that this process does not run: each attached system asked through its
 * adapter, read-only; a hosted server reported as not running; a hosted store opened to read its
 * size and checkpoint; the observed lag of each flow that runs outside Headwater.
 */
public final class OfflineStatus {
    private OfflineStatus() {
    }

    /**
     * What {@code status} shows of a pipeline nobody runs.
     *
     * @param systems every system's status
     * @param flows   the observed progress of each flow that runs outside Headwater and says how to observe it
     */
    public record Report(List<SystemStatus> systems, List<FlowProgress> flows) {
    }

    public static Report of(Pipeline pipeline, Duration timeout) {
        StoreLayout layout = new StoreLayout(pipeline);
        Map<String, FlowPosition> positions = new LinkedHashMap<>();
        try {
            for (Flow f : pipeline.flows()) {
                if (f.external()) {
                    FlowPositions.open(pipeline, f, SystemReach.DECLARED).ifPresent(p -> positions.put(f.id(), p));
                }
            }
            List<SystemStatus> out = new ArrayList<>();
            for (SystemSpec s : pipeline.systems()) {
                out.add(ObservedLag.apply(pipeline, positions, statusOf(pipeline, layout, s, timeout)));
            }
            List<FlowProgress> flows = positions.values().stream().map(ObservedLag::read).toList();
            return new Report(out, flows);
        } finally {
            positions.values().forEach(FlowPosition::close);
        }
    }


    private static SystemStatus statusOf(Pipeline pipeline, StoreLayout layout, SystemSpec s, Duration timeout) {
        boolean server = s.kind() == SystemKind.POSTGRES || s.kind() == SystemKind.MYSQL || s.kind() == SystemKind.KAFKA;
        if (server && s.hosted()) {
            return SystemStatus.unreachable(s.id(), s.kind(), s.role(), layout.systemDir(s).toString(),
                    "embedded " + s.kind().configName() + " is not running; start the pipeline with: ./headwater demo --headless --data-dir "
                            + pipeline.dataDir());
        }
        if (s.hosted() && s.role() == Role.DERIVED && Files.exists(layout.systemDir(s))) {
            return hostedStore(pipeline, layout, s);
        }
        SystemAdapters.Place place = new SystemAdapters.Place(layout.systemDir(s), s.connection(), timeout);
        try (SystemAdapter adapter = SystemAdapters.open(s, place)) {
            return adapter.status();
        } catch (HeadwaterException e) {
            return SystemStatus.unreachable(s.id(), s.kind(), s.role(), s.displayAddress(), e.getMessage());
        }
    }

    /** A store Headwater keeps: opened through its sink, which also knows the checkpoint. */
    private static SystemStatus hostedStore(Pipeline pipeline, StoreLayout layout, SystemSpec s) {
        List<DatasetStatus> datasets = new ArrayList<>();
        try (SystemAdapter adapter = SystemAdapters.open(s, layout.place(s))) {
            for (Dataset d : s.datasets()) {
                Optional<Flow> feed = pipeline.flowsInto(d.ref()).stream().filter(f -> f.kind() == FlowKind.CONSUME && !f.external()).findFirst();
                Optional<DerivedSink> sink = feed.flatMap(f -> adapter.sink(d, f));
                if (sink.isEmpty()) {
                    datasets.add(DatasetStatus.sizeOnly(d.ref(), -1));
                    continue;
                }
                try (DerivedSink open = sink.get()) {
                    datasets.add(new DatasetStatus(d.ref(), open.count(), -1, open.checkpoint().encode()));
                }
            }
        } catch (HeadwaterException e) {
            return SystemStatus.unreachable(s.id(), s.kind(), s.role(), layout.systemDir(s).toString(), e.getMessage());
        }
        return new SystemStatus(s.id(), s.kind(), s.role(), true, layout.systemDir(s).toString(), "", datasets);
    }
}
