package io.headwater.engine.audit.report;

import io.headwater.engine.model.DatasetRef;
import java.util.List;
import java.util.Objects;

/**
 * Personal data flowing along one flow: which PII fields of {@code from} reach which of {@code to}.
 *
 * @param from   the source dataset
 * @param to     the target dataset
 * @param flow   the flow's id
 * @param fields the target fields that carry PII, each as {@code field (category)}
 */
public record PiiEdge(DatasetRef from, DatasetRef to, String flow, List<String> fields) {
    public PiiEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(flow, "flow");
        fields = List.copyOf(fields);
    }
}
