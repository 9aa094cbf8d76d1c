package io.headwater.app.runtime;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.FlowPosition;
import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Adds the observed progress of flows that run outside Headwater to a system's status. */
final class ObservedLag {
    private ObservedLag() {
    }

    /**
     * A dataset that a flow running outside Headwater writes shows that flow's observed lag: records
     * behind for a consumer group or position table, and the slot's description (WAL behind) for change capture.
     */
    static SystemStatus apply(Pipeline pipeline, Map<String, FlowPosition> positions, SystemStatus status) {
        if (!status.reachable()) {
            return status;
        }
        List<DatasetStatus> datasets = new ArrayList<>();
        for (DatasetStatus d : status.datasets()) {
            Optional<FlowPosition> position = pipeline.flowsInto(d.ref()).stream().filter(Flow::external)
                    .map(f -> positions.get(f.id())).filter(Objects::nonNull).findFirst();
            datasets.add(position.map(p -> observed(p, d)).orElse(d));
        }
        return new SystemStatus(status.systemId(), status.kind(), status.role(), status.reachable(), status.address(), status.message(), datasets);
    }

    private static DatasetStatus observed(FlowPosition position, DatasetStatus d) {
        return read(position).toDatasetStatus(d.ref(), d.size());
    }

    /** The position now, or an unknown one saying why it could not be read. */
    static FlowProgress read(FlowPosition position) {
        try {
            return position.read();
        } catch (HeadwaterException e) {
            return FlowProgress.unknown(position.flowId(), FlowProgress.LagUnit.RECORDS, "cannot read the position: " + e.getMessage());
        }
    }

}
