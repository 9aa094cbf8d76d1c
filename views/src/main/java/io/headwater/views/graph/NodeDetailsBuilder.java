package io.headwater.views.graph;

import io.headwater.engine.discover.ConnectorState;
import io.headwater.engine.history.VerificationRun;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import io.headwater.views.common.FlowState;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Builds the details of a node from the model, the last status poll and the verification history. */
final class NodeDetailsBuilder {
    static final String KIND = "Kind";
    static final String ADDRESS = "Address";
    static final String SIZE = "Size";
    static final String LAG = "Checkpoint lag";
    static final String CHECKPOINT = "Checkpoint";
    static final String STATE = "State";
    static final String LAST_VERIFICATION = "Last verification";
    static final String CONNECTOR = "Connector";
    static final String CONNECTOR_ERROR = "Connector error";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PipelineGraphModel model;

    NodeDetailsBuilder(PipelineGraphModel model) {
        this.model = model;
    }

    NodeDetails build(String nodeId) {
        String name = NodeIds.nameOf(nodeId);
        return switch (NodeIds.kindOf(nodeId)) {
            case SYSTEM -> model.pipeline().system(name).map(s -> system(nodeId, s)).orElse(NodeDetails.NONE);
            case DATASET -> model.pipeline().dataset(DatasetRef.parse(name)).map(d -> dataset(nodeId, d)).orElse(NodeDetails.NONE);
            case FIELD -> field(nodeId, FieldRef.parse(name));
        };
    }

    private NodeDetails system(String nodeId, SystemSpec s) {
        SystemStatus st = model.systemStatus(s.id());
        List<NodeDetails.Line> lines = new ArrayList<>();
        lines.add(new NodeDetails.Line(KIND, s.kind().configName() + " — " + roleText(s.role()) + (s.hosted() ? ", hosted by headwater"
                : s.mayWrite() ? ", attached (writable: headwater may write into it)" : ", attached (read-only: headwater only observes it)")));
        lines.add(new NodeDetails.Line(ADDRESS, st != null && st.address() != null && !st.address().isBlank() ? st.address() : s.displayAddress()));
        lines.add(new NodeDetails.Line("Connection", st == null ? "not asked yet" : st.reachable() ? "up" : "down: " + st.message()));
        long total = st == null ? -1 : st.datasets().stream().mapToLong(DatasetStatus::size).filter(n -> n >= 0).sum();
        lines.add(new NodeDetails.Line(SIZE, total < 0 ? "unknown" : String.format("%,d records in %d datasets", total, s.datasets().size())));
        long lag = st == null ? -1 : st.datasets().stream().mapToLong(DatasetStatus::lag).max().orElse(-1);
        lines.add(new NodeDetails.Line(LAG, lagText(lag)));
        lines.add(new NodeDetails.Line(STATE, stateText(PipelineGraphModel.combine(s.datasets().stream()
                .filter(d -> !model.pipeline().flowsInto(d.ref()).isEmpty()).map(d -> model.datasetState(d.ref())).toList()))));
        return new NodeDetails(nodeId, s.id(), lines, Optional.of(s.kind()));
    }

    private NodeDetails dataset(String nodeId, Dataset d) {
        SystemSpec s = model.pipeline().systemOf(d.ref());
        DatasetStatus st = model.datasetStatus(d.ref());
        List<NodeDetails.Line> lines = new ArrayList<>();
        lines.add(new NodeDetails.Line(KIND, "dataset of " + s.kind().configName() + " (" + roleText(s.role()) + ")"));
        lines.add(new NodeDetails.Line(ADDRESS, s.displayAddress() + " — " + d.redisKeyspace()
                .map(k -> "keys " + k.keyPrefix() + "* (" + k.layout().configName() + ")").orElse(d.physicalName())));
        lines.add(new NodeDetails.Line("Key", String.join(", ", d.key())));
        lines.add(new NodeDetails.Line(SIZE, st == null || st.size() < 0 ? "unknown" : String.format("%,d records", st.size())));
        lines.add(new NodeDetails.Line(LAG, lagText(st == null ? -1 : st.lag())));
        lines.add(new NodeDetails.Line(CHECKPOINT, st == null || st.checkpoint().isEmpty() ? "—" : st.checkpoint()));
        lines.add(new NodeDetails.Line("Flows in", flowList(model.pipeline().flowsInto(d.ref()))));
        lines.add(new NodeDetails.Line("Flows out", flowList(model.pipeline().flowsFrom(d.ref()))));
        connectorLines(model.pipeline().flowsInto(d.ref()), lines);
        lines.add(new NodeDetails.Line(STATE, model.pipeline().flowsInto(d.ref()).isEmpty() ? "source (nothing flows into it)"
                : stateText(model.datasetState(d.ref()))));
        lines.add(new NodeDetails.Line(LAST_VERIFICATION, "—"));
        return new NodeDetails(nodeId, d.ref().toString(), lines, Optional.of(s.kind()));
    }

