package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.app.openlineage.OpenLineageReader;
import io.headwater.app.runtime.FlowVerification;
import io.headwater.engine.lineage.openlineage.ImportedLineage;
import io.headwater.engine.lineage.openlineage.LineageEvent;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify --openlineage FILE} on the running demo: a START and a COMPLETE event per verified flow, as it runs. */
class OpenLineageIT {
    @TempDir
    Path dataDir;

    @Test
    void verificationEmitsStartAndCompleteWithAssertionsPerFlow() throws Exception {
        Path events = dataDir.resolve("verify.ndjson");
        CliRun.Result r = CliRun.run("verify", "--data-dir", dataDir.toString(), "--openlineage", events.toString());
        assertThat(r.code()).as(r.all()).isZero();

        Pipeline demo = DemoPipelineSupport.demo(dataDir);
        List<Flow> flows = FlowVerification.verifiableFlows(demo);
        assertThat(r.err()).contains("openlineage: " + 2 * flows.size() + " events");

        List<LineageEvent> read = OpenLineageReader.read(events).events();
        assertThat(read).hasSize(2 * flows.size()).allMatch(LineageEvent.Run.class::isInstance);
        List<String> lines = Files.readAllLines(events);
        ObjectMapper json = new ObjectMapper();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < flows.size(); i++) {
            LineageEvent.Run start = (LineageEvent.Run) read.get(2 * i);
            LineageEvent.Run complete = (LineageEvent.Run) read.get(2 * i + 1);
            assertThat(start.eventType()).isEqualTo(LineageEvent.EventType.START);
            assertThat(complete.eventType()).isEqualTo(LineageEvent.EventType.COMPLETE);
            assertThat(complete.runId()).isEqualTo(start.runId());
            assertThat(complete.job().name()).isEqualTo(start.job().name());
            seen.add(start.job().name());

            JsonNode raw = json.readTree(lines.get(2 * i + 1));
            JsonNode assertions = raw.at("/outputs/0/facets/dataQualityAssertions/assertions");
            assertThat(assertions).extracting(a -> a.get("assertion").asText()).containsExactly("missing = 0", "extra = 0", "mismatched = 0");
            assertThat(assertions).allMatch(a -> a.get("success").asBoolean(), "a clean demo holds every assertion");
            assertThat(raw.at("/inputs/0/inputFacets/dataQualityMetrics/rowCount").asLong()).as(start.job().name()).isPositive();
            assertThat(raw.at("/outputs/0/facets/dataQualityMetrics/rowCount").asLong()).as(start.job().name()).isPositive();
        }
        assertThat(seen).containsExactlyElementsOf(flows.stream().map(Flow::id).toList());
        assertThat(ImportedLineage.of(read).jobs()).hasSize(flows.size());
    }
}
