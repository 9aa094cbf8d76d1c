package io.headwater.connectors.verify;

import io.headwater.engine.model.MappingFunction;

/**
 * One target field of a comparison and where its source value comes from.
 *
 * @param name         the target field (column) name
 * @param sourceColumn the source column read
 * @param targetColumn the target column read
 * @param function     the mapping function applied to the source value, or null
 * @param pairing      how the two are reconciled
 * @param key          whether the field is (part of) the key
 * @param compared     whether the field's values are compared (a key field outside the flow's mapping is only read)
 */
public record FieldPairing(String name, SqlColumn sourceColumn, SqlColumn targetColumn, MappingFunction function, ColumnPairing pairing,
                           boolean key, boolean compared) {
}
