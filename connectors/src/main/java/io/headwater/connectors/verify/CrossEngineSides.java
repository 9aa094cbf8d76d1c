package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.JdbcEndpoint;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.jdbc.SqlFailures;
import io.headwater.engine.StoreException;
import io.headwater.engine.integrity.ReaderVerifySide;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.MappingFunction;
import io.headwater.engine.spi.VerifySide;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The two sides of a comparison between SQL tables in any pair of PostgreSQL, MySQL/MariaDB and H2
 * databases: the source table seen through the flow's mapping (an identity, column renames, or
 * {@code lower}, {@code upper}, {@code trim}, {@code day} of a column), keyed by the target's key,
 * and the target table as it is. The one entry point of {@code headwater diff} and of config-declared
 * {@code copy} flows.
 *
 * <p>Each pair of columns is reconciled by {@link ColumnPairing}, from both sides' JDBC metadata (a
 * dataset's declared field types are not used: the databases say what they hold). Both sides are
 * read in key order, the same code point order on both, and hashed in Java, unless push-down pays
 * (see {@link PushDownProbe}): only when both tables are in the same engine (PostgreSQL or H2), every
 * pair of columns is of one kind and precision, and there is no {@code where} condition can the
 * databases compute checksums ({@link SqlVerifySide}); a sample then decides which is cheaper.
 * Aggregating flows are compared only within one engine, by push-down.
 *
 * <p>Connections are read-only ({@link JdbcEndpoint#readOnly()}). Stateless; the sides it opens are
 * not thread-safe beyond what {@link VerifySide} promises.
 */
public final class CrossEngineSides {
    private CrossEngineSides() {
    }

    /** Whether the databases may compute checksums. */
    public enum PushDown {
        /** Decided by {@link PushDownProbe} when it is possible at all. */
        AUTO,
        /** Never: both sides are read and hashed in Java. */
        NEVER,
        /** Whenever it is possible. */
        ALWAYS
    }

    /**
     * The two sides; closing the pair closes both.
     *
     * @param source the source table through the flow's mapping
     * @param target the target table as stored
     * @param plan   how they are compared (null when built by hand)
     */
    public record SidePair(VerifySide source, VerifySide target, ComparisonPlan plan) implements AutoCloseable {
        public SidePair(VerifySide source, VerifySide target) {
            this(source, target, null);
        }

        @Override
        public void close() {
            try {
                source.close();
            } finally {
                target.close();
            }
        }
    }

    /**
     * Opens both sides, choosing push-down by cost ({@link PushDown#AUTO}).
     *
     * @param flow  the mapping from source to target; an identity flow compares every target field
     * @param where a condition in SQL applied to both tables ({@code created_at < '2026-01-01'}), or null
     */
    public static SidePair open(JdbcEndpoint source, Dataset sourceTable, JdbcEndpoint target, Dataset targetTable, Flow flow, String where) {
        return open(source, sourceTable, target, targetTable, flow, where, PushDown.AUTO);
    }

    /** Opens both sides with the given push-down policy. */
    public static SidePair open(JdbcEndpoint source, Dataset sourceTable, JdbcEndpoint target, Dataset targetTable, Flow flow, String where,
                                PushDown pushDown) {
        Objects.requireNonNull(flow, "flow");
        TableShape sourceShape = shape(source, sourceTable);
        TableShape targetShape = shape(target, targetTable);
        boolean sameEngine = source.dialect() == target.dialect() && source.dialect() != SqlDialect.MYSQL;
        if (flow.isAggregate()) {
            if (!sameEngine) {
                throw new StoreException("flow " + flow.id() + " aggregates: " + sourceTable.ref() + " and " + targetTable.ref()
                        + " can be compared only inside one PostgreSQL or H2 engine");
            }
            return pushedDown(source, sourceTable, target, targetTable, flow, List.of(), "aggregate recomputed with GROUP BY");
        }
        List<FieldPairing> pairings = pair(sourceShape, targetShape, sourceTable, targetTable, flow);
        Dataset compared = comparedDataset(targetTable, pairings);
        List<Field> comparedFields = pairings.stream().filter(FieldPairing::compared).map(p -> new Field(p.name(), p.pairing().type())).toList();
        String sourceDescription = describe(source, sourceShape, pairings);
        String targetDescription = target.systemId() + " " + targetShape.displayName() + " at " + target.displayAddress();
        NormalisedTableReader sourceReader = new NormalisedTableReader(source.readOnly(), source.displayAddress(), sourceShape,
                compared, reads(pairings, true), where);
        NormalisedTableReader targetReader = new NormalisedTableReader(target.readOnly(), target.displayAddress(), targetShape, compared,
                reads(pairings, false), where);
        boolean possible = sameEngine && where == null && pairings.stream().allMatch(p -> p.pairing().exact());
        if (!possible || pushDown == PushDown.NEVER) {
            String why = pushDown == PushDown.NEVER ? "push-down not allowed"
                    : !sameEngine ? "different engines" : where != null ? "a where condition" : "columns reconciled in Java";
            return streamed(sourceReader, targetReader, sourceDescription, targetDescription, comparedFields, pairings, why);
        }
        SidePair pushed = pushedDown(source, sourceTable, target, targetTable, flow, pairings, null);
        if (pushDown == PushDown.ALWAYS) {
            return withPlan(pushed, new ComparisonPlan(pairings, true, "push-down forced"));
        }
        PushDownProbe.Verdict verdict;
        try {
            verdict = PushDownProbe.measure(pushed, sourceReader, targetReader);
        } catch (RuntimeException e) {
            closeAfter(pushed, e);
            throw e;
        }
        if (verdict.pushDown()) {
            return withPlan(pushed, new ComparisonPlan(pairings, true, verdict.reason()));
        }
        pushed.close();
        return streamed(sourceReader, targetReader, sourceDescription, targetDescription, comparedFields, pairings, verdict.reason());
    }

    private static SidePair streamed(NormalisedTableReader sourceReader, NormalisedTableReader targetReader, String sourceDescription,
                                     String targetDescription, List<Field> comparedFields, List<FieldPairing> pairings, String why) {
        return new SidePair(new ReaderVerifySide(sourceDescription, sourceReader, comparedFields),
                new ReaderVerifySide(targetDescription, targetReader, comparedFields),
                new ComparisonPlan(pairings, false, why));
    }

    private static SidePair withPlan(SidePair pair, ComparisonPlan plan) {
        return new SidePair(pair.source(), pair.target(), plan);
    }

    /**
     * Both sides as {@link SqlVerifySide}s, the datasets' field types replaced by the pairings'
     * (which are exact here) so the canonical SQL matches what the databases hold.
     */
    private static SidePair pushedDown(JdbcEndpoint source, Dataset sourceTable, JdbcEndpoint target, Dataset targetTable, Flow flow,
                                       List<FieldPairing> pairings, String reason) {
        Dataset s = pairings.isEmpty() ? sourceTable : retyped(sourceTable, pairings, true);
        Dataset t = pairings.isEmpty() ? targetTable : retyped(targetTable, pairings, false);
        Flow between = flow.between(s.ref(), t.ref());
        SqlVerifySide src = SqlVerifySide.forFlow(source.readOnly(), source.dialect(), s, t, between);
        try {
            SqlVerifySide tgt = SqlVerifySide.forDerived(target.readOnly(), target.dialect(), s, t, between);
            return new SidePair(src, tgt, reason == null ? null : new ComparisonPlan(pairings, true, reason));
        } catch (RuntimeException e) {
            closeAfter(src, e);
            throw e;
        }
    }

    private static Dataset retyped(Dataset table, List<FieldPairing> pairings, boolean source) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Field f : table.fields()) {
            fields.put(f.name(), f);
        }
        for (FieldPairing p : pairings) {
            String name = source ? p.sourceColumn().name() : p.name();
            String declared = fields.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(name);
            fields.put(declared, new Field(declared, p.pairing().type()));
        }
        return table.withFields(table.key(), new ArrayList<>(fields.values()));
    }

    /** Pairs every compared target field (and every key field) with its source column. */
    static List<FieldPairing> pair(TableShape sourceShape, TableShape targetShape, Dataset sourceTable, Dataset targetTable, Flow flow) {
        List<ComparedField> compared = ComparedField.of(sourceTable, targetTable, flow);
        List<FieldPairing> out = new ArrayList<>();
        for (String k : targetTable.key()) {
            if (compared.stream().noneMatch(c -> c.name().equals(k))) {
                out.add(pairOne(sourceShape, targetShape, k, flow.target(k).map(m -> m.expression()).orElse(new Expression.Column(k)), true, false));
            }
        }
        for (ComparedField c : compared) {
            out.add(pairOne(sourceShape, targetShape, c.name(), c.expression(), targetTable.key().contains(c.name()), true));
        }
        return out;
    }

    private static FieldPairing pairOne(TableShape sourceShape, TableShape targetShape, String name, Expression e, boolean key, boolean compared) {
        SqlColumn target = targetShape.require(name);
        if (e instanceof Expression.Column c) {
            SqlColumn source = sourceShape.require(c.field());
            return checkedKey(new FieldPairing(name, source, target, null, ColumnPairing.of(source, target), key, compared));
        }
        if (e instanceof Expression.Call call && !call.isAggregate() && call.args().size() == 1 && call.args().get(0) instanceof Expression.Column c) {
            if (key) {
                throw new StoreException("key field '" + name + "' is mapped through " + call + ": keys must be plain columns to compare in key order");
            }
            SqlColumn source = sourceShape.require(c.field());
            ColumnKind result = call.function() == MappingFunction.DAY ? ColumnKind.DATE : ColumnKind.TEXT;
            ColumnPairing p = ColumnPairing.of(result, source.fractionDigits(), target.kind(), target.fractionDigits());
            return new FieldPairing(name, source, target, call.function(), p, false, compared);
        }
        throw new StoreException("field '" + name + "' is mapped through " + e + ", which cannot be compared across engines");
    }

    private static FieldPairing checkedKey(FieldPairing p) {
        if (p.key() && !p.pairing().type().isKeyType()) {
            throw new StoreException("key field '" + p.name() + "' pairs " + p.sourceColumn().describe() + " with " + p.targetColumn().describe()
                    + ", compared as " + p.pairing().type().configName() + ", which cannot be a key");
        }
        return p;
    }

    private static Dataset comparedDataset(Dataset targetTable, List<FieldPairing> pairings) {
        List<Field> fields = pairings.stream().map(p -> new Field(p.name(), p.pairing().type())).toList();
        return new Dataset(targetTable.ref(), targetTable.physicalName(), targetTable.key(), fields, null);
    }

    private static List<ReadField> reads(List<FieldPairing> pairings, boolean source) {
        return pairings.stream().map(p -> source
                ? new ReadField(p.name(), p.sourceColumn(), p.function(), p.pairing()::source)
                : new ReadField(p.name(), p.targetColumn(), null, p.pairing()::target)).toList();
    }

    private static String describe(JdbcEndpoint endpoint, TableShape shape, List<FieldPairing> pairings) {
        List<String> mapped = new ArrayList<>();
        for (FieldPairing p : pairings) {
            String expr = p.function() == null ? p.sourceColumn().name() : p.function().configName() + "(" + p.sourceColumn().name() + ")";
            if (!expr.equalsIgnoreCase(p.name())) {
                mapped.add(p.name() + " <- " + expr);
            }
        }
        return endpoint.systemId() + " " + shape.displayName() + " at " + endpoint.displayAddress()
                + (mapped.isEmpty() ? "" : " (" + String.join(", ", mapped) + ")");
    }

    /**
     * A table's columns as its database describes them (for a comparison without declared
     * datasets, such as {@code headwater diff}).
     *
     * @param table the table's name, possibly {@code schema.table}
     */
    public static TableShape describeTable(JdbcEndpoint endpoint, String table) {
        return shape(endpoint, new Dataset(new DatasetRef(endpoint.systemId(), table), table, List.of(), List.of(), null));
    }

    private static TableShape shape(JdbcEndpoint endpoint, Dataset table) {
        try (Connection c = endpoint.readOnly().open()) {
            return TableShape.read(c, endpoint.dialect(), table.physicalName(), endpoint.displayAddress());
        } catch (SQLException e) {
            throw SqlFailures.wrap("read the columns of", table, endpoint.displayAddress(), e);
        }
    }

    private static void closeAfter(AutoCloseable c, RuntimeException failure) {
        try {
            c.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