    /**
     * The state and tasks of each connector running a flow into the dataset, and the trace of whatever
     * failed; nothing for flows no connector is named for or whose state was not reported.
     */
    private void connectorLines(List<Flow> into, List<NodeDetails.Line> lines) {
        into.stream().map(f -> f.observe().connector()).filter(c -> c != null).distinct().forEach(name -> {
            ConnectorState s = model.connectorState(name);
            if (s.state().equals("UNKNOWN") && s.trace().isEmpty()) {
                return;
            }
            lines.add(new NodeDetails.Line(CONNECTOR, name + ": " + s.summary()));
            if (!s.trace().isEmpty()) {
                lines.add(new NodeDetails.Line(CONNECTOR_ERROR, s.trace().strip()));
            }
            for (ConnectorState.TaskState t : s.tasks()) {
                if (!t.trace().isEmpty()) {
                    lines.add(new NodeDetails.Line(CONNECTOR_ERROR, "task " + t.id() + " (" + t.workerId() + "): " + t.trace().strip()));
                }
            }
        });
    }

    private NodeDetails field(String nodeId, FieldRef ref) {
        Optional<Field> f = model.pipeline().dataset(ref.dataset()).flatMap(d -> d.field(ref.field()));
        List<NodeDetails.Line> lines = new ArrayList<>();
        lines.add(new NodeDetails.Line(KIND, "field, " + f.map(x -> x.type().toString().toLowerCase(Locale.ROOT)).orElse("?")));
        lines.add(new NodeDetails.Line("PII", f.map(x -> x.piiCategories().isEmpty() ? "none" : String.join(", ", x.piiCategories())).orElse("")));
        lines.add(new NodeDetails.Line("Retention", f.flatMap(Field::retention).map(t -> t.value()).orElse("not declared")));
        lines.add(new NodeDetails.Line(STATE, stateText(model.datasetState(ref.dataset()))));
        return new NodeDetails(nodeId, ref.toString(), lines, model.pipeline().system(ref.dataset().system()).map(SystemSpec::kind));
    }

    /** The flows whose last run the details should name: those into the node's dataset(s). */
    List<String> verifiedFlowsOf(String nodeId) {
        String name = NodeIds.nameOf(nodeId);
        List<DatasetRef> refs = switch (NodeIds.kindOf(nodeId)) {
            case SYSTEM -> model.pipeline().system(name).map(s -> s.datasets().stream().map(Dataset::ref).toList()).orElse(List.of());
            case DATASET -> List.of(DatasetRef.parse(name));
            case FIELD -> List.of(FieldRef.parse(name).dataset());
        };
        return refs.stream().flatMap(r -> model.pipeline().flowsInto(r).stream()).map(Flow::id).toList();
    }

    static String lastRunText(VerificationRun run) {
        String verdict = run.clean() ? "clean" : String.format("%,d missing, %,d extra, %,d mismatched", run.missing(), run.extra(), run.mismatched());
        return TIME.format(run.started()) + " — " + run.flow() + ": " + verdict + String.format(" (%,d compared)", run.compared());
    }

    private static String flowList(List<Flow> flows) {
        return flows.isEmpty() ? "—" : flows.stream().map(f -> f.id() + " (" + f.kind().configName() + ")").collect(Collectors.joining(", "));
    }

    private static String lagText(long lag) {
        return lag < 0 ? "not applicable" : lag == 0 ? "caught up" : String.format("%,d records behind", lag);
    }

    /** A role as the user names it; a derived PostgreSQL or MySQL table reads "derived store", never "record". */
    static String roleText(Role role) {
        return switch (role) {
            case RECORD -> "system of record";
            case LOG -> "log";
            case DERIVED -> "derived store";
        };
    }

    static String stateText(FlowState s) {
        return switch (s) {
            case VERIFIED -> "verified";
            case IN_FLIGHT -> "in flight";
            case CORRUPT -> "corrupt";
            case UNKNOWN -> "not verified yet";
        };
    }
}
