package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.runtime.EmbeddedPipeline;
import io.headwater.app.runtime.FlowVerification;
import io.headwater.app.runtime.RebuildRunner;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.faults.FaultInjection;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebuilding every kind of derived store of the running demo heals injected damage and swaps in a clean store. */
class RebuildIT {
    @TempDir
    Path dataDir;

    @Test
    void everyStoreKindRebuildsFromTheLogAndSwapsInClean() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        try (EmbeddedPipeline rt = EmbeddedPipeline.start(pipeline, EmbeddedPipeline.Options.demo(13), ProgressListener.NONE)) {
            EmbeddedPipelineIT.awaitCaughtUp(rt);
            List<String> stores = List.of("search.customers", "cache.customers", "analytics.balances", "analytics.daily_totals", "blobs.documents");
            for (String store : stores) {
                DatasetRef ref = DatasetRef.parse(store);
                Fault fault = store.startsWith("blobs") ? Fault.TRUNCATE_BLOB : Fault.CORRUPT;
                new FaultInjection(rt.sink(ref).orElseThrow()).inject(fault, 2, 8);
                Flow flow = rt.consumer(ref).orElseThrow().flow();
                FlowVerification verification = new FlowVerification(rt, VerifyOptions.defaults());
                assertThat(verification.verify(flow, new Cancellation(), ProgressListener.NONE, f -> { }).counts().corrupt())
                        .as("damage injected into %s", store).isEqualTo(2);

                RebuildRunner.Outcome o = new RebuildRunner(rt, VerifyOptions.defaults(), 0)
                        .rebuild(ref, new Cancellation(), ProgressListener.NONE, ProgressListener.NONE, f -> { });

                assertThat(o.swapped()).as("%s swapped in: %s", store, o.verification().counts()).isTrue();
                assertThat(o.replay().recordsRead()).isPositive();
                VerificationResult after = verification.verify(flow, new Cancellation(), ProgressListener.NONE, f -> { });
                assertThat(after.clean()).as("%s after the rebuild: %s", store, after.counts()).isTrue();
                assertThat(after.counts().corrupt()).isZero();
                assertThat(rt.sink(ref).orElseThrow().hasShadow()).isFalse();
            }
            // the consumers on the swapped-in stores keep applying new changes
            try (java.sql.Connection c = rt.recordDataSource().orElseThrow().getConnection()) {
                io.headwater.connectors.demo.DemoDataGenerator g = new io.headwater.connectors.demo.DemoDataGenerator(c, 13);
                for (int i = 0; i < 100; i++) {
                    g.randomOperation();
                }
            }
            EmbeddedPipelineIT.awaitCaughtUp(rt);
            PipelineContents.assertDerivedStoresMatchRecord(rt, pipeline);
        }
    }
}
