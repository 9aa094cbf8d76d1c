package io.headwater.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.app.runtime.VerificationReportJson;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.model.Row;
import java.util.Collection;

/** The JSON form of verification results, as {@link VerificationReportJson} writes it (shared with the verification history). */
final class VerificationJson {
    private VerificationJson() {
    }

    static ObjectNode result(String flow, VerificationResult r, Collection<Finding> findings) {
        return VerificationReportJson.result(flow, r, findings);
    }

    static ObjectNode row(Row row) {
        return VerificationReportJson.row(row);
    }
}
