package io.headwater.app.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.model.Row;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;

/**
 * The JSON form of verification results: the summary, and the findings with keys and differing
 * values. One form for the CLI's output and report file and for the runs kept in the verification
 * history, so that the workbench reads back what {@code headwater verify} wrote. Stateless.
 */
public final class VerificationReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VerificationReportJson() {
    }

    /** A result with the given findings (all of them for a report, the listed ones for a summary). */
    public static ObjectNode result(String flow, VerificationResult r, Collection<Finding> findings) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("flow", flow);
        n.put("source", r.source());
        n.put("target", r.target());
        n.put("clean", r.clean());
        n.put("algorithm", r.algorithm().name());
        n.put("sourceCount", r.sourceCount());
        n.put("targetCount", r.targetCount());
        n.put("compared", r.compared());
        n.put("missing", r.counts().missing());
        n.put("extra", r.counts().extra());
        n.put("mismatched", r.counts().mismatched());
        n.put("inFlight", r.counts().inFlight());
        n.put("expired", r.counts().expired());
        n.put("keptDeleted", r.counts().keptDeleted());
        n.put("millis", r.elapsed().toMillis());
        n.put("rowsPerSecond", Math.round(r.rowsPerSecond()));
        n.put("segmentsCompared", r.segmentsCompared());
        n.put("segmentsSplit", r.segmentsSplit());
        if (r.merkleRoot() != null) {
            n.put("merkleRoot", r.merkleRoot());
        }
        ArrayNode list = n.putArray("findings");
        for (Finding f : findings) {
            ObjectNode fn = list.addObject();
            fn.put("type", f.type().name().toLowerCase(java.util.Locale.ROOT));
            fn.set("key", row(f.key()));
            if (!f.differingFields().isEmpty()) {
                fn.set("fields", MAPPER.valueToTree(f.differingFields()));
            }
            if (f.sourceValues() != null) {
                fn.set("source", row(f.sourceValues()));
            }
            if (f.targetValues() != null) {
                fn.set("derived", row(f.targetValues()));
            }
            if (f.note() != null && !f.note().isEmpty()) {
                fn.put("note", f.note());
            }
        }
        return n;
    }

    /** A row as a JSON object: bytes as hex (long ones as their size and SHA-256), instants truncated as compared. */
    public static ObjectNode row(Row row) {
        ObjectNode n = MAPPER.createObjectNode();
        for (Map.Entry<String, Object> e : row.asMap().entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                n.putNull(e.getKey());
            } else if (v instanceof byte[] b) {
                n.put(e.getKey(), b.length > 64 ? b.length + " bytes, sha-256 " + HexFormat.of().formatHex(
                        io.headwater.engine.integrity.FingerprintAlgorithm.sha256(b)) : HexFormat.of().formatHex(b));
            } else if (v instanceof Double || v instanceof Float) {
                n.put(e.getKey(), ((Number) v).doubleValue());
            } else if (v instanceof Number num && !(v instanceof java.math.BigDecimal)) {
                n.put(e.getKey(), num.longValue());
            } else {
                n.put(e.getKey(), v instanceof java.time.Instant i ? CanonicalForm.truncate(i).toString()
                        : v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString());
            }
        }
        return n;
    }
}
