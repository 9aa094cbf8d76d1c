package io.headwater.engine.audit.report;

import io.headwater.engine.audit.AuditSession;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a report shows: an audit, the PII flows of its pipeline (drawn in the HTML report), and when
 * it was generated.
 */
public record AuditReport(AuditSession session, List<PiiEdge> piiFlows, Instant generated) {
    public AuditReport {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(generated, "generated");
        piiFlows = List.copyOf(piiFlows);
    }
}
