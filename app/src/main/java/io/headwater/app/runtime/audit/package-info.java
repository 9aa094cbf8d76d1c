/**
 * Audits of a running pipeline: the live stores the probes read ({@link io.headwater.app.runtime.audit.PipelineStores}),
 * the probes themselves ({@link io.headwater.app.runtime.audit.AuditProbes}) and the facade the CLI
 * (and later the GUI's Audit view) uses ({@link io.headwater.app.runtime.audit.Audits}).
 */
package io.headwater.app.runtime.audit;
