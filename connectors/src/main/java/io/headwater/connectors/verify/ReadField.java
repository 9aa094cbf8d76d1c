package io.headwater.connectors.verify;

import io.headwater.engine.model.MappingFunction;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One field a {@link NormalisedTableReader} produces: read from a column, passed through a scalar
 * mapping function if any ({@code lower}, {@code upper}, {@code trim}, {@code day}), then brought to
 * the compared form by the column pairing's conversion.
 *
 * @param name     the field's name in the compared (target) terms
 * @param column   the column it is read from
 * @param function the mapping function, or null
 * @param convert  the pairing's conversion of this side's value
 */
record ReadField(String name, SqlColumn column, MappingFunction function, UnaryOperator<Object> convert) {
    ReadField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(convert, "convert");
    }

    /** The compared value of a column value. */
    Object value(Object raw) {
        Object v = function == null || raw == null ? raw : function.applyScalar(raw);
        return convert.apply(v);
    }
}
