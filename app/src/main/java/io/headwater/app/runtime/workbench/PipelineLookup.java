package io.headwater.app.runtime.workbench;

import io.headwater.app.runtime.ChangeLogSource;
import io.headwater.app.runtime.FlowVerification;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemKind;
import java.util.List;
import java.util.Objects;

/**
 * Finds the flows, derived datasets and topics the workbench is asked about in its pipeline, and
 * says what it accepts when asked about something else. Immutable, thread-safe.
 */
final class PipelineLookup {
    private final Pipeline pipeline;

    PipelineLookup(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    List<Flow> verifiableFlows() {
        return FlowVerification.verifiableFlows(pipeline);
    }

    Flow verifiableFlow(String flowId) {
        return verifiableFlows().stream().filter(f -> f.id().equals(flowId)).findFirst().orElseThrow(() -> new HeadwaterException(
                "'" + flowId + "' is not a verifiable flow of pipeline " + pipeline.name() + "; flows: " + ids(verifiableFlows())));
    }

    /** The consume flows: those with a consumer keeping a derived store. */
    List<Flow> consumeFlows() {
        return pipeline.flows().stream().filter(f -> f.kind() == FlowKind.CONSUME).toList();
    }

    Flow consumeFlow(String flowId) {
        return consumeFlows().stream().filter(f -> f.id().equals(flowId)).findFirst().orElseThrow(() -> new HeadwaterException(
                "'" + flowId + "' is not a consume flow of pipeline " + pipeline.name() + "; consume flows: " + ids(consumeFlows())));
    }

    /** Every target of a consume flow. */
    List<DatasetRef> derivedDatasets() {
        return consumeFlows().stream().map(Flow::to).distinct().toList();
    }

    /** The consume flow feeding a derived dataset. */
    Flow feedOf(DatasetRef dataset) {
        Objects.requireNonNull(dataset, "dataset");
        return consumeFlows().stream().filter(f -> f.to().equals(dataset)).findFirst().orElseThrow(() -> new HeadwaterException(
                dataset + " is not a derived dataset of pipeline " + pipeline.name() + " (no consume flow feeds it); derived datasets: "
                        + derivedDatasets()));
    }

    /** The datasets of the Kafka systems: the topics of the logs and of event-sourced records. */
    List<DatasetRef> topics() {
        return pipeline.systems().stream().filter(s -> s.kind() == SystemKind.KAFKA).flatMap(s -> s.datasets().stream()).map(Dataset::ref)
                .toList();
    }

    Dataset topic(DatasetRef ref) {
        Objects.requireNonNull(ref, "topic");
        if (!topics().contains(ref)) {
            throw new HeadwaterException(ref + " is not a topic of pipeline " + pipeline.name() + "; topics: " + topics());
        }
        return pipeline.requireDataset(ref);
    }

    /** How the changes of a dataset are read from the log. */
    ChangeLogSource changeLog(DatasetRef ref) {
        Objects.requireNonNull(ref, "dataset");
        return pipeline.dataset(ref).flatMap(d -> ChangeLogSource.of(pipeline, d)).orElseThrow(() -> new HeadwaterException(
                ref + " has no change log in pipeline " + pipeline.name() + "; datasets with one: " + ChangeLogSource.accepted(pipeline)));
    }

    private static List<String> ids(List<Flow> flows) {
        return flows.stream().map(Flow::id).toList();
    }
}
