package io.headwater.engine.config;

import io.headwater.engine.model.ApplyMode;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.FieldTag;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.FlowObservation;
import io.headwater.engine.model.FlowRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code flows} list: ids, kinds, endpoints and mappings (parsed, not yet checked
 * against the datasets; {@link FlowChecks} does that).
 */
final class FlowSection {
    private static final List<String> KEYS = List.of("id", "kind", "from", "to", "mapping", "apply", "runs", "connector", "slot",
            "consumer-group", "position", "in-flight", "grace");
    private static final List<String> POSITION_KEYS = List.of("table", "topic-column", "partition-column", "offset-column");
    private static final List<String> RUNNERS = Arrays.stream(FlowRunner.values()).map(FlowRunner::configName).toList();
    private static final List<String> KINDS = Arrays.stream(FlowKind.values()).map(FlowKind::configName).toList();
    private static final List<String> APPLY_MODES = Arrays.stream(ApplyMode.values()).map(ApplyMode::configName).toList();

    /**
     * One mapping entry as written.
     *
     * @param target     the target field name
     * @param targetLine the line of the target key
     * @param path       the key path, e.g. {@code flows[4].mapping.email}
     * @param source     the expression text
     * @param expression the parsed expression; null when it did not parse
     */
    record MappingDraft(String target, int targetLine, String path, Scalar source, Expression expression) {
    }

    /**
     * A flow as written. Parts that could not be read are null; {@code mapping} is null for an
     * identity flow.
     *
     * @param id            its id
     * @param kind          its kind
     * @param kindSource    where the kind is written
     * @param from          the source dataset
     * @param fromSource    where {@code from} is written
     * @param to            the target dataset
     * @param toSource      where {@code to} is written
     * @param mapping       the mapping entries; null for identity
     * @param mappingLine   the line of the mapping (or of the flow, for identity)
     * @param mappingBroken whether some mapping entry could not be read
     * @param apply         how the target's sink applies events ({@code idempotent} when not written)
     * @param applySource   where {@code apply} is written; null when it is not
     * @param runs          who runs the flow; null when not written (the default depends on the endpoints)
     * @param runsSource    where {@code runs} is written; null when it is not
     * @param observe       how an external flow's progress is observed
     * @param path          the key path, e.g. {@code flows[4]}
     * @param line          the line the flow starts on
     */
    record Draft(String id, FlowKind kind, Scalar kindSource, DatasetRef from, Scalar fromSource, DatasetRef to,
                 Scalar toSource, List<MappingDraft> mapping, int mappingLine, boolean mappingBroken, ApplyMode apply,
                 Scalar applySource, FlowRunner runs, Scalar runsSource, FlowObservation observe, String path, int line) {

        boolean complete() {
            return id != null && kind != null && from != null && to != null && !mappingBroken && apply != null;
        }
    }

    private final ReadContext context;
    private final Map<String, String> seen = new HashMap<>();

    FlowSection(ReadContext context) {
        this.context = context;
    }

