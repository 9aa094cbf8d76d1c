package io.headwater.engine.replay.internal;

import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The records a flow's target holds for a given set of source records: each mapped (scalar flows)
 * or folded into its group (aggregates, with the rules of the SQL recomputation: a row whose group
 * value is null belongs to no group; aggregates fold with
 * {@link io.headwater.engine.model.MappingFunction#accumulate}). Stateless.
 */
public final class FlowProjection {
    private FlowProjection() {
    }

    /** The target records, one per target key (of two with one key the later wins), in key order. */
    public static List<Row> project(List<Row> sources, Flow flow, Dataset target) {
        return flow.isAggregate() ? fold(sources, flow, target) : map(sources, flow, target);
    }

    private static List<Row> map(List<Row> sources, Flow flow, Dataset target) {
        TreeMap<Row, Row> out = new TreeMap<>(new KeyOrder(target.keyFields()));
        List<String> names = target.fieldNames();
        for (Row source : sources) {
            Row mapped = flow.isIdentity() ? source.project(names.stream().filter(source::has).toList()) : flow.apply(source);
            out.put(mapped.project(target.key()), mapped);
        }
        return List.copyOf(out.values());
    }

    private static List<Row> fold(List<Row> sources, Flow flow, Dataset target) {
        List<String> groupBy = flow.groupBy();
        List<Field> groupFields = groupBy.stream().map(g -> target.field(g)
                .orElseThrow(() -> new IllegalArgumentException("flow " + flow.id() + " groups by '" + g + "', which " + target.ref() + " lacks"))).toList();
        List<MappedField> aggregates = flow.mapping().stream().filter(m -> m.expression().isAggregate()).toList();
        TreeMap<Row, Map<String, Object>> groups = new TreeMap<>(new KeyOrder(groupFields));
        for (Row source : sources) {
            Map<String, Object> g = new LinkedHashMap<>();
            for (String name : groupBy) {
                g.put(name, flow.target(name).orElseThrow().expression().evaluate(source));
            }
            if (g.containsValue(null)) {
                continue;
            }
            Map<String, Object> acc = groups.computeIfAbsent(Row.of(g), k -> new LinkedHashMap<>(k.asMap()));
            for (MappedField m : aggregates) {
                Expression.Call call = (Expression.Call) m.expression();
                acc.put(m.target(), call.function().accumulate(acc.get(m.target()), call.aggregateInput(source)));
            }
        }
        return groups.values().stream().map(Row::of).toList();
    }
}
