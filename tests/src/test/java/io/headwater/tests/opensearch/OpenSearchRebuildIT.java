package io.headwater.tests.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.headwater.app.runtime.FlowVerification;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.RebuildRunner;
import io.headwater.connectors.demo.DemoDataGenerator;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.spi.StoreEdit;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilding a search index that Headwater keeps in a real OpenSearch node (attached, declared
 * writable) from the demo's change log: the demo pipeline with its {@code search} system moved to
 * OpenSearch. A rebuild killed with SIGKILL once its shadow index has committed a checkpoint resumes
 * from the shadow's {@code _meta} and swaps in clean by moving the alias; a shadow holding a document
 * the record does not have is not swapped in; a node that dies in the middle of a rebuild is an error
 * naming host:port, and the live index behind the alias is untouched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenSearchRebuildIT {
    private static final Pattern RESUMED = Pattern.compile("resumed an interrupted shadow at demo\\.public\\.customers#0=(\\d+)");
    private static final DatasetRef SEARCH = DatasetRef.parse("search.customers");

    @TempDir
    static Path dir;
    static OpenSearchTestNode node;
    static SearchHttp http;
    static Path config;
    static Path dataDir;
    static Pipeline pipeline;

    @BeforeAll
    static void startPipeline() throws Exception {
        node = OpenSearchTestNode.start(dir.resolve("node"));
        http = new SearchHttp(node.httpPort());
        config = DemoOnOpenSearch.write(dir, node.httpPort());
        dataDir = dir.resolve("data");
        pipeline = new PipelineLoader().load(config).withDataDir(dataDir);
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(31), ProgressListener.NONE)) {
            try (Connection c = rt.recordDataSource().orElseThrow().getConnection()) {
                DemoDataGenerator g = new DemoDataGenerator(c, 31);
                for (int i = 0; i < 2_000; i++) {
                    g.randomOperation();
                }
            }
            awaitCaughtUp(rt);
        }
        assertThat(http.get("/_alias/customers").has("customers-g1")).isTrue();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static void awaitCaughtUp(LivePipeline rt) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!rt.caughtUp()) {
            assertThat(System.currentTimeMillis()).as("caught up within 120 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static long shadowCheckpoint(String index) throws Exception {
        if (http.status("HEAD", "/" + index) != 200) {
            return -1;
        }
        String checkpoint = http.get("/" + index + "/_mapping").path(index).path("mappings").path("_meta").path("headwater").path("checkpoint").asText("");
        Matcher m = Pattern.compile("#0=(\\d+)").matcher(checkpoint);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    @Order(1)
    void aRebuildKilledAfterItsShadowCommittedResumesFromTheShadowMetaAndSwapsTheAliasInClean() throws Exception {
        Process child = rebuild(200);
        long committed;
        long deadline = System.currentTimeMillis() + 120_000;
        // the named point: the shadow index holds a committed checkpoint (at least one batch applied)
        while ((committed = shadowCheckpoint("customers-g2")) <= 0) {
            assertThat(child.isAlive()).as("the rebuild runs until killed; its log: %s", log()).isTrue();
            assertThat(System.currentTimeMillis()).as("a committed shadow checkpoint within 120 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long left = shadowCheckpoint("customers-g2");
        assertThat(left).as("the killed rebuild left its shadow with a checkpoint").isGreaterThanOrEqualTo(committed);
        assertThat(http.get("/_alias/customers").has("customers-g1")).as("the alias still names the live index").isTrue();

        Process last = rebuild(0);
        assertThat(last.waitFor(240, TimeUnit.SECONDS)).isTrue();
        String out = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(last.exitValue()).as(out + log()).isZero();
        Matcher resumed = RESUMED.matcher(out);
        assertThat(resumed.find()).as("resumed the killed rebuild's shadow: " + out).isTrue();
        assertThat(Long.parseLong(resumed.group(1))).isEqualTo(left);
        assertThat(out).contains("step 3 of 3, swap: one _aliases request moves alias customers from customers-g1 "
                + "to customers-g2; customers-g1 is kept until you delete it (DELETE /customers-g1) (done)").contains("swapped in: the rebuilt store is live");
        JsonNode alias = http.get("/_alias/customers");
        assertThat(alias.has("customers-g2")).isTrue();
        assertThat(alias.has("customers-g1")).isFalse();
        assertThat(http.status("HEAD", "/customers-g1")).as("the previous index is kept").isEqualTo(200);

        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(31), ProgressListener.NONE)) {
            awaitCaughtUp(rt);
            VerificationResult r = new FlowVerification(rt, VerifyOptions.defaults())
                    .verify(pipeline.flow("index-customers").orElseThrow(), new Cancellation(), ProgressListener.NONE, f -> { });
            assertThat(r.clean()).as("the swapped-in index verifies clean: %s", r.counts()).isTrue();
            assertThat(r.compared()).isPositive();
        }
    }

    @Test
    @Order(2)
    void aShadowHoldingADocumentTheRecordDoesNotHaveIsNotSwappedIn() throws Exception {
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(31), ProgressListener.NONE)) {
            awaitCaughtUp(rt);
            DerivedSink live = rt.sink(SEARCH).orElseThrow();
            try (DerivedSink shadow = live.openShadow()) {
                shadow.tamper(List.of(new StoreEdit(Row.of("id", 9_999_999L),
                        Row.of("id", 9_999_999L, "name", "Nobody", "email", "nobody@example.com", "country", "NL"))));
            }
            RebuildRunner.Outcome o = new RebuildRunner(rt, VerifyOptions.defaults(), 0)
                    .rebuild(SEARCH, new Cancellation(), ProgressListener.NONE, ProgressListener.NONE, f -> { });

            assertThat(o.resumed()).isTrue();
            assertThat(o.swapped()).isFalse();
            assertThat(o.verification().findings()).extracting(f -> f.key().get("id")).containsExactly(9_999_999L);
            assertThat(http.get("/_alias/customers").has("customers-g2")).as("the live index stays").isTrue();
            assertThat(http.status("HEAD", "/customers-g3")).as("the shadow was dropped").isEqualTo(404);
        }
    }

    @Test
    @Order(3)
    void aNodeThatDiesInTheMiddleOfARebuildIsAnErrorNamingHostAndPortAndTheLiveIndexIsUntouched() throws Exception {
        long liveCount = http.get("/customers/_count").path("count").asLong();
        int port = node.httpPort();
        AtomicBoolean stopped = new AtomicBoolean();
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(31), ProgressListener.NONE)) {
            awaitCaughtUp(rt);
            // the named point: the first replayed batch is applied to the shadow
            ProgressListener stopNodeAfterFirstBatch = (done, total, unit) -> {
                if (done > 0 && stopped.compareAndSet(false, true)) {
                    node.close();
                }
            };
            assertThatThrownBy(() -> new RebuildRunner(rt, VerifyOptions.defaults(), 0)
                    .rebuild(SEARCH, new Cancellation(), stopNodeAfterFirstBatch, ProgressListener.NONE, f -> { }))
                    .isInstanceOf(ConnectionException.class).hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("'search'");
        }
        assertThat(stopped).isTrue();
        node = OpenSearchTestNode.start(dir.resolve("node"));
        http = new SearchHttp(node.httpPort());
        http.get("/_cluster/health/customers-g2?wait_for_status=yellow&timeout=60s");
        JsonNode alias = http.get("/_alias/customers");
        assertThat(alias.has("customers-g2")).as("the alias still names the live index").isTrue();
        assertThat(http.get("/customers-g2/_count").path("count").asLong()).isEqualTo(liveCount);
    }

    private Process rebuild(double maxRate) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.headwater.app.Main");
        cmd.addAll(List.of("rebuild", "--config", config.toString(), "--data-dir", dataDir.toString(), "--dataset", SEARCH.toString(),
                "--max-rate", Double.toString(maxRate)));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(new File(dir.resolve("child-err.log").toString()))).start();
    }

    private static String log() throws Exception {
        Path log = dir.resolve("child-err.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
