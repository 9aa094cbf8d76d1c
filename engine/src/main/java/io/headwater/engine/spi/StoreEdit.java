package io.headwater.engine.spi;

import io.headwater.engine.model.Row;
import java.util.Objects;

/**
 * A change written straight into a derived store, in the store's own (target) form: an upsert of
 * {@code row} under {@code key}, or a removal when {@code row} is null. Used for fault injection.
 */
public record StoreEdit(Row key, Row row) {
    public StoreEdit {
        Objects.requireNonNull(key, "key");
    }

    public boolean removes() {
        return row == null;
    }
}
