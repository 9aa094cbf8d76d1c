/**
 * OpenLineage export and import (specification 2-0-2, see {@link io.headwater.engine.lineage.openlineage.OpenLineageSpec}):
 * a pipeline's flows as jobs and its datasets under OpenLineage's naming conventions
 * ({@link io.headwater.engine.lineage.openlineage.PipelineExport}), verification runs as run events with
 * data-quality facets ({@link io.headwater.engine.lineage.openlineage.VerificationEvents}), and the way back:
 * events other tools recorded as a lineage graph ({@link io.headwater.engine.lineage.openlineage.ImportedLineage})
 * and a config skeleton ({@link io.headwater.engine.lineage.openlineage.ConfigSkeleton}). The event model is
 * plain records; JSON and transports live in the app.
 */
package io.headwater.engine.lineage.openlineage;
