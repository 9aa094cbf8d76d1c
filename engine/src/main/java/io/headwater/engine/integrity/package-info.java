/**
 * End-to-end integrity verification: the canonical form of records, fingerprints, segment
 * checksums and the bisection that narrows unequal segments down to the differing keys.
 */
package io.headwater.engine.integrity;
