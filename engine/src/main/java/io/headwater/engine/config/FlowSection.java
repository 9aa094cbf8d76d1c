package io.headwater.engine.config;

import io.headwater.engine.model.ApplyMode;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.DeleteHandling;
import io.headwater.engine.model.FlowObservation;
import io.headwater.engine.model.FlowRunner;
import java.time.Duration;
import java.util.ArrayList;
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
    private static final List<String> KEYS = ConfigKey.names(FlowKeys.ALL);
    private static final List<String> POSITION_KEYS = ConfigKey.names(PositionKeys.ALL);

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
     * @param ttl           the expiry of the target cache's keys; null when not written (or invalid: reported)
     * @param ttlSource     where {@code ttl} is written; null when it is not
     * @param path          the key path, e.g. {@code flows[4]}
     * @param line          the line the flow starts on
     */
    record Draft(String id, FlowKind kind, Scalar kindSource, DatasetRef from, Scalar fromSource, DatasetRef to,
                 Scalar toSource, List<MappingDraft> mapping, int mappingLine, boolean mappingBroken, ApplyMode apply,
                 Scalar applySource, FlowRunner runs, Scalar runsSource, FlowObservation observe, Duration ttl, Scalar ttlSource, String path, int line) {

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
        Optional<Scalar> idScalar = FlowKeys.ID.scalar(map);
        Optional<String> id = FlowKeys.ID.valid(idScalar, context);
        if (id.isPresent()) {
            String first = seen.putIfAbsent(id.get(), map.path());
            if (first != null) {
                Scalar s = idScalar.orElseThrow();
                context.problem(s.line(), s.path(), s.quoted() + " is already used by " + first);
                id = Optional.empty();
            }
        }
        Optional<Scalar> kindScalar = FlowKeys.KIND.scalar(map);
        Optional<FlowKind> kind = FlowKeys.KIND.choice(kindScalar, FlowKind::fromConfigName, context);
        Optional<Scalar> from = FlowKeys.FROM.scalar(map);
        Optional<Scalar> to = FlowKeys.TO.scalar(map);
        String mappingKey = FlowKeys.MAPPING.name();
        List<MappingDraft> mapping = map.node(mappingKey).map(n -> readMapping(n, map.child(mappingKey))).orElse(null);
        boolean broken = mapping != null && (mapping.isEmpty() || mapping.stream().anyMatch(m -> m.expression() == null));
        int mappingLine = map.has(mappingKey) ? map.keyLine(mappingKey) : map.line();
        Optional<Scalar> applyScalar = FlowKeys.APPLY.scalar(map);
        // Written but unreadable (a list, say) is reported; only a key left out takes the default.
        ApplyMode apply = applyScalar.isEmpty() ? (map.given(FlowKeys.APPLY.name()) ? null : ApplyMode.IDEMPOTENT)
                : FlowKeys.APPLY.choice(applyScalar, ApplyMode::fromConfigName, context).orElse(null);
        Optional<Scalar> runsScalar = FlowKeys.RUNS.scalar(map);
        FlowRunner runs = FlowKeys.RUNS.choice(runsScalar, FlowRunner::fromConfigName, context).orElse(null);
        return new Draft(id.orElse(null), kind.orElse(null), kindScalar.orElse(null), endpoint(from), from.orElse(null),
                endpoint(to), to.orElse(null), mapping, mappingLine, broken, apply, applyScalar.orElse(null), runs,
                runsScalar.orElse(null), observation(map), FlowKeys.TTL.duration(map, context).orElse(null),
                FlowKeys.TTL.scalar(map).orElse(null), map.path(), map.line());
    }

    private FlowObservation observation(YamlMap map) {
        return new FlowObservation(text(map, FlowKeys.CONNECTOR), text(map, FlowKeys.SLOT), text(map, FlowKeys.CONSUMER_GROUP),
                position(map), FlowKeys.IN_FLIGHT.duration(map, context).orElse(null), FlowKeys.GRACE.duration(map, context).orElse(null),
                FlowKeys.DELETES.choice(map, DeleteHandling::fromConfigName, context).orElse(null));
    }

    private String text(YamlMap map, ConfigKey key) {
        return key.text(map, context).orElse(null);
    }

    private FlowObservation.PositionTable position(YamlMap flow) {
        String key = FlowKeys.POSITION.name();
        Optional<YamlMap> map = flow.node(key).flatMap(n -> YamlMap.read(n, flow.child(key), POSITION_KEYS, context));
        if (map.isEmpty()) {
            return null;
        }
        Optional<Scalar> table = PositionKeys.TABLE.scalar(map.get());
        Optional<Scalar> partition = PositionKeys.PARTITION_COLUMN.scalar(map.get());
        Optional<Scalar> offset = PositionKeys.OFFSET_COLUMN.scalar(map.get());
        if (table.isEmpty() || partition.isEmpty() || offset.isEmpty()) {
            return null;
        }
        return new FlowObservation.PositionTable(table.get().value(), text(map.get(), PositionKeys.TOPIC_COLUMN), partition.get().value(), offset.get().value());
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
