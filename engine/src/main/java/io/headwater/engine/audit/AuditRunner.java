package io.headwater.engine.audit;

import io.headwater.engine.Cancelled;
import io.headwater.engine.HeadwaterException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a checklist's probes against a pipeline and builds the audit: each probe runs once, however
 * many items name it; each item gets the evidence of its probes and a suggested status. A probe
 * that fails (a {@link HeadwaterException}) becomes {@link EvidenceKind#UNAVAILABLE} evidence, so one
 * unreachable store does not lose the whole audit. A runnable unit: the caller's thread does the
 * work. Not thread-safe.
 */
public final class AuditRunner {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRunner.class);

    private final Map<String, Probe> probes;

    /** Receives each probe's start and end (for progress output). */
    public interface Listener {
        Listener NONE = new Listener() { };

        default void probeStarted(Probe probe, int index, int total) {
        }

        default void probeFinished(ProbeRun run) {
        }
    }

    public AuditRunner(List<Probe> probes) {
        Map<String, Probe> byId = new LinkedHashMap<>();
        probes.forEach(p -> byId.put(p.id(), p));
        this.probes = byId;
    }

    /** The ids of the probes this runner knows. */
    public java.util.Set<String> probeIds() {
        return probes.keySet();
    }

    /** Runs every probe {@code checklist} names and answers each item with its suggested status. */
    public AuditSession run(Checklist checklist, ProbeContext context, String reviewer, Listener listener) {
        Instant started = context.clock().instant();
        Map<String, List<Evidence>> evidence = new LinkedHashMap<>();
        List<ProbeRun> runs = new ArrayList<>();
        List<String> names = checklist.probes();
        for (int i = 0; i < names.size(); i++) {
            context.cancellation().check("audit " + checklist.id());
            Probe probe = probes.get(names.get(i));
            if (probe == null) {
                throw new HeadwaterException("checklist " + checklist.id() + " names probe '" + names.get(i) + "', which is not available; probes: " + probes.keySet());
            }
            listener.probeStarted(probe, i, names.size());
            ProbeRun run = runOne(probe, context, evidence);
            runs.add(run);
            listener.probeFinished(run);
        }
        List<ItemAnswer> answers = new ArrayList<>();
        for (ChecklistItem item : checklist.items()) {
            List<Evidence> ev = item.probes().stream().flatMap(p -> evidence.getOrDefault(p, List.of()).stream()).filter(item::shows).toList();
            AuditStatus suggested = item.rule().suggest(ev);
            answers.add(new ItemAnswer(item, suggested, suggested, "", ev));
        }
        return new AuditSession(0, checklist.id(), checklist.title(), checklist.source(), context.pipeline().name(), reviewer, started,
                context.clock().instant(), answers, runs);
    }

    private ProbeRun runOne(Probe probe, ProbeContext context, Map<String, List<Evidence>> evidence) {
        Instant at = context.clock().instant();
        long t0 = System.nanoTime();
        try {
            List<Evidence> found = probe.gather(context);
            evidence.put(probe.id(), found);
            return new ProbeRun(probe.id(), probe.title(), at, Duration.ofNanos(System.nanoTime() - t0), found.size(), null);
        } catch (Cancelled e) {
            throw e;
        } catch (HeadwaterException e) {
            LOG.warn("probe {} failed: {}", probe.id(), e.getMessage(), e);
            Evidence failed = Evidence.of(probe.id(), context.pipeline().name(), context.clock()).unavailable("the probe could not run: " + e.getMessage());
            evidence.put(probe.id(), List.of(failed));
            return new ProbeRun(probe.id(), probe.title(), at, Duration.ofNanos(System.nanoTime() - t0), 1, e.getMessage());
        }
    }
}
