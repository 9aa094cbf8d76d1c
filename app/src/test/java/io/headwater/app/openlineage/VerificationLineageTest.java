package io.headwater.app.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.integrity.FindingCounts;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.lineage.openlineage.PipelineExport;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VerificationLineageTest {
    private static final Pipeline DEMO = new PipelineLoader(name -> null).load(Path.of("..", "sample-configs", "demo.yaml"));
    private static final VerificationResult CLEAN = new VerificationResult("s", "t", FingerprintAlgorithm.values()[0], 5, 5, 5,
            FindingCounts.NONE, List.of(), Duration.ofMillis(1), 1, null, 1, 0);

    /** Records what it is sent; fails from the Nth event on when told. */
    private static final class Recording implements EventTransport {
        final List<String> sent = new ArrayList<>();
        int failFrom = Integer.MAX_VALUE;
        int attempts;

        @Override
        public void send(String json) {
            if (++attempts >= failFrom) {
                throw new HeadwaterException("system 'openlineage' at 127.0.0.1:5000 is unreachable: connection refused");
            }
            sent.add(json);
        }

        @Override
        public String describe() {
            return "recording";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void emitsStartThenCompleteOfTheSameRun() {
        Recording transport = new Recording();
        StringWriter err = new StringWriter();
        Flow flow = DEMO.flow("index-customers").orElseThrow();
        try (VerificationLineage lineage = new VerificationLineage(new OpenLineageEmitter(transport), new PipelineExport(DEMO, null), new PrintWriter(err))) {
            UUID run = lineage.start(flow);
            lineage.complete(flow, run, CLEAN);
            assertThat(transport.sent).hasSize(2);
            assertThat(transport.sent.get(0)).contains("\"eventType\":\"START\"", run.toString());
            assertThat(transport.sent.get(1)).contains("\"eventType\":\"COMPLETE\"", run.toString(), "\"assertion\":\"missing = 0\"");
        }
        assertThat(err.toString()).contains("openlineage: 2 events");
    }

    @Test
    void aFailingTransportIsReportedOnceAndTheVerificationGoesOn() {
        Recording transport = new Recording();
        transport.failFrom = 2;
        StringWriter err = new StringWriter();
        Flow flow = DEMO.flow("index-customers").orElseThrow();
        try (VerificationLineage lineage = new VerificationLineage(new OpenLineageEmitter(transport), new PipelineExport(DEMO, null), new PrintWriter(err))) {
            UUID run = lineage.start(flow);
            lineage.complete(flow, run, CLEAN);
            lineage.fail(flow, lineage.start(flow), new IllegalStateException("x"));
        }
        assertThat(transport.attempts).isEqualTo(2);
        assertThat(err.toString().lines().filter(l -> l.contains("stopped sending")).toList())
                .containsExactly("openlineage: stopped sending events to recording: system 'openlineage' at 127.0.0.1:5000 is unreachable: connection refused");
        assertThat(err.toString()).contains("openlineage: 1 events");
    }
}
