package io.headwater.connectors.audit;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.audit.ErasureLocation;
import io.headwater.engine.audit.ErasureSubject;
import io.headwater.engine.audit.ErasureTrace;
import io.headwater.engine.audit.Evidence;
import io.headwater.engine.audit.Probe;
import io.headwater.engine.audit.ProbeContext;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Row;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Erasure: finds the data subjects deleted most recently (delete events in the change log of each
 * personal-data table of the system of record) and traces each with {@link ErasureTracer}. A
 * derived store or a referring record that still holds a deleted subject is
 * {@code deletion-not-propagated}; the log keeping its values is {@code log-keeps-deleted}; Lucene
 * segment files still holding it are {@code residue-after-deletion}.
 */
public final class ErasureProbe implements Probe {
    public static final String ID = "erasure";
    private static final long TOPIC_LIMIT = 2_000_000;
    private final LiveStores stores;
    private final int subjects;

    /** @param subjects how many recently deleted subjects to trace per table */
    public ErasureProbe(LiveStores stores, int subjects) {
        this.stores = stores;
        this.subjects = subjects;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Recently deleted data subjects traced through the lineage into every derived store and the log";
    }

    @Override
    public List<Evidence> gather(ProbeContext context) {
        List<Evidence> out = new ArrayList<>();
        ErasureTracer tracer = new ErasureTracer(stores, context.clock());
        for (SystemSpec s : context.pipeline().systems()) {
            if (!RecordTables.sqlRecord(stores, s)) {
                continue;
            }
            for (Dataset d : s.datasets()) {
                if (!Policies.hasPii(d) || d.key().size() != 1) {
                    continue;
                }
                context.cancellation().check("erasure");
                Evidence.Builder timer = Evidence.of(ID, d.ref().toString(), context.clock());
                try {
                    List<Object> deleted = recentlyDeleted(d);
                    if (deleted.isEmpty()) {
                        out.add(timer.fact("no-deletions", "no deletion of " + d.ref() + " in its change log to trace"));
                    }
                    for (Object key : deleted) {
                        ErasureSubject subject = new ErasureSubject(d, Row.of(d.key().get(0), key), d.ref().dataset() + ":" + key);
                        out.addAll(evidence(tracer.trace(subject), context));
                    }
                } catch (HeadwaterException e) {
                    out.add(timer.unavailable("cannot trace deletions of " + d.ref() + ": " + e.getMessage()));
                }
            }
        }
        return out;
    }

    /** The keys of the last deletions in the table's change log whose record is still gone. */
    private List<Object> recentlyDeleted(Dataset d) {
        Optional<Flow> cdc = stores.pipeline().flowsFrom(d.ref()).stream().filter(f -> f.kind() == FlowKind.CDC).findFirst();
        if (cdc.isEmpty()) {
            return List.of();
        }
        Dataset topic = stores.pipeline().requireDataset(cdc.get().to());
        Set<Object> keys = new LinkedHashSet<>();
        TopicText.read(stores.eventLog(topic.ref()), topic.physicalName(), TOPIC_LIMIT, r -> {
            Optional<ChangeEvent> e = stores.decoder().decode(r, topic);
            if (e.isEmpty()) {
                return;
            }
            Object key = e.get().key().get(d.key().get(0));
            keys.remove(key);
            if (e.get().op() == ChangeOp.DELETE) {
                keys.add(key);
            }
        });
        List<Object> all = new ArrayList<>(keys);
        return all.subList(Math.max(0, all.size() - subjects), all.size());
    }

    static List<Evidence> evidence(ErasureTrace trace, ProbeContext context) {
        List<Evidence> out = new ArrayList<>();
        String who = trace.subject().text();
        for (ErasureLocation l : trace.holding()) {
            Evidence.Builder b = Evidence.of(ID, l.place(), context.clock()).count("records", l.records()).details(l.details()).detail("subject " + who);
            switch (l.kind()) {
                case LOG -> out.add(b.finding("log-keeps-deleted", "the log still carries deleted subject " + who + " in " + l.records() + " event(s)"));
                case RESIDUE -> out.add(b.finding("residue-after-deletion", "deleted subject " + who + " is still in the store's files"));
                default -> out.add(b.finding("deletion-not-propagated", "deleted subject " + who + " is still held: " + l.records() + " record(s) by " + l.how()));
            }
        }
        if (!trace.stillHeld()) {
            out.add(Evidence.of(ID, trace.subject().dataset().ref().toString(), context.clock()).count("places", trace.locations().size())
                    .fact("erased", "deleted subject " + who + " is gone from all " + trace.locations().size() + " places traced"));
        }
        return out;
    }
}
