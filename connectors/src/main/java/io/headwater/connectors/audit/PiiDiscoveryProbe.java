package io.headwater.connectors.audit;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.Probe;
import io.headwater.engine.audit.ProbeContext;
import io.headwater.engine.audit.pii.FieldNameHints;
import io.headwater.engine.audit.pii.PiiCategory;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.Row;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DatasetReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * PII discovery: the real columns of each system-of-record table (declared or not) and the fields
 * of each derived store, checked by name and by sampled values, compared with the declared
 * {@code pii:} tags. Reports undeclared personal data ({@code undeclared-pii}), declared categories
 * absent from the samples ({@code declared-pii-absent}), IBANs failing mod 97
 * ({@code pii-checksum-invalid}) and confirmed declarations ({@code pii-confirmed}), with counts
 * and masked examples.
 */
public final class PiiDiscoveryProbe implements Probe {
    public static final String ID = "pii-discovery";
    private final LiveStores stores;
    private final int sampleRows;

    public PiiDiscoveryProbe(LiveStores stores, int sampleRows) {
        this.stores = stores;
        this.sampleRows = sampleRows;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Personal data in column names and sampled values, against the declared pii: tags";
    }

    @Override
    public List<Evidence> gather(ProbeContext context) {
        List<Evidence> out = new ArrayList<>();
        for (SystemSpec s : context.pipeline().systems()) {
            for (Dataset d : s.datasets()) {
                context.cancellation().check("PII discovery");
                Evidence.Builder timer = Evidence.of(ID, d.ref().toString(), context.clock());
                try {
                    if (RecordTables.sqlRecord(stores, s)) {
                        out.addAll(recordTable(d, context));
                    } else if (s.role() == Role.DERIVED) {
                        out.addAll(derived(d, context));
                    }
                } catch (HeadwaterException e) {
                    out.add(timer.unavailable("cannot sample " + d.ref() + ": " + e.getMessage()));
                }
            }
        }
        return out;
    }

    private List<Evidence> recordTable(Dataset d, ProbeContext context) {
        SystemSpec system = stores.pipeline().systemOf(d.ref());
        Optional<ConnectionSource> ds = stores.connections(system);
        if (ds.isEmpty()) {
            return List.of(Evidence.of(ID, d.ref().toString(), context.clock()).unavailable("system " + system.id() + " is a "
                    + system.kind().configName() + " system: this probe samples SQL tables only, so it did not check it"));
        }
        long t0 = System.nanoTime();
        RecordTables.Sample sample = RecordTables.sample(ds.get(), d, sampleRows);
        Map<String, PiiTally> tallies = new LinkedHashMap<>();
        for (String column : sample.columns()) {
            tallies.put(column, new PiiTally());
        }
        for (Map<String, String> row : sample.rows()) {
            row.forEach((column, value) -> tallies.get(column).add(value));
        }
        List<Evidence> out = new ArrayList<>();
        for (String column : sample.columns()) {
            Optional<Field> declared = d.field(column);
            out.addAll(compare(d.ref() + "." + column, declared.orElse(null), tallies.get(column), sample.rows().size(), context));
        }
        return timed(out, t0);
    }

    private List<Evidence> derived(Dataset d, ProbeContext context) {
        long t0 = System.nanoTime();
        Map<String, PiiTally> tallies = new LinkedHashMap<>();
        d.fields().stream().filter(Policies::isText).forEach(f -> tallies.put(f.name(), new PiiTally()));
        long[] rows = {0};
        try (DatasetReader reader = stores.openReader(d.ref())) {
            reader.scan(new java.util.function.Consumer<Row>() {
                @Override
                public void accept(Row r) {
                    if (rows[0]++ < sampleRows) {
                        tallies.forEach((f, t) -> t.add(r.get(f) instanceof String s ? s : null));
                    }
                }
            });
        }
        List<Evidence> out = new ArrayList<>();
        for (Field f : d.fields()) {
            PiiTally t = tallies.getOrDefault(f.name(), new PiiTally());
            out.addAll(compare(d.ref() + "." + f.name(), f, t, Math.min(rows[0], sampleRows), context));
        }
        return timed(out, t0);
    }

    /** Evidence for one column: what its name and values suggest against what is declared. */
    private static List<Evidence> compare(String subject, Field declaredField, PiiTally tally, long rows, ProbeContext context) {
        Set<PiiCategory> declared = declaredField == null ? EnumSet.noneOf(PiiCategory.class) : Policies.declared(declaredField);
        Set<PiiCategory> found = EnumSet.noneOf(PiiCategory.class);
        found.addAll(tally.values().keySet());
        String column = subject.substring(subject.lastIndexOf('.') + 1);
        Optional<PiiCategory> byName = FieldNameHints.categoryOf(column);
        byName.ifPresent(found::add);
        List<Evidence> out = new ArrayList<>();
        Set<PiiCategory> undeclared = EnumSet.copyOf(found.isEmpty() ? EnumSet.noneOf(PiiCategory.class) : found);
        undeclared.removeAll(declared);
        if (!undeclared.isEmpty()) {
            Evidence.Builder b = Evidence.of(ID, subject, context.clock()).count("sampled", rows);
            List<String> parts = new ArrayList<>();
            for (PiiCategory c : undeclared) {
                long n = tally.count(c);
                b.count(c.configName(), n);
                parts.add(n > 0 ? c.configName() + " in " + n + " of " + tally.scanned() + " sampled values" : c.configName() + " (by its name)");
                tally.examples(c).forEach(e -> b.detail(c.configName() + " e.g. " + e));
            }
            out.add(b.detail(declaredField == null ? "the column is not declared in the pipeline config at all" : "declared without a pii: tag")
                    .finding("undeclared-pii", "undeclared personal data: " + String.join(", ", parts)));
        }
        for (PiiCategory c : declared) {
            Evidence.Builder b = Evidence.of(ID, subject, context.clock()).count("sampled", rows).count(c.configName(), tally.count(c));
            tally.examples(c).forEach(e -> b.detail("e.g. " + e));
            if (c.valueMatched() && tally.scanned() > 0 && tally.count(c) == 0) {
                out.add(b.finding("declared-pii-absent", "declared pii:" + c.configName() + " but none of " + tally.scanned() + " sampled values looks like one"));
            } else {
                out.add(b.fact("pii-confirmed", "declared pii:" + c.configName() + (c.valueMatched() ? ", found in " + tally.count(c) + " of " + tally.scanned()
                        + " sampled values" : ", confirmed by the declaration (names are not recognised in values)")));
            }
        }
        if (tally.invalidIbans() > 0) {
            out.add(Evidence.of(ID, subject, context.clock()).count("invalid", tally.invalidIbans()).count("sampled", tally.scanned())
                    .finding("pii-checksum-invalid", tally.invalidIbans() + " of " + tally.scanned() + " IBAN-shaped values fail the mod-97 check (test data, or corrupted account numbers)"));
        }
        return out;
    }

    /** Spreads the time of one dataset's sampling over its evidence, so probe times per store add up. */
    private static List<Evidence> timed(List<Evidence> evidence, long t0) {
        java.time.Duration total = java.time.Duration.ofNanos(System.nanoTime() - t0);
        return evidence.stream().map(e -> new Evidence(e.probe(), e.subject(), e.kind(), e.code(), e.summary(), e.details(), e.counts(), e.gatheredAt(),
                e == evidence.get(0) ? total : java.time.Duration.ZERO)).collect(Collectors.toList());
    }
}
