package io.headwater.connectors.h2;

import io.headwater.connectors.jdbc.JdbcValues;
import io.headwater.connectors.mvstore.KeyCodec;
import io.headwater.connectors.mvstore.LogicalValues;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.MappingFunction;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes an aggregating flow ({@code day(created_at)}, {@code count()}, {@code sum(amount)}) so that
 * re-delivery cannot double count. A staging table {@code HW_STAGE_<table>} holds, per source
 * record (keyed by the canonical text of its source key), its group values and the inputs of each
 * aggregate. Every event upserts or deletes its staging row; then each group it touched (old and
 * new group) is recomputed from the staging table with COUNT/SUM/MIN/MAX in SQL and merged into the
 * target, or deleted from it when no staging row is left. A source record whose group value is
 * null belongs to no group. All in the caller's transaction.
 */
final class AggregateTableWriter implements TableWriter {
    static final String STAGE_PREFIX = "HW_STAGE_";
    static final String STAGE_INDEX_PREFIX = "HW_STAGE_GROUP_";
    private static final String SOURCE_KEY = "\"SOURCE_KEY\"";

    private record Aggregate(Field target, MappingFunction function, Expression.Call call) {
        String input() {
            return TargetTable.column("IN_" + target.name());
        }

        String sql() {
            return function == MappingFunction.COUNT ? "COUNT(*)" : function.name() + "(" + input() + ")";
        }
    }

    private final Dataset dataset;
    private final List<Field> groups = new ArrayList<>();
    private final List<Expression> groupExpressions = new ArrayList<>();
    private final List<Aggregate> aggregates = new ArrayList<>();
    private final String stage;
    private final String table;

    AggregateTableWriter(Dataset dataset, Flow flow) {
        this.dataset = dataset;
        this.stage = TargetTable.sibling(dataset.physicalName(), STAGE_PREFIX);
        this.table = TargetTable.table(dataset.physicalName());
        for (MappedField m : flow.mapping()) {
            Field target = dataset.field(m.target())
                    .orElseThrow(() -> new StoreException("flow " + flow.id() + " maps to '" + m.target() + "', which " + dataset.ref() + " lacks"));
            if (!m.expression().isAggregate()) {
                groups.add(target);
                groupExpressions.add(m.expression());
            } else if (m.expression() instanceof Expression.Call call && call.function().isAggregate()
                    && call.args().stream().noneMatch(Expression::isAggregate)) {
                aggregates.add(new Aggregate(target, call.function(), call));
            } else {
                throw new StoreException("flow " + flow.id() + ": '" + m + "' is not a plain aggregate of a scalar expression");
            }
        }
        if (!Set.copyOf(dataset.key()).equals(Set.copyOf(flow.groupBy()))) {
            throw new StoreException("flow " + flow.id() + " groups by " + flow.groupBy() + " but " + dataset.ref() + " is keyed by " + dataset.key());
        }
    }

    private List<Aggregate> withInputs() {
        return aggregates.stream().filter(a -> a.function() != MappingFunction.COUNT).toList();
    }

    private String groupColumns() {
        return groups.stream().map(g -> TargetTable.column(g.name())).collect(Collectors.joining(", "));
    }

    private String whereGroup() {
        return TargetTable.whereKey(groups.stream().map(Field::name).toList());
    }

