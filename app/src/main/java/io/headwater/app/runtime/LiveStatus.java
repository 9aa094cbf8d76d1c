package io.headwater.app.runtime;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.pipeline.FlowConsumer;
import io.headwater.engine.spi.FlowPosition;
import io.headwater.engine.spi.SystemAdapter;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status of an open pipeline, now: each system as its adapter reports it, except that a derived
 * store Headwater keeps itself is described by its consumer (size, lag and checkpoint from the sink
 * in hand, no second reader opened).
 */
final class LiveStatus {
    private final Pipeline pipeline;
    private final StoreLayout layout;
    private final Map<String, SystemAdapter> adapters;
    private final FlowConsumers consumers;
    private final Map<String, FlowPosition> positions;

    LiveStatus(Pipeline pipeline, StoreLayout layout, Map<String, SystemAdapter> adapters, FlowConsumers consumers,
               Map<String, FlowPosition> positions) {
        this.pipeline = pipeline;
        this.layout = layout;
        this.adapters = adapters;
        this.consumers = consumers;
        this.positions = positions;
    }

    List<SystemStatus> now() {
        List<SystemStatus> out = new ArrayList<>();
        for (SystemSpec s : pipeline.systems()) {
            boolean keptHere = s.role() == Role.DERIVED && s.datasets().stream().anyMatch(d -> consumers.feeding(d.ref()).isPresent());
            out.add(ObservedLag.apply(pipeline, positions, keptHere ? kept(s) : adapters.get(s.id()).status()));
        }
        return out;
    }

    private SystemStatus kept(SystemSpec s) {
        List<DatasetStatus> datasets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Dataset d : s.datasets()) {
            Optional<FlowConsumer> c = consumers.feeding(d.ref());
            if (c.isEmpty()) {
                datasets.add(DatasetStatus.sizeOnly(d.ref(), -1));
                continue;
            }
            FlowConsumer fc = c.get();
            fc.failure().ifPresent(e -> problems.add(fc.flow().id() + ": " + e.getMessage()));
            datasets.add(new DatasetStatus(d.ref(), fc.sink().count(), fc.lag(), fc.sink().checkpoint().encode()));
        }
        return new SystemStatus(s.id(), s.kind(), s.role(), problems.isEmpty(), s.hosted() ? layout.systemDir(s).toString() : s.displayAddress(),
                String.join("; ", problems), datasets);
    }
}
