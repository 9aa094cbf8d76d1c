package io.headwater.connectors.verify;

import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds source rows into an aggregate's groups in memory, with the same rules as the SQL
 * recomputation: a row whose group value is null belongs to no group; aggregates fold with
 * {@link io.headwater.engine.model.MappingFunction#accumulate}. Stateless.
 */
final class InMemoryAggregate {
    private InMemoryAggregate() {
    }

    /** The groups, each a row of the key (group) fields and the aggregate fields. */
    static List<Row> fold(List<Row> rows, List<ComparedField> fields, List<String> key) {
        List<ComparedField> groups = fields.stream().filter(f -> key.contains(f.name())).toList();
        List<ComparedField> aggregates = fields.stream().filter(f -> !key.contains(f.name())).toList();
        TreeMap<Row, Map<String, Object>> acc = new TreeMap<>(new KeyOrder(groups.stream().map(ComparedField::field).toList()));
        for (Row r : rows) {
            Map<String, Object> g = new LinkedHashMap<>();
            for (ComparedField f : groups) {
                g.put(f.name(), f.expression().evaluate(r));
            }
            if (g.containsValue(null)) {
                continue;
            }
            Map<String, Object> a = acc.computeIfAbsent(Row.of(g), k -> new LinkedHashMap<>(k.asMap()));
            for (ComparedField f : aggregates) {
                Expression.Call call = (Expression.Call) f.expression();
                a.put(f.name(), call.function().accumulate(a.get(f.name()), call.aggregateInput(r)));
            }
        }
        return acc.values().stream().map(Row::of).toList();
    }
}
