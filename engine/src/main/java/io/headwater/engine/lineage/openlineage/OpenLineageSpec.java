package io.headwater.engine.lineage.openlineage;

/**
 * The version of the OpenLineage specification that Headwater writes and reads: core spec 2-0-2,
 * with the facet versions named below. Each constant is the {@code schemaURL} / {@code _schemaURL}
 * an event or facet carries. Moving to a newer revision means changing these and the test schemas.
 */
public final class OpenLineageSpec {
    /** The core specification, {@code spec/OpenLineage.json} at $id {@code .../spec/2-0-2/OpenLineage.json}. */
    public static final String CORE = "https://openlineage.io/spec/2-0-2/OpenLineage.json";
    /** The version of {@link #CORE}. */
    public static final String VERSION = "2-0-2";

    public static final String RUN_EVENT = CORE + "#/$defs/RunEvent";
    public static final String JOB_EVENT = CORE + "#/$defs/JobEvent";
    public static final String DATASET_EVENT = CORE + "#/$defs/DatasetEvent";

    private static final String FACETS = "https://openlineage.io/spec/facets/";

    public static final String SCHEMA_FACET = FACETS + "1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
    public static final String COLUMN_LINEAGE_FACET = FACETS + "1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet";
    public static final String TAGS_FACET = FACETS + "1-0-0/TagsDatasetFacet.json#/$defs/TagsDatasetFacet";
    public static final String SYMLINKS_FACET = FACETS + "1-0-1/SymlinksDatasetFacet.json#/$defs/SymlinksDatasetFacet";
    public static final String DATA_QUALITY_ASSERTIONS_FACET =
            FACETS + "1-0-2/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet";
    public static final String DATA_QUALITY_METRICS_FACET =
            FACETS + "1-0-0/DataQualityMetricsDatasetFacet.json#/$defs/DataQualityMetricsDatasetFacet";
    public static final String DATA_QUALITY_METRICS_INPUT_FACET =
            FACETS + "1-0-3/DataQualityMetricsInputDatasetFacet.json#/$defs/DataQualityMetricsInputDatasetFacet";
    public static final String JOB_TYPE_FACET = FACETS + "2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet";
    public static final String ERROR_MESSAGE_FACET = FACETS + "1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";

    /** The {@code producer} of every event and facet Headwater writes. */
    public static final String PRODUCER = "urn:headwater:0.1.0";

    /** The symlink type under which a dataset carries its Headwater name ({@code system.dataset}). */
    public static final String HEADWATER_SYMLINK = "HEADWATER";

    /** The job type facet's {@code integration} for Headwater's jobs. */
    public static final String INTEGRATION = "HEADWATER";

    private OpenLineageSpec() {
    }
}
