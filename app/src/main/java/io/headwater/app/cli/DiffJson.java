package io.headwater.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.connectors.verify.ComparisonPlan;
import io.headwater.connectors.verify.FieldPairing;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.VerificationResult;
import java.util.Collection;

/** The JSON form of a {@code headwater diff}: the verification result as {@code verify} writes it, plus how the columns were paired. */
final class DiffJson {
    private DiffJson() {
    }

    static ObjectNode result(String source, String target, ComparisonPlan plan, VerificationResult r, Collection<Finding> findings) {
        ObjectNode node = VerificationJson.result("diff", r, findings);
        node.put("sourceUrl", source);
        node.put("targetUrl", target);
        node.put("pushDown", plan.pushDown());
        node.put("method", plan.reason());
        ArrayNode columns = node.putArray("columns");
        for (FieldPairing p : plan.fields()) {
            ObjectNode c = columns.addObject();
            c.put("name", p.name());
            c.put("key", p.key());
            c.put("sourceType", p.sourceColumn().typeName());
            c.put("targetType", p.targetColumn().typeName());
            c.put("comparedAs", p.pairing().type().configName());
            c.put("rule", p.pairing().rule());
        }
        return node;
    }
}
