package io.headwater.connectors.audit;

import io.headwater.connectors.opensearch.SearchAudits;
import io.headwater.engine.StoreException;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.ProbeContext;
import io.headwater.engine.lineage.FieldPath;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DatasetReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The ages of the records a dataset holds: by its own timestamp field in the system of record, or,
 * for a derived store, by the timestamp of the record its key was derived from (through the lineage
 * of its single key field). Not thread-safe.
 */
final class RecordAges {
    private final LiveStores stores;
    private final ProbeContext context;

    RecordAges(LiveStores stores, ProbeContext context) {
        this.stores = stores;
        this.context = context;
    }

    Evidence check(SystemSpec s, Dataset d, Duration policy) {
        Instant cutoff = context.clock().instant().minus(policy);
        if (RecordTables.sqlRecord(stores, s) && d.timestamp().isPresent()) {
            return recordTable(d, policy, cutoff);
        }
        if (s.role() == Role.DERIVED) {
            return derived(d, policy, cutoff);
        }
        return Evidence.of(RetentionProbe.ID, d.ref().toString(), context.clock()).finding("age-unknown",
                "cannot tell the age of its records: declare timestamp: on the dataset");
    }

    private Evidence recordTable(Dataset d, Duration policy, Instant cutoff) {
        Evidence.Builder b = Evidence.of(RetentionProbe.ID, d.ref().toString(), context.clock());
        String ts = d.timestamp().orElseThrow();
        String sql = "SELECT count(*), min(" + ts + "), count(*) FILTER (WHERE " + ts + " < ?) FROM " + d.physicalName();
        try (Connection c = RecordTables.connect(RecordTables.connectionsOf(stores, stores.pipeline().systemOf(d.ref())), d.ref().toString());
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp oldest = rs.getTimestamp(2);
                return verdict(b, rs.getLong(1), rs.getLong(3), 0, oldest == null ? null : oldest.toInstant(), policy, "by " + ts);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the ages of " + d.ref() + ": " + e.getMessage(), e);
        }
    }

    private Evidence derived(Dataset d, Duration policy, Instant cutoff) {
        Evidence.Builder b = Evidence.of(RetentionProbe.ID, d.ref().toString(), context.clock());
        Optional<Origin> origin = d.timestamp().isPresent() ? Optional.empty() : origin(d);
        if (d.timestamp().isEmpty() && origin.isEmpty()) {
            return b.finding("age-unknown", "cannot tell the age of its records: it has no timestamp and its key does not come from a record with one");
        }
        Optional<Evidence> indexed = d.timestamp().flatMap(ts -> byIndex(d, ts, policy, cutoff, b));
        if (indexed.isPresent()) {
            return indexed.get();
        }
        Map<String, Instant> sourceAges = origin.map(this::sourceAges).orElse(Map.of());
        long[] n = {0, 0, 0};
        Instant[] oldest = {null};
        try (DatasetReader reader = stores.openReader(d.ref())) {
            reader.scan(row -> {
                n[0]++;
                Instant at = d.timestamp().isPresent() ? asInstant(row.get(d.timestamp().get())) : sourceAges.get(String.valueOf(row.get(d.key().get(0))));
                if (at == null) {
                    n[2]++;
                    return;
                }
                n[1] += at.isBefore(cutoff) ? 1 : 0;
                oldest[0] = oldest[0] == null || at.isBefore(oldest[0]) ? at : oldest[0];
            });
        }
        String how = origin.map(o -> "by " + o.source().ref() + "." + o.timestamp() + ", through the lineage of " + o.path()).orElse("by " + d.timestamp().orElse(""));
        return verdict(b, n[0], n[1], n[2], oldest[0], policy, how);
    }

    /**
     * A search index answers the ages itself (the oldest by a {@code min} on the timestamp field, the
     * count past the cut-off by a range filter) instead of being read through; empty for other kinds,
     * or when the index cannot aggregate the field (then it is scanned).
     */
    private Optional<Evidence> byIndex(Dataset d, String ts, Duration policy, Instant cutoff, Evidence.Builder b) {
        Optional<SearchAudits> search = stores.searchIndex(stores.pipeline().systemOf(d.ref()));
        if (search.isEmpty()) {
            return Optional.empty();
        }
        try {
            SearchAudits.Ages ages = search.get().ages(d, ts, cutoff);
            return Optional.of(verdict(b, ages.records(), ages.past(), ages.unknown(), ages.oldest(), policy,
                    "by " + ts + ", asked of the index (min and range on the field)"));
        } catch (StoreException e) {
            LoggerFactory.getLogger(RecordAges.class).info("{}: the index cannot aggregate {} ({}); reading every document instead",
                    d.ref(), ts, e.getMessage());
            return Optional.empty();
        }
    }

    private Evidence verdict(Evidence.Builder b, long rows, long past, long unknown, Instant oldest, Duration policy, String how) {
        b.count("records", rows).count("past-retention", past);
        if (unknown > 0) {
            b.count("age-unknown", unknown).detail(unknown + " records have no source record any more: their age is unknown (see the erasure trace)");
        }
        b.detail("ages " + how);
        if (oldest != null) {
            b.detail("oldest record: " + Policies.age(Duration.between(oldest, context.clock().instant())) + " old");
        }
        if (past > 0) {
            return b.finding("past-retention", past + " of " + rows + " records are older than the declared retention " + Policies.human(policy));
        }
        return b.fact("within-retention", "all " + rows + " records are within the declared retention " + Policies.human(policy));
    }

    /** Where a derived dataset's key comes from: a record dataset with a timestamp, reached by plain copies of its key. */
    record Origin(Dataset source, String key, String timestamp, String path) {
    }

    private Optional<Origin> origin(Dataset d) {
        if (d.key().size() != 1) {
            return Optional.empty();
        }
        List<FieldPath> paths = context.lineage().origin(new FieldRef(d.ref(), d.key().get(0)));
        for (FieldPath p : paths) {
            Dataset src = context.pipeline().requireDataset(p.start().dataset());
            SystemSpec sys = context.pipeline().systemOf(src.ref());
            boolean plain = p.hops().stream().allMatch(h -> h.expression() instanceof io.headwater.engine.model.Expression.Column);
            if (RecordTables.sqlRecord(stores, sys) && src.timestamp().isPresent() && plain
                    && src.key().equals(List.of(p.start().field()))) {
                return Optional.of(new Origin(src, p.start().field(), src.timestamp().get(), p.render()));
            }
        }
        return Optional.empty();
    }

    private Map<String, Instant> sourceAges(Origin o) {
        Map<String, Instant> out = new HashMap<>();
        String sql = "SELECT " + o.key() + ", " + o.timestamp() + " FROM " + o.source().physicalName();
        try (Connection c = RecordTables.connect(RecordTables.connectionsOf(stores, stores.pipeline().systemOf(o.source().ref())), o.source().ref().toString());
             PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp t = rs.getTimestamp(2);
                out.put(rs.getString(1), t == null ? null : t.toInstant());
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the ages of " + o.source().ref() + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static Instant asInstant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof java.time.LocalDate ld) {
            return ld.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        }
        return null;
    }

}
