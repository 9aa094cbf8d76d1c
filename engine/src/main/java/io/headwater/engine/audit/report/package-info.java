/**
 * Sealed audit reports: an {@link io.headwater.engine.audit.report.AuditReport} rendered as HTML,
 * Markdown or JSON ({@link io.headwater.engine.audit.report.ReportFormat}) in sections (the header,
 * then one per checklist item), sealed by a SHA-256 hash chain over the sections' bytes whose root is
 * printed at the end ({@link io.headwater.engine.audit.report.ReportSeal}), and checked again by
 * {@link io.headwater.engine.audit.report.ReportVerifier}, which names the section that changed.
 */
package io.headwater.engine.audit.report;