    @Override
    public void create(Connection c) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(stage).append(" (").append(SOURCE_KEY)
                .append(" CHARACTER VARYING PRIMARY KEY");
        for (Field g : groups) {
            ddl.append(", ").append(TargetTable.column(g.name())).append(' ').append(TargetTable.dialect().columnType(g.type()));
        }
        for (Aggregate a : withInputs()) {
            ddl.append(", ").append(a.input()).append(' ').append(TargetTable.dialect().columnType(a.target().type()));
        }
        ddl.append(")");
        String index = "CREATE INDEX IF NOT EXISTS " + TargetTable.sibling(dataset.physicalName(), STAGE_INDEX_PREFIX)
                + " ON " + stage + " (" + groupColumns() + ")";
        try (Statement s = c.createStatement()) {
            s.execute(TargetTable.createDdl(dataset));
            s.execute(ddl.toString());
            s.execute(index);
        }
    }

    @Override
    public void apply(Connection c, List<ChangeEvent> events) throws SQLException {
        Set<Row> touched = new LinkedHashSet<>();
        List<Aggregate> inputs = withInputs();
        String merge = "MERGE INTO " + stage + " (" + SOURCE_KEY + ", " + groupColumns()
                + inputs.stream().map(a -> ", " + a.input()).collect(Collectors.joining()) + ") KEY (" + SOURCE_KEY + ") VALUES ("
                + TargetTable.placeholders(1 + groups.size() + inputs.size()) + ")";
        try (PreparedStatement old = c.prepareStatement("SELECT " + groupColumns() + " FROM " + stage + " WHERE " + SOURCE_KEY + " = ?");
             PreparedStatement del = c.prepareStatement("DELETE FROM " + stage + " WHERE " + SOURCE_KEY + " = ?");
             PreparedStatement put = c.prepareStatement(merge)) {
            for (ChangeEvent e : events) {
                String sourceKey = KeyCodec.text(e.key());
                readGroup(old, sourceKey).ifPresent(touched::add);
                Row group = e.op().removes() || e.after() == null ? null : group(e.after());
                if (group == null) {
                    del.setString(1, sourceKey);
                    del.executeUpdate();
                } else {
                    bindStageRow(put, sourceKey, group, e.after(), inputs);
                    put.executeUpdate();
                    touched.add(group);
                }
            }
        }
        for (Row group : touched) {
            refold(c, group);
        }
    }

    private Optional<Row> readGroup(PreparedStatement old, String sourceKey) throws SQLException {
        old.setString(1, sourceKey);
        try (ResultSet rs = old.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            int i = 1;
            for (Field g : groups) {
                m.put(g.name(), JdbcValues.read(rs, i++, g.type(), Types.OTHER));
            }
            return Optional.of(Row.of(m));
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

    private void bindStageRow(PreparedStatement put, String sourceKey, Row group, Row source, List<Aggregate> inputs) throws SQLException {
        put.setString(1, sourceKey);
        int i = 2;
        for (Field g : groups) {
            JdbcValues.bind(put, i++, g.type(), group.get(g.name()));
        }
        for (Aggregate a : inputs) {
            JdbcValues.bind(put, i++, a.target().type(), coerce(a.call().aggregateInput(source), a.target()));
        }
    }

    private Object coerce(Object value, Field field) {
        try {
            return LogicalValues.coerce(value, field.type());
        } catch (IllegalArgumentException e) {
            throw new StoreException("dataset " + dataset.ref() + ": field '" + field.name() + "': " + e.getMessage(), e);
        }
    }

    /** Recomputes one group from the staging table into the target. */
    private void refold(Connection c, Row group) throws SQLException {
        String fold = "SELECT COUNT(*)" + aggregates.stream().map(a -> ", " + a.sql()).collect(Collectors.joining())
                + " FROM " + stage + " WHERE " + whereGroup();
        try (PreparedStatement ps = c.prepareStatement(fold)) {
            bindGroup(ps, 1, group);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    deleteGroup(c, group);
                } else {
                    mergeGroup(c, group, rs);
                }
            }
        }
    }

    private void deleteGroup(Connection c, Row group) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + whereGroup())) {
            bindGroup(ps, 1, group);
            ps.executeUpdate();
        }
    }

    private void mergeGroup(Connection c, Row group, ResultSet folded) throws SQLException {
        String columns = groupColumns() + aggregates.stream().map(a -> ", " + TargetTable.column(a.target().name())).collect(Collectors.joining());
        String sql = "MERGE INTO " + table + " (" + columns + ") KEY (" + groupColumns() + ") VALUES ("
                + TargetTable.placeholders(groups.size() + aggregates.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindGroup(ps, 1, group);
            int col = 2;
            for (Aggregate a : aggregates) {
                JdbcValues.bind(ps, i++, a.target().type(), JdbcValues.read(folded, col++, a.target().type(), Types.OTHER));
            }
            ps.executeUpdate();
        }
    }

    private int bindGroup(PreparedStatement ps, int from, Row group) throws SQLException {
        int i = from;
        for (Field g : groups) {
            JdbcValues.bind(ps, i++, g.type(), group.get(g.name()));
        }
        return i;
    }
}
