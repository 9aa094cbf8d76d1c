package io.headwater.app.runtime.audit;

import io.headwater.connectors.audit.AccessProbe;
import io.headwater.connectors.audit.BreachExposureProbe;
import io.headwater.connectors.audit.CorrectionProbe;
import io.headwater.connectors.audit.ErasureProbe;
import io.headwater.connectors.audit.LiveStores;
import io.headwater.connectors.audit.MinimisationProbe;
import io.headwater.connectors.audit.PiiDiscoveryProbe;
import io.headwater.connectors.audit.RetentionProbe;
import io.headwater.engine.audit.Probe;
import java.util.List;
import java.util.Set;

/** Every audit probe, wired to the live stores of a pipeline. */
public final class AuditProbes {
    /** Rows (or records) sampled per dataset for PII recognition. */
    public static final int SAMPLE_ROWS = 5_000;
    /** Recently deleted subjects traced per table by the erasure probe. */
    public static final int ERASED_SUBJECTS = 3;
    /** Recently updated records checked per table by the correction probe. */
    public static final int CORRECTED_KEYS = 20;

    /** The ids every checklist may name. */
    public static final Set<String> IDS = Set.of(PiiDiscoveryProbe.ID, MinimisationProbe.ID, AccessProbe.ID, RetentionProbe.ID, ErasureProbe.ID,
            CorrectionProbe.ID, BreachExposureProbe.ID);

    private AuditProbes() {
    }

    public static List<Probe> all(LiveStores stores) {
        return List.of(new PiiDiscoveryProbe(stores, SAMPLE_ROWS), new MinimisationProbe(), new AccessProbe(stores), new RetentionProbe(stores),
                new ErasureProbe(stores, ERASED_SUBJECTS), new CorrectionProbe(stores, CORRECTED_KEYS), new BreachExposureProbe(stores, SAMPLE_ROWS));
    }
}
