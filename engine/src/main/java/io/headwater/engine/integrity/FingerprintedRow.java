package io.headwater.engine.integrity;

import io.headwater.engine.model.Row;

/**
 * One record as a verification side streams it: its key, its fingerprint, and (when the side was
 * asked for values) the compared fields, for showing what differs.
 */
public record FingerprintedRow(Row key, long fingerprint, Row values) {
}
