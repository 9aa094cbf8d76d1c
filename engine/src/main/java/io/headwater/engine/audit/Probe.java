package io.headwater.engine.audit;

import java.util.List;

/**
 * Gathers evidence for audit items from the live systems of a pipeline: PII in sampled values,
 * grants, retention settings, where a data subject still lives. Implemented per technology in
 * {@code connectors} (and in {@code app} where a probe needs the running pipeline's verification);
 * a checklist names probes by {@link #id()}.
 *
 * <p>A probe returns evidence per subject (store, dataset, topic), each with the time it was
 * gathered and how long it took, so that an audit can report probe times per store. A probe that
 * cannot reach one store returns {@link EvidenceKind#UNAVAILABLE} evidence for it and goes on; it
 * throws only when it cannot run at all. Implementations are used by one thread at a time.
 */
public interface Probe {
    /** The id checklists use: {@code pii-discovery}, {@code retention}. */
    String id();

    /** What it checks, one line, for reports. */
    String title();

    /** Gathers the evidence; checks {@code context.cancellation()} between stores. */
    List<Evidence> gather(ProbeContext context);
}
