package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.runtime.LivePipeline;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebuilding every kind of derived store of the running demo heals injected damage and swaps in a clean store. */
class RebuildIT {
    /** What each demo store's swap step says: how its kind swaps a shadow in. */
    private static final Map<String, String> SWAP_WORDS = Map.of("search", "Lucene index: one atomic rename of ",
            "cache", "one commit points _generations entry", "analytics", "one CREATE OR REPLACE VIEW",
            "blobs", "blob store (objects and manifest of one generation): one atomic rename");

    @TempDir
    Path dataDir;

    @Test
    void everyStoreKindRebuildsFromTheLogAndSwapsInClean() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(13), ProgressListener.NONE)) {
            LivePipelineIT.awaitCaughtUp(rt);
            List<String> stores = List.of("search.customers", "cache.customers", "analytics.balances", "analytics.daily_totals", "blobs.documents");
            for (String store : stores) {
                DatasetRef ref = DatasetRef.parse(store);
                Fault fault = store.startsWith("blobs") ? Fault.TRUNCATE_BLOB : Fault.CORRUPT;
                new FaultInjection(rt.sink(ref).orElseThrow()).inject(fault, 2, 8);
                Flow flow = rt.consumer(ref).orElseThrow().flow();
                FlowVerification verification = new FlowVerification(rt, VerifyOptions.defaults());
                assertThat(verification.verify(flow, new Cancellation(), ProgressListener.NONE, f -> { }).counts().corrupt())
                        .as("damage injected into %s", store).isEqualTo(2);

                List<String> planned = new ArrayList<>();
                RebuildRunner.Outcome o = new RebuildRunner(rt, VerifyOptions.defaults(), 0)
                        .rebuild(ref, new Cancellation(), ProgressListener.NONE, ProgressListener.NONE, f -> { }, planned::add);

                assertThat(o.swapped()).as("%s swapped in: %s", store, o.verification().counts()).isTrue();
                // The swap step was told before the replay, and says how this kind of store swaps.
                assertThat(planned).containsExactly(o.swapStep());
                assertThat(o.swapStep()).as(store).contains(SWAP_WORDS.get(store.substring(0, store.indexOf('.'))));
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
            LivePipelineIT.awaitCaughtUp(rt);
            PipelineContents.assertDerivedStoresMatchRecord(rt, pipeline);
        }
    }

    private static CliRun.Result attached(LivePipeline rt, String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = io.headwater.app.cli.Attached.run(rt, new io.headwater.app.runtime.ControlChannel.Request(List.of(args),
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)));
        return new CliRun.Result(code, out.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void materialisesAsOfOffsetsAndInstantsAndListsEventsTheMappingCannotRead() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(14), ProgressListener.NONE)) {
            LivePipelineIT.awaitCaughtUp(rt);
            String dir = dataDir.toString();
            long live = rt.sink(DatasetRef.parse("search.customers")).orElseThrow().count();
            long end = rt.eventLog().endOffsets("demo.public.customers").values().stream().mapToLong(Long::longValue).sum();

            CliRun.Result all = attached(rt, "rebuild", "--data-dir", dir, "--dataset", "search.customers", "--to-offset", Long.toString(end));
            assertThat(all.code()).as(all.err()).isZero();
            assertThat(all.out()).contains("search.customers as of").contains(String.format("%,d records", live)).contains("the live store is untouched");

            CliRun.Result first10 = attached(rt, "rebuild", "--data-dir", dir, "--dataset", "search.customers", "--to-offset", "10", "--json");
            assertThat(first10.out()).contains("\"records\" : 10");

            CliRun.Result before = attached(rt, "rebuild", "--data-dir", dir, "--dataset", "cache.customers", "--as-of", "2000-01-01T00:00:00Z");
            assertThat(before.out()).contains(": 0 records");

            CliRun.Result clean = attached(rt, "rebuild", "--data-dir", dir, "--dataset", "search.customers", "--dry-run");
            assertThat(clean.code()).isZero();
            assertThat(clean.out()).contains("0 the current mapping cannot read");

            CliRun.Result rebuilt = attached(rt, "rebuild", "--data-dir", dir, "--dataset", "cache.customers");
            assertThat(rebuilt.code()).as(rebuilt.out() + rebuilt.err()).isZero();
            assertThat(rebuilt.err()).as("the swap step, told before the replay").contains("then swap only if clean: MVStore ");
            assertThat(rebuilt.out()).containsPattern("step 3 of 3, swap: MVStore .*: one commit points _generations entry customers from the live map "
                    + "customers\\S* to the shadow map customers#g\\d+; .* \\(done\\)").contains("swapped in: the rebuilt store is live")
                    .contains("  step 1 of 3, replay: ").contains("  step 2 of 3, verify: shadow verified against pg.customers");

            io.headwater.engine.spi.LogPosition bad = rt.eventLog().produce("demo.public.customers",
                    "{\"id\":999999}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "{\"op\":\"c\",\"after\":{\"id\":\"not a number\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            CliRun.Result broken = attached(rt, "rebuild", "--data-dir", dir, "--dataset", "search.customers", "--dry-run");
            assertThat(broken.code()).isEqualTo(1);
            assertThat(broken.out()).contains("1 the current mapping cannot read").contains(bad.toString());
        }
    }

    @Test
    void aShadowThatDisagreesWithTheRecordIsNotSwappedInAndABrokerOutageLeavesTheLiveStoreAlone() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(15), ProgressListener.NONE)) {
            LivePipelineIT.awaitCaughtUp(rt);
            DatasetRef ref = DatasetRef.parse("cache.customers");
            // A change in the log that PostgreSQL never made: the log itself is wrong, so a rebuild from it is too.
            rt.eventLog().produce("demo.public.customers", "{\"id\":5}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    ("{\"before\":null,\"after\":{\"id\":5,\"name\":\"Not In Postgres\",\"email\":\"x@y\",\"phone\":null,\"country\":\"XX\","
                            + "\"created_at\":\"2020-01-01T00:00:00Z\",\"updated_at\":\"2020-01-01T00:00:00Z\"},\"op\":\"u\","
                            + "\"source\":{\"ts_ms\":1,\"lsn\":1,\"schema\":\"public\",\"table\":\"customers\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            LivePipelineIT.awaitCaughtUp(rt);
            io.headwater.engine.spi.DerivedSink liveBefore = rt.sink(ref).orElseThrow();

            RebuildRunner.Outcome refused = new RebuildRunner(rt, VerifyOptions.defaults(), 0)
                    .rebuild(ref, new Cancellation(), ProgressListener.NONE, ProgressListener.NONE, f -> { });

            assertThat(refused.swapped()).isFalse();
            assertThat(refused.verification().findings(io.headwater.engine.integrity.FindingType.MISMATCHED))
                    .extracting(f -> f.key().get("id")).containsExactly(5L);
            assertThat(rt.sink(ref).orElseThrow()).isSameAs(liveBefore);
            assertThat(liveBefore.hasShadow()).isFalse();

            long count = liveBefore.count();
            io.headwater.engine.spi.Checkpoint checkpoint = liveBefore.checkpoint();
            rt.logServer().orElseThrow().close();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RebuildRunner(rt, VerifyOptions.defaults(), 0)
                    .rebuild(DatasetRef.parse("search.customers"), new Cancellation(), ProgressListener.NONE, ProgressListener.NONE, f -> { }))
                    .isInstanceOf(io.headwater.engine.ConnectionException.class).hasMessageContaining("'kafka'");
            assertThat(liveBefore.count()).isEqualTo(count);
            assertThat(liveBefore.checkpoint()).isEqualTo(checkpoint);
            assertThat(rt.sink(DatasetRef.parse("search.customers")).orElseThrow().count()).isPositive();
        }
    }
}
