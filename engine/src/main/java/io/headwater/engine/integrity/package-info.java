/**
 * End-to-end integrity verification: the canonical form of records, fingerprints, segment
 * checksums and the bisection that narrows unequal segments down to the differing keys
 * ({@link io.headwater.engine.integrity.Verifier}), the lag-aware re-check of findings
 * ({@link io.headwater.engine.integrity.InFlightResolver}) and two generic sides: over any
 * {@link io.headwater.engine.spi.DatasetReader} and over records in memory.
 */
package io.headwater.engine.integrity;