    List<Draft> read(List<Node> nodes) {
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            YamlMap.read(nodes.get(i), "flows[" + i + "]", KEYS, context).map(this::readFlow).ifPresent(drafts::add);
        }
        return drafts;
    }

    private Draft readFlow(YamlMap map) {
        Optional<Scalar> idScalar = map.required("id");
        Optional<String> id = ConfigValues.matching(idScalar, ConfigValues.ID, ConfigValues.ID_RULE, context);
        if (id.isPresent()) {
            String first = seen.putIfAbsent(id.get(), map.path());
            if (first != null) {
                Scalar s = idScalar.orElseThrow();
                context.problem(s.line(), s.path(), s.quoted() + " is already used by " + first);
                id = Optional.empty();
            }
        }
        Optional<Scalar> kindScalar = map.required("kind");
        Optional<FlowKind> kind = ConfigValues.choice(kindScalar, FlowKind::fromConfigName, KINDS, context);
        Optional<Scalar> from = map.required("from");
        Optional<Scalar> to = map.required("to");
        List<MappingDraft> mapping = map.node("mapping").map(n -> readMapping(n, map.child("mapping"))).orElse(null);
        boolean broken = mapping != null && (mapping.isEmpty() || mapping.stream().anyMatch(m -> m.expression() == null));
        int mappingLine = map.has("mapping") ? map.keyLine("mapping") : map.line();
        Optional<Scalar> applyScalar = map.given("apply") ? map.scalar("apply") : Optional.empty();
        ApplyMode apply = applyScalar.isEmpty() ? (map.given("apply") ? null : ApplyMode.IDEMPOTENT)
                : ConfigValues.choice(applyScalar, ApplyMode::fromConfigName, APPLY_MODES, context).orElse(null);
        Optional<Scalar> runsScalar = map.given("runs") ? map.scalar("runs") : Optional.empty();
        FlowRunner runs = ConfigValues.choice(runsScalar, FlowRunner::fromConfigName, RUNNERS, context).orElse(null);
        return new Draft(id.orElse(null), kind.orElse(null), kindScalar.orElse(null), endpoint(from), from.orElse(null),
                endpoint(to), to.orElse(null), mapping, mappingLine, broken, apply, applyScalar.orElse(null), runs,
                runsScalar.orElse(null), observation(map), map.path(), map.line());
    }

    private FlowObservation observation(YamlMap map) {
        return new FlowObservation(text(map, "connector"), text(map, "slot"), text(map, "consumer-group"), position(map),
                duration(map, "in-flight"), duration(map, "grace"));
    }

    private static String text(YamlMap map, String key) {
        return map.given(key) ? map.scalar(key).map(Scalar::value).orElse(null) : null;
    }

    private Duration duration(YamlMap map, String key) {
        if (!map.given(key)) {
            return null;
        }
        Optional<Scalar> s = map.scalar(key);
        Optional<Duration> d = s.flatMap(v -> FieldTag.parseDuration(v.value()));
        if (s.isPresent() && d.isEmpty()) {
            context.problem(s.get().line(), s.get().path(), s.get().quoted() + " is invalid: expected a duration such as 30s, 5m or 2h");
        }
        return d.orElse(null);
    }

    private FlowObservation.PositionTable position(YamlMap flow) {
        Optional<YamlMap> map = flow.node("position").flatMap(n -> YamlMap.read(n, flow.child("position"), POSITION_KEYS, context));
        if (map.isEmpty()) {
            return null;
        }
        Optional<Scalar> table = map.get().required("table");
        Optional<Scalar> partition = map.get().required("partition-column");
        Optional<Scalar> offset = map.get().required("offset-column");
        if (table.isEmpty() || partition.isEmpty() || offset.isEmpty()) {
            return null;
        }
        return new FlowObservation.PositionTable(table.get().value(), text(map.get(), "topic-column"), partition.get().value(), offset.get().value());
    }

    private DatasetRef endpoint(Optional<Scalar> scalar) {
        if (scalar.isEmpty()) {
            return null;
        }
        Scalar s = scalar.get();
        DatasetRef ref = DatasetRef.parse(s.value());
        if (ref == null) {
            context.problem(s.line(), s.path(), s.quoted() + " is invalid: expected system.dataset");
        }
        return ref;
    }

    private List<MappingDraft> readMapping(Node node, String path) {
        List<MappingDraft> entries = new ArrayList<>();
        Optional<YamlMap> map = YamlMap.read(node, path, null, context);
        if (map.isEmpty()) {
            return entries;
        }
        if (map.get().entries().isEmpty()) {
            context.problem(node, path, "must map at least one field; leave it out for an identity flow");
        }
        for (Map.Entry<String, Node> e : map.get().entries().entrySet()) {
            entries.add(readEntry(map.get(), e.getKey(), e.getValue()));
        }
        return entries;
    }

    private MappingDraft readEntry(YamlMap mapping, String target, Node value) {
        String path = mapping.child(target);
        int targetLine = mapping.keyLine(target);
        Optional<Scalar> source = context.scalar(value, path);
        if (source.isEmpty()) {
            if (YamlMap.isNull(value)) {
                context.problem(value, path, "is required: write a field name or a function such as lower(email)");
            }
            return new MappingDraft(target, targetLine, path, null, null);
        }
        ExpressionParser.Parsed parsed = ExpressionParser.parse(source.get().value());
        if (parsed.error() != null) {
            context.problem(source.get().line(), path, source.get().quoted() + " " + parsed.error());
        }
        return new MappingDraft(target, targetLine, path, source.get(), parsed.expression());
    }
}
