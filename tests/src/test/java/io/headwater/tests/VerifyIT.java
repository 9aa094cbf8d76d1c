package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.FlowVerification;
import io.headwater.connectors.demo.DemoDataGenerator;
import io.headwater.connectors.demo.LoadGenerator;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.faults.FaultInjection;
import io.headwater.engine.faults.InjectedFault;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingType;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification of the real demo pipeline: clean when intact, exact on injected faults, calm under load, loud on outages. */
class VerifyIT {
    @TempDir
    Path dataDir;

    private static Map<String, VerificationResult> verifyAll(LivePipeline rt) {
        FlowVerification v = new FlowVerification(rt, VerifyOptions.defaults().withMaxKeysListed(1000));
        Map<String, VerificationResult> out = new HashMap<>();
        for (Flow f : FlowVerification.verifiableFlows(rt.pipeline())) {
            out.put(f.id(), v.verify(f, new Cancellation(), ProgressListener.NONE, finding -> { }));
        }
        return out;
    }

    private static List<InjectedFault> inject(LivePipeline rt, String dataset, Fault fault, int count) {
        return new FaultInjection(rt.sink(DatasetRef.parse(dataset)).orElseThrow()).inject(fault, count, 17);
    }

    private static Set<Row> keys(List<InjectedFault> faults) {
        return faults.stream().map(InjectedFault::key).collect(Collectors.toSet());
    }

    private static Set<Row> keys(VerificationResult r, FindingType type) {
        return r.findings(type).stream().map(Finding::key).collect(Collectors.toSet());
    }

    @Test
    void cleanPipelineVerifiesCleanAndInjectedFaultsAreFoundExactly() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(5), ProgressListener.NONE)) {
            LivePipelineIT.awaitCaughtUp(rt);
            Map<String, VerificationResult> clean = verifyAll(rt);
            assertThat(clean).hasSize(11).containsKeys("ledger-balances", "capture-customers", "capture-documents", "index-customers", "daily-totals", "daily-totals-naive");
            clean.forEach((flow, r) -> {
                assertThat(r.clean()).as("flow %s clean", flow).isTrue();
                assertThat(r.counts().corrupt() + r.counts().inFlight()).as("findings of %s", flow).isZero();
                assertThat(r.sourceCount()).as("source count of %s", flow).isEqualTo(r.targetCount()).isPositive();
            });

            List<InjectedFault> corrupted = inject(rt, "search.customers", Fault.CORRUPT, 3);
            List<InjectedFault> deleted = inject(rt, "cache.customers", Fault.DELETE, 2);
            List<InjectedFault> orphans = inject(rt, "analytics.balances", Fault.ORPHAN, 2);
            List<InjectedFault> totals = inject(rt, "analytics.daily_totals", Fault.CORRUPT, 1);
            List<InjectedFault> truncated = inject(rt, "blobs.documents", Fault.TRUNCATE_BLOB, 2);

            Map<String, VerificationResult> found = verifyAll(rt);

            assertThat(keys(found.get("index-customers"), FindingType.MISMATCHED)).isEqualTo(keys(corrupted));
            assertThat(found.get("index-customers").counts().corrupt()).isEqualTo(3);
            assertThat(keys(found.get("cache-customers"), FindingType.MISSING)).isEqualTo(keys(deleted));
            assertThat(found.get("cache-customers").counts().corrupt()).isEqualTo(2);
            assertThat(keys(found.get("account-balances"), FindingType.EXTRA)).isEqualTo(keys(orphans));
            assertThat(found.get("account-balances").counts().corrupt()).isEqualTo(2);
            assertThat(keys(found.get("daily-totals"), FindingType.MISMATCHED)).isEqualTo(keys(totals));
            assertThat(keys(found.get("store-documents"), FindingType.MISMATCHED)).isEqualTo(keys(truncated));
            assertThat(found.get("store-documents").findings(FindingType.MISMATCHED)).allSatisfy(f -> assertThat(f.differingFields()).containsExactly("content"));
            for (InjectedFault f : corrupted) {
                String field = f.change().substring(0, f.change().indexOf(':'));
                Finding finding = found.get("index-customers").findings(FindingType.MISMATCHED).stream().filter(x -> x.key().equals(f.key())).findFirst().orElseThrow();
                assertThat(finding.differingFields()).containsExactly(field);
            }
        }

        // The damage survives a restart (the checkpoint never moved), and the CLI says so with exit 1.
        CliRun.Result r = CliRun.run("verify", "--data-dir", dataDir.toString(), "--report", dataDir.resolve("report.json").toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("index-customers").contains("CORRUPT").contains("mismatched 3").contains("missing 2").contains("extra 2");
        assertThat(dataDir.resolve("report.json")).content().contains("\"mismatched\" : 3");
    }

    @Test
    void verificationUnderLiveLoadReportsNoCorruption() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(9), ProgressListener.NONE);
             Connection c = rt.recordDataSource().orElseThrow().getConnection();
             LoadGenerator load = new LoadGenerator(new DemoDataGenerator(c, 9), 60)) {
            LivePipelineIT.awaitCaughtUp(rt);
            Thread t = new Thread(load, "headwater-test-load");
            t.start();
            DemoPipelineSupport.await("some load", 30_000, () -> load.done() > 100);
            List<String> corrupt = new ArrayList<>();
            long inFlight = 0;
            for (int round = 0; round < 2; round++) {
                for (Map.Entry<String, VerificationResult> e : verifyAll(rt).entrySet()) {
                    e.getValue().corruptFindings().forEach(f -> corrupt.add(e.getKey() + " " + f));
                    inFlight += e.getValue().counts().inFlight();
                }
            }
            assertThat(load.failure()).isEmpty();
            assertThat(load.done()).isGreaterThan(150);
            assertThat(corrupt).as("false corruption reports under load (in flight: %d)", inFlight).isEmpty();
        }
    }

    @Test
    void aDatabaseOutageDuringVerificationIsAnErrorNeverAClean() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(3), ProgressListener.NONE)) {
            LivePipelineIT.awaitCaughtUp(rt);
            Flow flow = pipeline.flow("index-customers").orElseThrow();
            FlowVerification v = new FlowVerification(rt, VerifyOptions.defaults());
            ProgressListener pullThePlug = (done, total, unit) -> rt.recordServer().orElseThrow().close();

            assertThatThrownBy(() -> v.verify(flow, new Cancellation(), pullThePlug, f -> { }))
                    .isInstanceOf(ConnectionException.class).hasMessageContaining("'pg'");
        }
    }

    @Test
    void aBrokerOutageDuringVerificationOfTheLogIsAnErrorNeverAClean() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(4), ProgressListener.NONE)) {
            LivePipelineIT.awaitCaughtUp(rt);
            Flow capture = pipeline.flow("capture-customers").orElseThrow();
            FlowVerification v = new FlowVerification(rt, VerifyOptions.defaults());
            rt.logServer().orElseThrow().close();

            assertThatThrownBy(() -> v.verify(capture, new Cancellation(), ProgressListener.NONE, f -> { }))
                    .isInstanceOf(ConnectionException.class).hasMessageContaining("'kafka'");
        }
    }
}
