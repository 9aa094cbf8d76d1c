/**
 * Privacy and retention audits: checklists as data ({@link io.headwater.engine.audit.Checklist},
 * loaded by {@link io.headwater.engine.audit.ChecklistLoader}), {@link io.headwater.engine.audit.Probe}s
 * that gather {@link io.headwater.engine.audit.Evidence} from the live systems (implemented in
 * {@code connectors}), suggested statuses ({@link io.headwater.engine.audit.StatusRule}), audit
 * sessions ({@link io.headwater.engine.audit.AuditSession}, run by {@link io.headwater.engine.audit.AuditRunner},
 * stored through {@link io.headwater.engine.audit.AuditStore}) and the erasure trace
 * ({@link io.headwater.engine.audit.ErasureTrace}). Sealed reports live in {@code engine.audit.report},
 * PII value matchers in {@code engine.audit.pii}.
 */
package io.headwater.engine.audit;
