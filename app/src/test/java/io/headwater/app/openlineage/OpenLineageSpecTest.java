package io.headwater.app.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.integrity.FindingCounts;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.lineage.openlineage.LineageEvent;
import io.headwater.engine.lineage.openlineage.OpenLineageSpec;
import io.headwater.engine.lineage.openlineage.PipelineExport;
import io.headwater.engine.lineage.openlineage.VerificationEvents;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every event Headwater writes checked against the OpenLineage specification's schemas. */
class OpenLineageSpecTest {
    private static final Pipeline DEMO = new PipelineLoader(name -> null).load(Path.of("..", "sample-configs", "demo.yaml"));
    private static final Instant AT = Instant.parse("2026-12-04T12:00:00Z");
    private static final SpecSchemaCheck SPEC = new SpecSchemaCheck("OpenLineage-2-0-2.json", "SchemaDatasetFacet-1-2-0.json",
            "ColumnLineageDatasetFacet-1-2-0.json", "TagsDatasetFacet-1-0-0.json", "SymlinksDatasetFacet-1-0-1.json",
            "DataQualityAssertionsDatasetFacet-1-0-2.json", "DataQualityMetricsDatasetFacet-1-0-0.json",
            "DataQualityMetricsInputDatasetFacet-1-0-3.json", "JobTypeJobFacet-2-0-3.json", "ErrorMessageRunFacet-1-0-1.json");

    static List<LineageEvent> everyKindOfEvent() {
        PipelineExport export = new PipelineExport(DEMO, null);
        List<LineageEvent> events = new ArrayList<>(export.events(AT));
        VerificationEvents runs = new VerificationEvents(export);
        Flow flow = DEMO.flow("daily-totals").orElseThrow();
        UUID run = VerificationEvents.newRunId(AT);
        VerificationResult result = new VerificationResult("s", "t", FingerprintAlgorithm.values()[0], 10, 11, 11,
                new FindingCounts(0, 1, 0, 0), List.of(), Duration.ofMillis(3), 1, null, 1, 0);
        events.add(runs.start(flow, run, AT));
        events.add(runs.complete(flow, run, AT, result));
        events.add(runs.fail(flow, VerificationEvents.newRunId(AT), AT, "cannot reach analytics"));
        events.add(new LineageEvent.DatasetEvent(AT, export.named(DEMO.flows().get(0).from())));
        return events;
    }

    @Test
    void everyEventAndFacetMatchesTheSpecification() {
        List<LineageEvent> events = everyKindOfEvent();
        Set<String> names = new TreeSet<>();
        for (LineageEvent e : events) {
            ObjectNode json = OpenLineageJson.tree(e);
            assertThat(json.get("producer").asText()).isEqualTo(OpenLineageSpec.PRODUCER);
            assertThat(SPEC.check(json, json.get("schemaURL").asText())).as(json.toString()).isEmpty();
            for (JsonNode container : facetContainers(json)) {
                for (var it = container.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> facet = it.next();
                    names.add(facet.getKey());
                    checkFacet(facet.getKey(), facet.getValue());
                }
            }
        }
        assertThat(names).as("facets checked").containsExactly("columnLineage", "dataQualityAssertions", "dataQualityMetrics",
                "errorMessage", "jobType", "schema", "symlinks", "tags");
    }

    @Test
    void theCheckFindsWhatTheSpecificationRequires() {
        ObjectNode run = OpenLineageJson.tree(everyKindOfEvent().get(DEMO.flows().size() + 1));
        run.remove("producer");
        ((ObjectNode) run.get("run")).put("runId", "run-1");
        ((ObjectNode) run.get("outputs").get(0).get("facets").get("dataQualityAssertions")).remove("_schemaURL");
        ((ObjectNode) run.get("outputs").get(0).get("facets").get("dataQualityAssertions").get("assertions").get(0)).remove("success");
        run.put("eventType", "DONE");
        assertThat(SPEC.check(run, OpenLineageSpec.RUN_EVENT)).containsExactlyInAnyOrder(
                "$: required 'producer' is missing",
                "$.eventType: \"DONE\" is not one of [\"START\",\"RUNNING\",\"COMPLETE\",\"ABORT\",\"FAIL\",\"OTHER\"]",
                "$.run.runId: 'run-1' is not a uuid: Invalid UUID string: run-1",
                "$.outputs[0].facets.dataQualityAssertions: required '_schemaURL' is missing");
        JsonNode assertions = run.get("outputs").get(0).get("facets").get("dataQualityAssertions");
        assertThat(SPEC.check(assertions, OpenLineageSpec.DATA_QUALITY_ASSERTIONS_FACET))
                .contains("$.assertions[0]: required 'success' is missing");
    }

    private static void checkFacet(String name, JsonNode facet) {
        assertThat(facet.get("_producer").asText()).as(name).isEqualTo(OpenLineageSpec.PRODUCER);
        String url = facet.get("_schemaURL").asText();
        String document = url.substring(0, url.indexOf('#'));
        assertThat(SPEC.knows(document)).as(name + " " + url).isTrue();
        // The facet's key is the one its schema document declares for it.
        assertThat(SPEC.facetNames(document)).as(url).containsEntry(name, "#" + url.substring(url.indexOf('#') + 1));
        assertThat(SPEC.check(facet, url)).as(name + ": " + facet).isEmpty();
    }

    private static List<JsonNode> facetContainers(JsonNode event) {
        List<JsonNode> out = new ArrayList<>();
        out.add(event.path("run").path("facets"));
        out.add(event.path("job").path("facets"));
        out.add(event.path("dataset").path("facets"));
        for (String side : List.of("inputs", "outputs")) {
            for (JsonNode d : event.path(side)) {
                out.add(d.path("facets"));
                out.add(d.path("inputFacets"));
                out.add(d.path("outputFacets"));
            }
        }
        return out.stream().filter(JsonNode::isObject).toList();
    }
}
