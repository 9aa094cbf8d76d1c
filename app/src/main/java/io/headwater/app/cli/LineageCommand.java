package io.headwater.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.app.openlineage.OpenLineageImport;
import io.headwater.engine.lineage.FieldHop;
import io.headwater.engine.lineage.FieldPath;
import io.headwater.engine.lineage.LineageGraph;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headwater lineage}: the dataflow graph of a config, or one field's downstream reach with paths. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = "Print the pipeline's dataflow graph, or with --field every derived field a field reaches and the path it takes; "
                + "with --from-openlineage the graph of recorded OpenLineage events.")
public final class LineageCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--field", paramLabel = "SYSTEM.DATASET.FIELD", description = "A field, e.g. pg.customers.email: show its impact (downstream) and origin (upstream).")
    String field;

    @Option(names = "--from-openlineage", paramLabel = "FILE.ndjson",
            description = "Build the graph from OpenLineage events other tools recorded (one JSON event a line, e.g. from Marquez) "
                    + "instead of a config.")
    Path fromOpenLineage;

    @Option(names = "--write-config", paramLabel = "FILE.yaml",
            description = "With --from-openlineage: write a config skeleton of that graph to FILE, to verify it with Headwater.")
    Path writeConfig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (fromOpenLineage != null) {
            return importOpenLineage(out, spec.commandLine().getErr());
        }
        if (writeConfig != null) {
            throw new ParameterException(spec.commandLine(), "--write-config goes with --from-openlineage");
        }
        Pipeline pipeline = PipelineOptions.load(common);
        LineageGraph graph = new LineageGraph(pipeline);
        if (field == null) {
            out.print(common.json ? graphJson(pipeline).toPrettyString() + "\n" : graphText(pipeline));
            return ExitCodes.OK;
        }
        FieldRef ref = FieldRef.parse(field);
        if (ref == null) {
            throw new ParameterException(spec.commandLine(), "--field '" + field + "' is not of the form system.dataset.field (e.g. pg.customers.email)");
        }
        if (pipeline.dataset(ref.dataset()).flatMap(d -> d.field(ref.field())).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--field '" + field + "': no such field in pipeline " + pipeline.name()
                    + (pipeline.dataset(ref.dataset()).isPresent() ? "; " + ref.dataset() + " has " + pipeline.dataset(ref.dataset()).get().fieldNames() : ""));
        }
        List<FieldPath> impact = graph.impact(ref);
        List<FieldPath> origin = graph.origin(ref);
        if (common.json) {
            ObjectNode root = StatusJson.MAPPER.createObjectNode();
            root.put("field", ref.toString());
            root.set("tags", StatusJson.MAPPER.valueToTree(pipeline.dataset(ref.dataset()).flatMap(d -> d.field(ref.field()))
                    .map(f -> f.tags().stream().map(Object::toString).toList()).orElse(List.of())));
            root.set("downstream", paths(impact));
            root.set("upstream", paths(origin));
            out.println(root.toPrettyString());
            return ExitCodes.OK;
        }
        out.println(ref + tagsOf(pipeline, ref));
        out.println("downstream (" + impact.size() + "):");
        impact.forEach(p -> out.println("  " + p.render()));
        if (impact.isEmpty()) {
            out.println("  (reaches no other dataset)");
        }
        out.println("upstream (" + origin.size() + "):");
        origin.forEach(p -> out.println("  " + p.render()));
        if (origin.isEmpty()) {
            out.println("  (originates here)");
        }
        return ExitCodes.OK;
    }

    private int importOpenLineage(PrintWriter out, PrintWriter err) {
        OpenLineageImport imported = OpenLineageImport.of(fromOpenLineage);
        imported.problems().forEach(p -> err.println("  " + p));
        if (writeConfig != null) {
            imported.writeSkeleton(writeConfig);
            err.println("config skeleton: " + writeConfig.toAbsolutePath() + " (check the keys and what is marked TODO)");
        }
        err.printf("%d events: %d datasets, %d jobs%n", imported.lineage().eventCount(), imported.lineage().datasets().size(),
                imported.lineage().jobs().size());
        if (imported.pipeline().isPresent()) {
            out.print(common.json ? graphJson(imported.pipeline().get()).toPrettyString() + "\n" : graphText(imported.pipeline().get()));
            return ExitCodes.OK;
        }
        err.println("the skeleton needs editing before it loads (problems above); as written:");
        out.print(imported.skeleton());
        return ExitCodes.FINDINGS;
    }

    private static String tagsOf(Pipeline pipeline, FieldRef ref) {
        List<String> tags = pipeline.dataset(ref.dataset()).flatMap(d -> d.field(ref.field()))
                .map(f -> f.tags().stream().map(Object::toString).toList()).orElse(List.of());
        return tags.isEmpty() ? "" : "  " + tags;
    }

    private static ArrayNode paths(List<FieldPath> paths) {
        ArrayNode arr = StatusJson.MAPPER.createArrayNode();
        for (FieldPath p : paths) {
            ObjectNode n = arr.addObject();
            n.put("target", p.target().toString());
            n.put("path", p.render());
            ArrayNode hops = n.putArray("hops");
            for (FieldHop h : p.hops()) {
                hops.addObject().put("flow", h.flow().id()).put("from", h.from().toString()).put("to", h.to().toString())
                        .put("expression", h.expression().toString());
            }
        }
        return arr;
    }

    static String graphText(Pipeline pipeline) {
        StringBuilder sb = new StringBuilder("pipeline ").append(pipeline.name()).append('\n');
        sb.append("systems:\n");
        for (SystemSpec s : pipeline.systems()) {
            sb.append(String.format("  %-10s %-9s %-8s%s%n", s.id(), s.kind().configName(), s.role().configName(), s.embedded() ? " embedded" : " " + s.displayAddress()));
            for (Dataset d : s.datasets()) {
                sb.append("    ").append(d.ref()).append(" (").append(d.physicalName()).append(") key ").append(d.key()).append('\n');
                for (Field f : d.fields()) {
                    sb.append("      ").append(f.name()).append(": ").append(f.type().configName())
                            .append(f.tags().isEmpty() ? "" : " " + f.tags()).append('\n');
                }
            }
        }
        sb.append("flows:\n");
        for (Flow f : pipeline.flows()) {
            sb.append(String.format("  %-18s %-18s -> %-24s %s%n", f.id(), f.from(), f.to(), f.kind().configName()));
            if (!f.isIdentity()) {
                sb.append("      ").append(f.mapping().stream().map(MappedField::toString).collect(Collectors.joining(", "))).append('\n');
            }
        }
        return sb.toString();
    }

    static ObjectNode graphJson(Pipeline pipeline) {
        ObjectNode root = StatusJson.MAPPER.createObjectNode();
        root.put("pipeline", pipeline.name());
        ArrayNode nodes = root.putArray("datasets");
        pipeline.datasets().forEach(d -> {
            ObjectNode n = nodes.addObject();
            n.put("id", d.ref().toString());
            n.put("system", d.ref().system());
            n.put("kind", pipeline.systemOf(d.ref()).kind().configName());
            n.put("role", pipeline.systemOf(d.ref()).role().configName());
            n.set("key", StatusJson.MAPPER.valueToTree(d.key()));
            ObjectNode fields = n.putObject("fields");
            d.fields().forEach(f -> fields.putObject(f.name()).put("type", f.type().configName())
                    .set("tags", StatusJson.MAPPER.valueToTree(f.tags().stream().map(Object::toString).toList())));
        });
        ArrayNode flows = root.putArray("flows");
        for (Flow f : pipeline.flows()) {
            ObjectNode n = flows.addObject();
            n.put("id", f.id()).put("kind", f.kind().configName()).put("from", f.from().toString()).put("to", f.to().toString());
            ObjectNode m = n.putObject("mapping");
            f.mapping().forEach(mf -> m.put(mf.target(), mf.expression().toString()));
        }
        return root;
    }
}
