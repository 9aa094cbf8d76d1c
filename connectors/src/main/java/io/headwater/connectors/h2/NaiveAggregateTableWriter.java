package io.headwater.connectors.h2;

import io.headwater.connectors.jdbc.JdbcValues;
import io.headwater.connectors.mvstore.LogicalValues;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.MappingFunction;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * DELIBERATELY NAIVE — the wrong way to keep an aggregate, kept for the exactly-once demonstration
 * ({@code apply: naive}). Each event is folded into its group's totals as it arrives: a create adds
 * one to {@code count()} and its amount to {@code sum()}, a delete takes them away, an update takes
 * away the before-image and adds the after-image. Nothing remembers which source records were
 * counted, so an event delivered twice is counted twice: exactly the double counting that
 * {@link AggregateTableWriter} (one staged row per source key, groups recomputed) cannot suffer.
 * An update or delete without a before-image (not captured) cannot be taken away and is not.
 * A group whose count drops to zero is removed. {@code count()} and {@code sum()} only.
 */
final class NaiveAggregateTableWriter implements TableWriter {
    private record Aggregate(Field target, MappingFunction function, Expression.Call call) {
    }

    private final Dataset dataset;
    private final String table;
    private final List<Field> groups = new ArrayList<>();
    private final List<Expression> groupExpressions = new ArrayList<>();
    private final List<Aggregate> aggregates = new ArrayList<>();

    NaiveAggregateTableWriter(Dataset dataset, Flow flow) {
        this.dataset = dataset;
        this.table = TargetTable.table(dataset.physicalName());
        for (MappedField m : flow.mapping()) {
            Field target = dataset.field(m.target())
                    .orElseThrow(() -> new StoreException("flow " + flow.id() + " maps to '" + m.target() + "', which " + dataset.ref() + " lacks"));
            if (!m.expression().isAggregate()) {
                groups.add(target);
                groupExpressions.add(m.expression());
            } else if (m.expression() instanceof Expression.Call call
                    && (call.function() == MappingFunction.COUNT || call.function() == MappingFunction.SUM)
                    && call.args().stream().noneMatch(Expression::isAggregate)) {
                aggregates.add(new Aggregate(target, call.function(), call));
            } else {
                throw new StoreException("flow " + flow.id() + " applies naively, which folds count() and sum() only, not '" + m + "'");
            }
        }
        if (!dataset.key().containsAll(groups.stream().map(Field::name).toList()) || groups.size() != dataset.key().size()) {
            throw new StoreException("flow " + flow.id() + " groups by " + flow.groupBy() + " but " + dataset.ref() + " is keyed by " + dataset.key());
        }
    }

    @Override
    public void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(TargetTable.createDdl(dataset));
        }
    }

    @Override
    public void apply(Connection c, List<ChangeEvent> events) throws SQLException {
        for (ChangeEvent e : events) {
            boolean creates = e.op() == ChangeOp.CREATE || e.op() == ChangeOp.SNAPSHOT;
            if (!creates && e.before() != null) {
                fold(c, e.before(), -1);
            }
            if (!e.op().removes() && e.after() != null) {
                fold(c, e.after(), 1);
            }
        }
    }

    /** Adds ({@code sign} 1) or takes away (-1) one source record's share of its group. */
    private void fold(Connection c, Row source, int sign) throws SQLException {
        Row group = group(source);
        if (group == null) {
            return;
        }
        Map<String, Object> totals = current(c, group);
        boolean empty = false;
        for (Aggregate a : aggregates) {
            Object now = totals.get(a.target().name());
            Object input = a.function() == MappingFunction.COUNT ? Long.valueOf(1) : coerce(a.call().aggregateInput(source), a.target());
            Object next = plus(a.target().type(), now, input, sign);
            totals.put(a.target().name(), next);
            empty |= a.function() == MappingFunction.COUNT && ((Number) next).longValue() <= 0;
        }
        if (empty) {
            write(c, "DELETE FROM " + table + " WHERE " + whereGroup(), group, Map.of());
        } else {
            String columns = TargetTable.columns(groups.stream().map(Field::name).toList())
                    + aggregates.stream().map(a -> ", " + TargetTable.column(a.target().name())).collect(Collectors.joining());
            write(c, "MERGE INTO " + table + " (" + columns + ") KEY (" + TargetTable.columns(dataset.key()) + ") VALUES ("
                    + TargetTable.placeholders(groups.size() + aggregates.size()) + ")", group, totals);
        }
    }

    /** The group's totals as stored, or nothing for a group not seen yet. */
    private Map<String, Object> current(Connection c, Row group) throws SQLException {
        String sql = "SELECT " + aggregates.stream().map(a -> TargetTable.column(a.target().name())).collect(Collectors.joining(", "))
                + " FROM " + table + " WHERE " + whereGroup();
        Map<String, Object> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindGroup(ps, group);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    int col = 1;
                    for (Aggregate a : aggregates) {
                        out.put(a.target().name(), JdbcValues.read(rs, col++, a.target().type(), Types.OTHER));
                    }
                }
            }
        }
        return out;
    }

    private static Object plus(FieldType type, Object total, Object input, int sign) {
        if (input == null) {
            return total;
        }
        return switch (type) {
            case INTEGER -> (total == null ? 0L : ((Number) total).longValue()) + sign * ((Number) input).longValue();
            case FLOAT -> (total == null ? 0.0 : ((Number) total).doubleValue()) + sign * ((Number) input).doubleValue();
            case DECIMAL -> (total == null ? BigDecimal.ZERO : (BigDecimal) total).add(sign < 0 ? ((BigDecimal) input).negate() : (BigDecimal) input);
            default -> throw new StoreException("cannot add up values of type " + type.configName());
        };
    }

    private void write(Connection c, String sql, Row group, Map<String, Object> totals) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindGroup(ps, group);
            if (!totals.isEmpty()) {
                for (Aggregate a : aggregates) {
                    JdbcValues.bind(ps, i++, a.target().type(), totals.get(a.target().name()));
                }
            }
            ps.executeUpdate();
        }
    }

    /** The group of a source row, or null when a group value is null. */
    private Row group(Row source) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            Object v = coerce(groupExpressions.get(i).evaluate(source), groups.get(i));
            if (v == null) {
                return null;
            }
            m.put(groups.get(i).name(), v);
        }
        return Row.of(m);
    }

    private Object coerce(Object value, Field field) {
        try {
            return LogicalValues.coerce(value, field.type());
        } catch (IllegalArgumentException e) {
            throw new StoreException("dataset " + dataset.ref() + ": field '" + field.name() + "': " + e.getMessage(), e);
        }
    }

    private String whereGroup() {
        return TargetTable.whereKey(groups.stream().map(Field::name).toList());
    }

    private int bindGroup(PreparedStatement ps, Row group) throws SQLException {
        int i = 1;
        for (Field g : groups) {
            JdbcValues.bind(ps, i++, g.type(), group.get(g.name()));
        }
        return i;
    }
}
