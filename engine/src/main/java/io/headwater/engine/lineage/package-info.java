/**
 * Dataset- and field-level lineage over a pipeline's flows: what is upstream and downstream of a
 * dataset, which derived fields a field reaches, where a field comes from.
 */
package io.headwater.engine.lineage;
