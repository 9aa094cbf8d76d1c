package io.headwater.app.runtime;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.Row;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.replay.AsOf;
import io.headwater.engine.replay.EntityHistory;
import io.headwater.engine.replay.HistoryEntry;
import io.headwater.engine.replay.Materialized;
import io.headwater.engine.replay.TimeTravel;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.ProgressListener;
import java.util.List;
import java.util.Optional;

/**
 * Where the changes of a dataset are read from in the event log, for entity history and time travel
 * (the CLI's {@code history} and {@code rebuild --as-of}, and the workbench): a log dataset (or an
 * event-sourced record) is its own topic; a system-of-record table is read from its change-capture
 * topic; a derived dataset from the topic that feeds it, through the flow into it. Immutable.
 *
 * @param asked the dataset asked about
 * @param log   the dataset whose topic holds the changes
 * @param flow  for a derived dataset, the flow from that topic into it; null otherwise
 */
public record ChangeLogSource(Dataset asked, Dataset log, Flow flow) {

    /** How a dataset's changes are read, if it has a change log. */
    public static Optional<ChangeLogSource> of(Pipeline pipeline, Dataset d) {
        SystemSpec system = pipeline.systemOf(d.ref());
        if (system.kind() == SystemKind.KAFKA) {
            return Optional.of(new ChangeLogSource(d, d, null));
        }
        if (system.role() == Role.RECORD) {
            return pipeline.flowsFrom(d.ref()).stream().filter(f -> f.kind() == FlowKind.CDC).findFirst()
                    .map(f -> new ChangeLogSource(d, pipeline.requireDataset(f.to()), null));
        }
        return pipeline.flowsInto(d.ref()).stream()
                .filter(f -> f.kind() != FlowKind.CDC && pipeline.systemOf(f.from()).kind() == SystemKind.KAFKA)
                .findFirst().map(f -> new ChangeLogSource(d, pipeline.requireDataset(f.from()), f));
    }

    /** Every dataset of the pipeline that has a change log, for messages. */
    public static List<DatasetRef> accepted(Pipeline pipeline) {
        return pipeline.datasets().filter(d -> of(pipeline, d).isPresent()).map(Dataset::ref).toList();
    }

    /** The topic the changes are read from. */
    public String topic() {
        return log.physicalName();
    }

    /**
     * Every change of the record with {@code key} (a key of the dataset asked about), oldest first;
     * empty when the topic does not exist yet.
     */
    public List<HistoryEntry> history(EventLog eventLog, ChangeDecoder decoder, Row key, Cancellation cancellation, ProgressListener progress) {
        if (!eventLog.exists(topic())) {
            return List.of();
        }
        EntityHistory history = new EntityHistory(eventLog, decoder, log);
        return flow == null ? history.history(key.project(log.key()), cancellation, progress)
                : history.history(flow, asked, key, cancellation, progress);
    }

    /** The dataset asked about as of a point of its log: the log's records, mapped through the flow for a derived dataset. */
    public Materialized materialize(EventLog eventLog, ChangeDecoder decoder, AsOf at, Cancellation cancellation, ProgressListener progress) {
        TimeTravel travel = new TimeTravel(eventLog, decoder, log);
        return flow == null ? travel.materialize(at, cancellation, progress) : travel.materialize(at, flow, asked, cancellation, progress);
    }
}
