package io.headwater.connectors.audit;

import io.headwater.connectors.lucene.LuceneResidue;
import io.headwater.connectors.opensearch.SearchAudits;
import io.headwater.engine.StoreException;
import io.headwater.engine.audit.ErasureLocation;
import io.headwater.engine.audit.ErasureSubject;
import io.headwater.engine.audit.ErasureTrace;
import io.headwater.engine.audit.pii.Masking;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Row;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.TopicSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Traces one data subject through a pipeline: its record in the system of record; records of other
 * record tables that refer to it ({@code customer_id} for {@code customers}); every change event in
 * the log that carries its values; every derived store fed from those, looked up by the mapped key
 * or scanned for the reference; and Lucene segment files that still hold it after a delete. Not
 * thread-safe.
 */
public final class ErasureTracer {
    private static final long TOPIC_LIMIT = 2_000_000;
    private final LiveStores stores;
    private final Clock clock;

    public ErasureTracer(LiveStores stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    public ErasureTrace trace(ErasureSubject subject) {
        Instant at = clock.instant();
        long t0 = System.nanoTime();
        Pipeline p = stores.pipeline();
        List<ErasureLocation> out = new ArrayList<>();
        ErasureLocation own = recordRows(subject.dataset(), subject.dataset().key().get(0), subject.keyValue(), "key");
        out.add(own);
        followLog(subject.dataset(), subject.dataset().key().get(0), subject.keyValue(), true, out);
        String ref = subject.referenceField();
        for (SystemSpec s : p.systems()) {
            if (!RecordTables.sqlRecord(stores, s)) {
                continue;
            }
            for (Dataset d : s.datasets()) {
                if (!d.equals(subject.dataset()) && d.field(ref).isPresent()) {
                    out.add(recordRows(d, ref, subject.keyValue(), ref));
                    followLog(d, ref, subject.keyValue(), false, out);
                }
            }
        }
        return new ErasureTrace(subject, !own.holds(), out, at, Duration.ofNanos(System.nanoTime() - t0));
    }

    private ErasureLocation recordRows(Dataset d, String field, Object value, String how) {
        String sql = "SELECT count(*) FROM " + d.physicalName() + " WHERE " + field + " = ?";
        try (Connection c = RecordTables.connect(RecordTables.connectionsOf(stores, stores.pipeline().systemOf(d.ref())), d.ref().toString());
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                return new ErasureLocation(d.ref().toString(), ErasureLocation.Kind.RECORD, how, n,
                        n == 0 ? List.of() : List.of(n + " row(s) with " + field + " = " + value));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot look up " + field + " = " + value + " in " + d.ref() + ": " + e.getMessage(), e);
        }
    }

    /** The change-capture topic of a record dataset, then every derived store fed from it. */
    private void followLog(Dataset record, String field, Object value, boolean byKey, List<ErasureLocation> out) {
        Pipeline p = stores.pipeline();
        for (Flow cdc : p.flowsFrom(record.ref())) {
            if (cdc.kind() != FlowKind.CDC) {
                continue;
            }
            Dataset topic = p.requireDataset(cdc.to());
            out.add(logEvents(topic, field, value));
            for (Flow consume : p.flowsFrom(topic.ref())) {
                if (consume.kind() == FlowKind.CONSUME) {
                    out.addAll(derived(consume, field, value, byKey));
                }
            }
        }
    }

    private ErasureLocation logEvents(Dataset topic, String field, Object value) {
        long[] held = {0, 0};
        String wanted = String.valueOf(value);
        TopicText.read(stores.eventLog(topic.ref()), topic.physicalName(), TOPIC_LIMIT, r -> {
            Optional<ChangeEvent> e = stores.decoder().decode(r, topic);
            if (e.isEmpty()) {
                return;
            }
            ChangeEvent ev = e.get();
            boolean mentions = matches(ev.after(), field, wanted) || matches(ev.before(), field, wanted);
            if (mentions && (ev.after() != null || ev.before() != null && ev.before().fields().size() > topic.key().size())) {
                held[0]++;
                if (ev.op() == io.headwater.engine.spi.ChangeOp.DELETE) {
                    held[1]++;
                }
            }
        });
        TopicSettings t = stores.eventLog(topic.ref()).topicSettings(topic.physicalName());
        List<String> details = new ArrayList<>();
        if (held[0] > 0) {
            details.add(held[0] + " change event(s) still carry the values" + (held[1] > 0 ? ", " + held[1] + " of them a delete with the full before-image" : ""));
            details.add("kept " + (t.retentionMs() < 0 ? "forever (retention.ms=-1)" : "for " + Policies.human(Duration.ofMillis(t.retentionMs())))
                    + ", cleanup.policy=" + t.cleanupPolicy() + (t.cleanupPolicy().contains("compact") ? ": old values go when the segment is compacted"
                    : ": old values stay until retention deletes the segment"));
        }
        return new ErasureLocation(topic.ref() + " (topic " + topic.physicalName() + ")", ErasureLocation.Kind.LOG, field, held[0], details);
    }

    private List<ErasureLocation> derived(Flow flow, String field, Object value, boolean byKey) {
        Pipeline p = stores.pipeline();
        Dataset target = p.requireDataset(flow.to());
        SystemSpec system = p.systemOf(target.ref());
        if (flow.isAggregate()) {
            return List.of(new ErasureLocation(target.ref().toString(), ErasureLocation.Kind.DERIVED, "aggregate", 0,
                    List.of("aggregated by " + flow.groupBy() + ": holds no record per subject")));
        }
        Optional<String> targetField = flow.mapping().stream().filter(m -> m.expression() instanceof io.headwater.engine.model.Expression.Column c
                && c.field().equals(field)).map(io.headwater.engine.model.MappedField::target).findFirst();
        if (flow.isIdentity()) {
            targetField = Optional.of(field);
        }
        if (targetField.isEmpty()) {
            return List.of(new ErasureLocation(target.ref().toString(), ErasureLocation.Kind.DERIVED, field, 0,
                    List.of("flow " + flow.id() + " does not copy " + field + ": the subject cannot be found there by it")));
        }
        String tf = targetField.get();
        long n = 0;
        List<String> details = new ArrayList<>();
        try (DatasetReader reader = stores.openReader(target.ref())) {
            if (byKey && target.key().equals(List.of(tf))) {
                Optional<Row> row = reader.lookup(Row.of(tf, value));
                n = row.isPresent() ? 1 : 0;
                row.ifPresent(r -> details.add("record " + tf + "=" + value + " is present" + maskedPii(r, target)));
            } else {
                n = countEqual(target, system, reader, tf, value);
                if (n > 0) {
                    details.add(n + " record(s) with " + tf + " = " + value);
                }
            }
        }
        List<ErasureLocation> found = new ArrayList<>();
        found.add(new ErasureLocation(target.ref().toString(), ErasureLocation.Kind.DERIVED, byKey ? "key" : tf, n, details));
        if (system.kind() == SystemKind.LUCENE && byKey && target.key().equals(List.of(tf))) {
            LuceneResidue.Count residue = LuceneResidue.deletedWithKey(stores.luceneIndex(system, target), Row.of(tf, value));
            found.add(new ErasureLocation(target.ref() + " (index files)", ErasureLocation.Kind.RESIDUE, "deleted documents", residue.withKey(),
                    residue.withKey() == 0 ? List.of() : List.of(residue.withKey() + " deleted document(s) of the subject are still in the segment files ("
                            + residue.deleted() + " deleted documents in all) until a merge rewrites them")));
        }
        return found;
    }

    /** Records whose field holds the value: a search index counts them itself (a term query), any other store is scanned. */
    private long countEqual(Dataset target, SystemSpec system, DatasetReader reader, String field, Object value) {
        Optional<SearchAudits> search = stores.searchIndex(system);
        if (search.isPresent()) {
            try {
                return search.get().countEqual(target, field, value);
            } catch (StoreException e) {
                LoggerFactory.getLogger(ErasureTracer.class).info("{}: the index cannot count by {} ({}); reading every document instead",
                        target.ref(), field, e.getMessage());
            }
        }
        long[] count = {0};
        String wanted = String.valueOf(value);
        reader.scan(r -> count[0] += matches(r, field, wanted) ? 1 : 0);
        return count[0];
    }

    private static String maskedPii(Row r, Dataset d) {
        List<String> shown = new ArrayList<>();
        d.fields().stream().filter(f -> !f.piiCategories().isEmpty() && r.get(f.name()) instanceof String).forEach(f ->
                shown.add(f.name() + "=" + Masking.generic((String) r.get(f.name()))));
        return shown.isEmpty() ? "" : " (" + String.join(", ", shown) + ")";
    }

    private static boolean matches(Row r, String field, String wanted) {
        return r != null && r.has(field) && Objects.equals(String.valueOf(r.get(field)), wanted);
    }
}
