package io.headwater.connectors.audit;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.Probe;
import io.headwater.engine.audit.ProbeContext;
import io.headwater.engine.audit.pii.PiiCategory;
import io.headwater.engine.lineage.FieldPath;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DatasetReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Breach exposure: per derived store and per log topic, the personal data a thief of its files
 * would read in plain text: declared personal fields, and values recognised in a sample (for
 * topics, the text values of the raw records, undeclared columns included). None of the embedded
 * stores encrypts its files. {@code plain-text-card} when payment cards are exposed,
 * {@code plain-text-pii} otherwise.
 *
 * <p>Topics are read only where the lineage says personal data can be: a topic that declares a
 * {@code pii:} field or that a declared personal field flows into. The others are not read
 * ({@code no-pii-by-lineage}); undeclared personal data in a system of record is the pii-discovery
 * probe's to find. A topic of more records than the sample size is sampled ({@link TopicSample}),
 * and its evidence states what was read and the confidence of what was not found; a topic read
 * whole has exact counts. Thread-safe if the stores are.
 */
public final class BreachExposureProbe implements Probe {
    public static final String ID = "breach-exposure";
    private final LiveStores stores;
    private final int sampleRecords;

    public BreachExposureProbe(LiveStores stores, int sampleRecords) {
        this.stores = stores;
        this.sampleRecords = sampleRecords;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Personal data stored in plain text, per derived store and log topic";
    }

    @Override
    public List<Evidence> gather(ProbeContext context) {
        List<Evidence> out = new ArrayList<>();
        Map<DatasetRef, Set<String>> reach = piiReach(context);
        for (SystemSpec s : context.pipeline().systems()) {
            if (s.role() == Role.RECORD && !s.eventSourced()) {
                continue;
            }
            for (Dataset d : s.datasets()) {
                context.cancellation().check("breach exposure");
                Evidence.Builder b = Evidence.of(ID, d.ref().toString(), context.clock());
                try {
                    if (s.kind() == SystemKind.KAFKA && !reach.containsKey(d.ref())) {
                        out.add(b.fact("no-pii-by-lineage", "not read: no pii: field is declared in or flows into topic " + d.physicalName()
                                + " on " + s.id() + " (undeclared personal data at its source is pii-discovery's to find)"));
                        continue;
                    }
                    if (s.kind() == SystemKind.KAFKA) {
                        b.detail("lineage: personal fields in this topic: " + String.join(", ", reach.get(d.ref())));
                    }
                    PiiTally tally = new PiiTally();
                    TopicSample.Result sample = s.kind() == SystemKind.KAFKA ? topic(d, tally) : derived(d, tally);
                    out.add(verdict(b, s, d, tally, sample));
                } catch (HeadwaterException e) {
                    out.add(b.unavailable("cannot sample " + d.ref() + ": " + e.getMessage()));
                }
            }
        }
        return out;
    }

    /** Per dataset, the fields that declare a pii: tag or that one flows into, by the field-level lineage. */
    private static Map<DatasetRef, Set<String>> piiReach(ProbeContext context) {
        Map<DatasetRef, Set<String>> reach = new HashMap<>();
        for (SystemSpec s : context.pipeline().systems()) {
            for (Dataset d : s.datasets()) {
                for (Field f : d.fields()) {
                    if (Policies.declared(f).isEmpty()) {
                        continue;
                    }
                    reach.computeIfAbsent(d.ref(), k -> new TreeSet<>()).add(f.name());
                    for (FieldPath p : context.lineage().impact(new FieldRef(d.ref(), f.name()))) {
                        reach.computeIfAbsent(p.target().dataset(), k -> new TreeSet<>()).add(p.target().field());
                    }
                }
            }
        }
        return reach;
    }

    private TopicSample.Result topic(Dataset d, PiiTally tally) {
        return TopicSample.read(stores.eventLog(d.ref()), d.physicalName(), sampleRecords, r -> {
            StringBuilder text = new StringBuilder();
            TopicText.strings(r.value(), v -> text.append(v).append('\n'));
            tally.add(text.toString());
        });
    }

    private TopicSample.Result derived(Dataset d, PiiTally tally) {
        long[] n = {0};
        try (DatasetReader reader = stores.openReader(d.ref())) {
            reader.scan(r -> {
                if (n[0]++ < sampleRecords) {
                    StringBuilder text = new StringBuilder();
                    d.fields().stream().filter(Policies::isText).forEach(f -> text.append(r.get(f.name()) instanceof String v ? v : "").append('\n'));
                    tally.add(text.toString());
                }
            });
        }
        return new TopicSample.Result(n[0], tally.scanned(), 1, n[0] <= sampleRecords);
    }

    private Evidence verdict(Evidence.Builder b, SystemSpec s, Dataset d, PiiTally tally, TopicSample.Result sample) {
        Set<PiiCategory> exposed = EnumSet.noneOf(PiiCategory.class);
        exposed.addAll(tally.values().keySet());
        Map<String, Long> declared = new LinkedHashMap<>();
        for (Field f : d.fields()) {
            Policies.declared(f).forEach(c -> {
                exposed.add(c);
                declared.put(f.name() + " (" + c.configName() + ")", 0L);
            });
        }
        String where = s.kind() == SystemKind.KAFKA ? "topic " + d.physicalName() + " on " + s.id() : s.kind().configName() + " store " + s.id()
                + (s.embedded() ? " in " + stores.systemDir(s) : " at " + s.displayAddress());
        b.count("sampled", tally.scanned());
        b.count("records", sample.records());
        for (PiiCategory c : exposed) {
            b.count(c.configName(), tally.count(c));
            tally.examples(c).forEach(e -> b.detail(c.configName() + " e.g. " + e));
        }
        b.details(SampleConfidence.describe(sample, tally));
        if (!declared.isEmpty()) {
            b.detail("declared personal fields: " + String.join(", ", declared.keySet()));
        }
        if (exposed.isEmpty()) {
            return b.fact("no-pii-exposed", "no personal data found in " + where + " (" + SampleConfidence.extent(sample) + ")");
        }
        b.detail(where + ": stored unencrypted; anyone who can read its files reads these values");
        String cats = String.join(", ", exposed.stream().map(PiiCategory::configName).toList());
        return exposed.contains(PiiCategory.PAYMENT_CARD)
                ? b.finding("plain-text-card", "payment card numbers and other personal data (" + cats + ") in plain text in " + where
                        + " (" + SampleConfidence.extent(sample) + ")")
                : b.finding("plain-text-pii", "personal data (" + cats + ") in plain text in " + where + " (" + SampleConfidence.extent(sample) + ")");
    }
}
