package io.headwater.connectors.h2;

import io.headwater.engine.model.Dataset;

/**
 * One generation of a derived table in H2. Generation {@code n} is the table {@code <name>_G<n>}
 * (with, for an aggregating flow, its staging table {@code HW_STAGE_<name>_G<n>}); the dataset's own
 * name is a view over the live generation ({@link TableGenerations}). The in-place generation is the
 * plain table {@code <name>} of a database written before rebuilds existed: number 0, not yet moved
 * aside. The checkpoint row of generation 0 (in place or moved) is keyed by the dataset's physical
 * name, so moving it aside changes no data; any other generation's by its table's physical name.
 *
 * @param datasetName the dataset's physical name
 * @param number      the generation number
 * @param inPlace     whether this is the plain table named like the dataset
 */
record TableGeneration(String datasetName, int number, boolean inPlace) {
    static final String SUFFIX = "_G";

    /** Generation {@code n}, a table of its own. */
    static TableGeneration of(String datasetName, int n) {
        return new TableGeneration(datasetName, n, false);
    }

    /** The plain table named like the dataset. */
    static TableGeneration inPlace(String datasetName) {
        return new TableGeneration(datasetName, 0, true);
    }

    /** The physical name of this generation's table, e.g. {@code analytics.daily_totals_G2}. */
    String physicalName() {
        return inPlace ? datasetName : datasetName + SUFFIX + number;
    }

    /** The quoted, schema-qualified table name. */
    String table() {
        return TargetTable.table(physicalName());
    }

    /** The quoted staging table name (present for aggregating flows only). */
    String stage() {
        return TargetTable.sibling(physicalName(), AggregateTableWriter.STAGE_PREFIX);
    }

    /** The key of this generation's row in the checkpoint table. */
    String checkpointKey() {
        return number == 0 ? datasetName : physicalName();
    }

    /** {@code dataset} as stored in this generation: the same fields under this generation's table name. */
    Dataset of(Dataset dataset) {
        return new Dataset(dataset.ref(), physicalName(), dataset.key(), dataset.fields(), dataset.timestampField());
    }
}
