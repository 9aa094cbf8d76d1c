package io.headwater.engine.lineage.openlineage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A facet Headwater writes or reads: its key in the facets object ({@link #name()}) and the
 * {@code _schemaURL} it carries. Facets of other kinds in imported events are skipped. Values are
 * immutable records.
 */
public sealed interface Facet {
    /** The facet's key in a {@code facets}, {@code inputFacets} or {@code outputFacets} object. */
    String name();

    /** The {@code _schemaURL} of the facet's definition. */
    String schemaUrl();

    /** The {@code schema} dataset facet: the fields and their types. */
    record Schema(List<SchemaField> fields) implements Facet {
        public Schema {
            fields = List.copyOf(fields);
        }

        @Override
        public String name() {
            return "schema";
        }

        @Override
        public String schemaUrl() {
            return OpenLineageSpec.SCHEMA_FACET;
        }
    }

    /** One field of a {@link Schema}; {@code type} may be null. */
    record SchemaField(String name, String type) {
        public SchemaField {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The {@code columnLineage} dataset facet: for each output field, the input fields it is computed from.
     *
     * @param fields output field name to its inputs, in field order
     */
    record ColumnLineage(Map<String, List<InputField>> fields) implements Facet {
        public ColumnLineage {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public String name() {
            return "columnLineage";
        }

        @Override
        public String schemaUrl() {
            return OpenLineageSpec.COLUMN_LINEAGE_FACET;
        }
    }

    /** An input field of a {@link ColumnLineage} entry and how it is transformed. */
    record InputField(String namespace, String name, String field, List<Transformation> transformations) {
        public InputField {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(field, "field");
            transformations = List.copyOf(transformations);
        }
    }

    /**
     * How an input field becomes the output field.
     *
     * @param type        {@code DIRECT} or {@code INDIRECT}
     * @param subtype     {@code IDENTITY}, {@code TRANSFORMATION} or {@code AGGREGATION} for direct ones; may be null
     * @param description the mapping expression as a Headwater config writes it ({@code lower(email)}); empty when
     *                    the flow copies every field unchanged
     * @param masking     whether the transformation hides the input value
     */
    record Transformation(String type, String subtype, String description, boolean masking) {
        public Transformation {
            Objects.requireNonNull(type, "type");
            description = description == null ? "" : description;
        }
    }

    /** The {@code tags} dataset facet. */
    record Tags(List<Tag> tags) implements Facet {
        public Tags {
            tags = List.copyOf(tags);
        }

        @Override
        public String name() {
            return "tags";
        }

        @Override
        public String schemaUrl() {
            return OpenLineageSpec.TAGS_FACET;
        }
    }

    /** One tag: {@code pii=email} on field {@code email}; {@code field} and {@code source} may be null. */
    record Tag(String key, String value, String source, String field) {
        public Tag {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The {@code symlinks} dataset facet: other names of the same dataset. */
    record Symlinks(List<Symlink> identifiers) implements Facet {
        public Symlinks {
            identifiers = List.copyOf(identifiers);
        }

        @Override
        public String name() {
            return "symlinks";
        }

        @Override
        public String schemaUrl() {
            return OpenLineageSpec.SYMLINKS_FACET;
        }
    }

    /** Another name of a dataset. */
    record Symlink(String namespace, String name, String type) {
        public Symlink {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** The {@code dataQualityAssertions} facet: checks run on a dataset and whether each held. */
    record DataQualityAssertions(List<Assertion> assertions) implements Facet {
        public DataQualityAssertions {
            assertions = List.copyOf(assertions);
        }

        @Override
        public String name() {
            return "dataQualityAssertions";
        }

        @Override
        public String schemaUrl() {
            return OpenLineageSpec.DATA_QUALITY_ASSERTIONS_FACET;
        }
    }

    /** One check: {@code assertion} names it ({@code missing = 0}); {@code column} may be null. */
    record Assertion(String assertion, boolean success, String column) {
        public Assertion {
            Objects.requireNonNull(assertion, "assertion");
        }
    }

    /**
     * The {@code dataQualityMetrics} facet with a row count: an input facet ({@code input}) or a dataset facet.
     */
    record DataQualityMetrics(long rowCount, boolean input) implements Facet {
        @Override
        public String name() {
            return "dataQualityMetrics";
        }

        @Override
        public String schemaUrl() {
            return input ? OpenLineageSpec.DATA_QUALITY_METRICS_INPUT_FACET : OpenLineageSpec.DATA_QUALITY_METRICS_FACET;
        }
    }

    /** The {@code jobType} job facet; {@code jobType} may be null. */
    record JobType(String processingType, String integration, String jobType) implements Facet {
        public JobType {
            Objects.requireNonNull(processingType, "processingType");
            Objects.requireNonNull(integration, "integration");
        }

        @Override
        public String name() {
            return "jobType";
        }

        @Override
        public String schemaUrl() {
            return OpenLineageSpec.JOB_TYPE_FACET;
        }
    }

    /** The {@code errorMessage} run facet of a failed run. */
    record ErrorMessage(String message, String programmingLanguage) implements Facet {
        public ErrorMessage {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(programmingLanguage, "programmingLanguage");
        }

        @Override
        public String name() {
            return "errorMessage";
        }

        @Override
        public String schemaUrl() {
            return OpenLineageSpec.ERROR_MESSAGE_FACET;
        }
    }
}
