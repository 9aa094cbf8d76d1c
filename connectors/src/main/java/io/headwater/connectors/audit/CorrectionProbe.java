package io.headwater.connectors.audit;

import io.headwater.connectors.jdbc.JdbcValues;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.StoreException;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.Probe;
import io.headwater.engine.audit.ProbeContext;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.Row;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DatasetReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Correction: the records of each system-of-record table updated most recently (by its
 * {@code updated_at} field, else its timestamp) are checked key by key in every derived copy fed
 * from its change log: the derived record must equal the source record mapped through the flow.
 * The stores are let catch up with the log first, and a difference is checked again after a
 * second catch-up, so changes in flight are not reported. {@code correction-not-propagated} or
 * {@code correction-propagated}.
 */
public final class CorrectionProbe implements Probe {
    public static final String ID = "correction";
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private final LiveStores stores;
    private final int keys;

    public CorrectionProbe(LiveStores stores, int keys) {
        this.stores = stores;
        this.keys = keys;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "The most recently updated records compared key by key with every derived copy";
    }

    @Override
    public List<Evidence> gather(ProbeContext context) {
        List<Evidence> out = new ArrayList<>();
        stores.awaitCaughtUp(CATCH_UP);
        for (SystemSpec s : context.pipeline().systems()) {
            if (!RecordTables.sqlRecord(stores, s)) {
                continue;
            }
            for (Dataset d : s.datasets()) {
                Optional<Flow> cdc = context.pipeline().flowsFrom(d.ref()).stream().filter(f -> f.kind() == FlowKind.CDC).findFirst();
                if (cdc.isEmpty() || d.key().size() != 1 || order(d) == null) {
                    continue;
                }
                List<Row> recent;
                try {
                    recent = recent(d);
                } catch (HeadwaterException e) {
                    out.add(Evidence.of(ID, d.ref().toString(), context.clock()).unavailable(e.getMessage()));
                    continue;
                }
                for (Flow consume : context.pipeline().flowsFrom(cdc.get().to())) {
                    if (consume.kind() == FlowKind.CONSUME && !consume.isAggregate()) {
                        context.cancellation().check("correction");
                        out.add(check(d, consume, recent, context));
                    }
                }
            }
        }
        return out;
    }

    private static String order(Dataset d) {
        return d.field("updated_at").map(Field::name).orElse(d.timestampField());
    }

    private List<Row> recent(Dataset d) {
        String sql = "SELECT " + String.join(", ", d.fieldNames()) + " FROM " + d.physicalName() + " ORDER BY " + order(d) + " DESC LIMIT " + keys;
        try (Connection c = RecordTables.connect(RecordTables.connectionsOf(stores, stores.pipeline().systemOf(d.ref())), d.ref().toString());
             PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < d.fields().size(); i++) {
                    Field f = d.fields().get(i);
                    m.put(f.name(), JdbcValues.read(rs, i + 1, f.type(), rs.getMetaData().getColumnType(i + 1)));
                }
                rows.add(Row.of(m));
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("cannot read the recently updated records of " + d.ref() + ": " + e.getMessage(), e);
        }
    }

    private Evidence check(Dataset source, Flow flow, List<Row> recent, ProbeContext context) {
        Dataset target = context.pipeline().requireDataset(flow.to());
        Evidence.Builder b = Evidence.of(ID, target.ref().toString(), context.clock());
        try (DatasetReader reader = stores.openReader(target.ref())) {
            List<String> wrong = differences(reader, flow, target, recent);
            if (!wrong.isEmpty()) {
                stores.awaitCaughtUp(CATCH_UP);
                wrong = differences(reader, flow, target, recent);
            }
            b.count("keys", recent.size()).count("differing", wrong.size()).detail("the " + recent.size() + " records of " + source.ref()
                    + " updated last, by " + order(source) + ", through flow " + flow.id());
            if (!wrong.isEmpty()) {
                wrong.stream().limit(10).forEach(b::detail);
                return b.finding("correction-not-propagated", wrong.size() + " of " + recent.size() + " recently updated records differ in " + target.ref());
            }
            return b.fact("correction-propagated", "all " + recent.size() + " recently updated records of " + source.ref() + " match in " + target.ref());
        } catch (HeadwaterException e) {
            return b.unavailable("cannot compare " + target.ref() + ": " + e.getMessage());
        }
    }

    private static List<String> differences(DatasetReader reader, Flow flow, Dataset target, List<Row> recent) {
        List<String> wrong = new ArrayList<>();
        for (Row src : recent) {
            Row expected = flow.apply(src);
            Row key = flow.mapKey(src, target.key());
            Optional<Row> actual = reader.lookup(key);
            if (actual.isEmpty()) {
                wrong.add("key " + key.asMap() + ": missing");
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (MappedField m : flow.mapping()) {
                if (!same(expected.get(m.target()), actual.get().get(m.target()))) {
                    fields.add(m.target());
                }
            }
            if (flow.isIdentity()) {
                target.fieldNames().stream().filter(f -> !same(expected.get(f), actual.get().get(f))).forEach(fields::add);
            }
            if (!fields.isEmpty()) {
                wrong.add("key " + key.asMap() + ": fields " + fields + " differ");
            }
        }
        return wrong;
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.equals(x, y);
        }
        if (a instanceof java.time.Instant x && b instanceof java.time.Instant y) {
            return x.toEpochMilli() == y.toEpochMilli();
        }
        return a.toString().equals(b.toString());
    }
}
