package io.headwater.engine.integrity.internal;

import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.FingerprintedRow;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Row;
import java.util.List;

/** Turns a record already in the compared form into a {@link FingerprintedRow}. Thread-safe. */
public final class Fingerprinter {
    private final CanonicalForm form;
    private final List<String> keyNames;
    private final List<String> valueNames;

    public Fingerprinter(CanonicalForm form, KeyOrder keyOrder) {
        this.form = form;
        this.keyNames = keyOrder.keyNames();
        this.valueNames = form.fields().stream().map(Field::name).toList();
    }

    /** The key of a record. */
    public Row key(Row row) {
        return row.project(keyNames);
    }

    /** The compared fields of a record. */
    public Row values(Row row) {
        return row.project(valueNames);
    }

    /** The fingerprinted record; with values only when asked. */
    public FingerprintedRow of(Row row, FingerprintAlgorithm algorithm, boolean withValues) {
        return of(key(row), row, algorithm, withValues);
    }

    /** The fingerprinted record whose key is known already. */
    public FingerprintedRow of(Row key, Row row, FingerprintAlgorithm algorithm, boolean withValues) {
        long fp = algorithm.fingerprint(form.text(row));
        return new FingerprintedRow(key, fp, withValues ? values(row) : null);
    }
}
