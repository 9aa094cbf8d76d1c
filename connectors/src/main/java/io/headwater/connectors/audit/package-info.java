/**
 * The audit probes ({@link io.headwater.engine.audit.Probe}) against the live systems of a pipeline,
 * reached through {@link io.headwater.connectors.audit.LiveStores}: PII discovery, minimisation,
 * access, retention, erasure trace, correction and breach exposure. Vendor exceptions are wrapped
 * here; a store that cannot be read becomes "unavailable" evidence for it.
 */
package io.headwater.connectors.audit;
