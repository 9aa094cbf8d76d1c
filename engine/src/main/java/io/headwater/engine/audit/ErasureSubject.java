package io.headwater.engine.audit;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.Row;
import io.headwater.engine.replay.KeyLiteral;
import java.util.List;
import java.util.Objects;

/**
 * A data subject to trace: one record of a system-of-record dataset, given as
 * {@code customers:42}, {@code pg.customers:42} or {@code customers:id=42}.
 *
 * @param dataset the record dataset
 * @param key     the record's key
 * @param text    as the user wrote it
 */
public record ErasureSubject(Dataset dataset, Row key, String text) {
    public ErasureSubject {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Parses {@code DATASET:KEY}; the dataset is a record dataset named {@code system.dataset} or
     * just {@code dataset} when one record system has it.
     *
     * @throws IllegalArgumentException with a message naming the accepted datasets
     */
    public static ErasureSubject parse(Pipeline pipeline, String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        List<Dataset> records = pipeline.systems().stream().filter(s -> s.role() == Role.RECORD && !s.eventSourced())
                .flatMap(s -> s.datasets().stream()).toList();
        List<String> accepted = records.stream().map(d -> d.ref().dataset() + ":KEY").toList();
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a subject: write DATASET:KEY, e.g. " + (accepted.isEmpty() ? "customers:42" : accepted.get(0).replace("KEY", "42")));
        }
        String name = text.substring(0, colon);
        DatasetRef ref = DatasetRef.parse(name);
        List<Dataset> matching = records.stream().filter(d -> ref != null ? d.ref().equals(ref) : d.ref().dataset().equals(name)).toList();
        if (matching.size() != 1) {
            throw new IllegalArgumentException("'" + name + "' is not " + (matching.isEmpty() ? "a" : "a unique") + " system-of-record dataset of pipeline "
                    + pipeline.name() + "; accepted: " + accepted);
        }
        Dataset d = matching.get(0);
        return new ErasureSubject(d, KeyLiteral.parse(d, text.substring(colon + 1)), text);
    }

    /** The name of a field in other datasets that refers to this subject: {@code customer_id} for {@code customers}. */
    public String referenceField() {
        String n = dataset.ref().dataset();
        String singular = n.endsWith("ies") ? n.substring(0, n.length() - 3) + "y" : n.endsWith("s") ? n.substring(0, n.length() - 1) : n;
        return singular + "_id";
    }

    /** The key's single value, for a simple key; null for a composite key. */
    public Object keyValue() {
        return key.fields().size() == 1 ? key.get(key.fields().iterator().next()) : null;
    }
}
