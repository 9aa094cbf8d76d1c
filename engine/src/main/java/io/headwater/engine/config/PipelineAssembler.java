package io.headwater.engine.config;

import io.headwater.engine.lineage.LineageGraph;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.FlowRunner;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Links what the sections read into a {@link Pipeline}: resolves flow endpoints, lets log datasets
 * inherit from their cdc sources, checks flows, and looks for cycles. Reports and goes on; the
 * pipeline it returns is only used when no problem was found.
 */
final class PipelineAssembler {
    private final ReadContext context;
    private final List<SystemSection.Draft> systems;
    private final Set<String> brokenSystems;
    private final List<FlowSection.Draft> flows;
    private final Map<DatasetRef, DatasetSection.Draft> drafts = new LinkedHashMap<>();
    private final Map<String, Role> roles = new LinkedHashMap<>();
    private final Map<String, SystemKind> kinds = new LinkedHashMap<>();
    private final Map<String, Boolean> hosted = new LinkedHashMap<>();
    private final Map<String, Boolean> writable = new LinkedHashMap<>();
    private final Map<String, LogFormat> topicFormats = new LinkedHashMap<>();

    PipelineAssembler(ReadContext context, SystemSection systems, List<FlowSection.Draft> flows) {
        this.context = context;
        this.systems = systems.systems();
        this.brokenSystems = systems.broken();
        this.flows = flows;
        for (SystemSection.Draft system : this.systems) {
            roles.put(system.id(), system.role());
            kinds.put(system.id(), system.kind());
            hosted.put(system.id(), system.embedded());
            writable.put(system.id(), system.writable());
            if (system.kind() == SystemKind.KAFKA) {
                topicFormats.put(system.id(), system.format() != null ? system.format()
                        : system.role() == Role.RECORD ? LogFormat.EVENTS : LogFormat.DEBEZIUM);
            }
            system.datasets().forEach(d -> drafts.put(d.ref(), d));
        }
    }

    Pipeline assemble(String name, Path source, Path dataDir) {
        List<FlowSection.Draft> linked = flows.stream().filter(this::endpointsExist).toList();
        Set<DatasetRef> cdcTargets = flows.stream().filter(f -> f.kind() == FlowKind.CDC && f.to() != null)
                .map(FlowSection.Draft::to).collect(Collectors.toSet());
        DatasetResolver resolver = new DatasetResolver(context, drafts, cdcSources(linked), cdcTargets, roles, topicFormats);
        Map<DatasetRef, Dataset> datasets = resolver.resolve();
        FlowChecks checks = new FlowChecks(context, datasets, resolver.brokenFields(), roles, kinds);
        linked.forEach(checks::check);
        RunnerChecks runners = new RunnerChecks(context, kinds, writable);
        linked.forEach(f -> runners.check(f, runs(f)));
        List<FlowSection.Draft> complete = linked.stream().filter(FlowSection.Draft::complete).toList();
        Pipeline pipeline = new Pipeline(name, source, dataDir, systemSpecs(datasets),
                complete.stream().map(this::flow).toList());
        new LineageGraph(pipeline).findCycle().ifPresent(cycle -> reportCycle(cycle, complete));
        return pipeline;
    }

    private boolean endpointsExist(FlowSection.Draft flow) {
        boolean from = exists(flow.from(), flow.fromSource());
        boolean to = exists(flow.to(), flow.toSource());
        return from && to;
    }

    private boolean exists(DatasetRef ref, Scalar source) {
        if (ref == null) {
            return false;
        }
        if (drafts.containsKey(ref)) {
            return true;
        }
        if (!brokenSystems.contains(ref.system())) {
            context.problem(source.line(), source.path(), source.quoted() + " is not a dataset of this pipeline");
        }
        return false;
    }

    private Map<DatasetRef, DatasetRef> cdcSources(List<FlowSection.Draft> linked) {
        Map<DatasetRef, DatasetRef> sources = new LinkedHashMap<>();
        Map<DatasetRef, FlowSection.Draft> writers = new LinkedHashMap<>();
        for (FlowSection.Draft flow : linked) {
            if (flow.kind() != FlowKind.CDC) {
                continue;
            }
            FlowSection.Draft first = writers.putIfAbsent(flow.to(), flow);
            if (first == null) {
                sources.put(flow.to(), flow.from());
            } else {
                Scalar to = flow.toSource();
                context.problem(to.line(), to.path(), to.quoted() + " is already written by the cdc flow at " + first.path());
            }
        }
        return sources;
    }

    private List<SystemSpec> systemSpecs(Map<DatasetRef, Dataset> datasets) {
        return systems.stream().map(s -> new SystemSpec(s.id(), s.kind(), s.role(), s.embedded(), s.writable(), s.connection(), s.properties(),
                s.datasets().stream().map(d -> datasets.get(d.ref())).toList())).toList();
    }

    private Flow flow(FlowSection.Draft draft) {
        List<MappedField> mapping = draft.mapping() == null ? List.of()
                : draft.mapping().stream().map(m -> new MappedField(m.target(), m.expression())).toList();
        return new Flow(draft.id(), draft.kind(), draft.from(), draft.to(), mapping, draft.apply(), runs(draft), draft.observe(), draft.ttl());
    }

    /** As written; otherwise Headwater runs a flow when it hosts both ends, and only observes it when not. */
    private FlowRunner runs(FlowSection.Draft draft) {
        if (draft.runs() != null) {
            return draft.runs();
        }
        return hosted.getOrDefault(draft.from().system(), false) && hosted.getOrDefault(draft.to().system(), false)
                ? FlowRunner.HEADWATER : FlowRunner.EXTERNAL;
    }

    private void reportCycle(List<DatasetRef> cycle, List<FlowSection.Draft> complete) {
        Optional<FlowSection.Draft> first = complete.stream()
                .filter(f -> f.from().equals(cycle.get(0)) && f.to().equals(cycle.get(1))).findFirst();
        String text = cycle.stream().map(DatasetRef::toString).collect(Collectors.joining(" -> "));
        context.problem(first.map(FlowSection.Draft::line).orElse(1), first.map(FlowSection.Draft::path).orElse("flows"),
                "flows form a cycle: " + text);
    }
}
