package io.headwater.tests.attach;

import static io.headwater.tests.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.RebuildRunner;
import io.headwater.connectors.demo.DemoDataGenerator;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.spi.StoreEdit;
import io.headwater.tests.CliRun.Result;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilding a Redis cache that Headwater keeps (on the machine's Redis): a rebuild killed with
 * SIGKILL after its shadow committed a batch resumes that shadow and swaps it in clean; a shadow
 * that disagrees with the record is dropped and the live keys stay exactly as they were.
 */
class RedisRebuildIT {
    private static final String REDIS = "127.0.0.1:6379";
    private static final DatasetRef CACHE = DatasetRef.parse("cache.customers");
    private static final Pattern RESUMED = Pattern.compile("resumed an interrupted shadow at demo\\.public\\.customers#0=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void aRebuildKilledAfterItsShadowCommittedABatchResumesItAndSwapsInClean() throws Exception {
        try (RedisStorePipeline p = RedisStorePipeline.create(dir, REDIS, null)) {
            grow(p, 3000);
            Map<String, Map<String, String>> liveBefore = records(p);
            String shadowCheckpoint = p.prefix + "__hw:g1:__hw:checkpoint";

            Process child = rebuildChild(p, 200);
            try {
                awaitKey(p, shadowCheckpoint, child);
            } finally {
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(p.redis.sync().get(p.prefix + "__hw:shadow")).as("the killed rebuild left its shadow registered").isEqualTo("1");
            assertThat(records(p).equals(liveBefore)).as("live keys untouched by the killed rebuild").isTrue();

            Result resumed = run("rebuild", "--config", p.config.toString(), "--dataset", CACHE.toString());
            assertThat(resumed.code()).as(resumed.all()).isZero();
            Matcher m = RESUMED.matcher(resumed.out());
            assertThat(m.find()).as(resumed.out()).isTrue();
            assertThat(Long.parseLong(m.group(1))).isPositive();
            assertThat(resumed.out()).contains("swapped in: the rebuilt store is live").contains("RENAME, atomic per key");
            assertThat(p.keys()).noneMatch(k -> k.matches(".*__hw:(g\\d+:.*|shadow|swap)"));

            Result verify = run("verify", "--config", p.config.toString());
            assertThat(verify.code()).as(verify.all()).isZero();
            assertThat(verify.out()).contains("CLEAN");
        }
    }

    @Test
    void aShadowThatDisagreesWithTheRecordIsDroppedAndTheLiveKeysStayAsTheyWere() throws Exception {
        try (RedisStorePipeline p = RedisStorePipeline.create(dir, REDIS, null)) {
            Pipeline pipeline = p.load();
            try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(5), ProgressListener.NONE)) {
                RedisStoreIT.awaitCaughtUp(rt, p);
                Map<String, Map<String, String>> liveBefore = records(p);
                DerivedSink live = rt.sink(CACHE).orElseThrow();
                try (DerivedSink shadow = live.openShadow()) {
                    shadow.tamper(List.of(new StoreEdit(Row.of("id", 999_999L), Row.of("id", 999_999L, "name", "Nobody", "email", null,
                            "country", "NL", "created_at", null))));
                }

                RebuildRunner.Outcome o = new RebuildRunner(rt, VerifyOptions.defaults(), 0)
                        .rebuild(CACHE, new Cancellation(), ProgressListener.NONE, ProgressListener.NONE, f -> { });

                assertThat(o.resumed()).isTrue();
                assertThat(o.swapped()).isFalse();
                assertThat(o.verification().counts().extra()).isEqualTo(1);
                assertThat(o.verification().findings()).extracting(f -> f.key().get("id")).containsExactly(999_999L);
                assertThat(live.hasShadow()).isFalse();
                assertThat(p.keys()).noneMatch(k -> k.matches(".*__hw:(g\\d+:.*|shadow|swap)"));
                assertThat(records(p).equals(liveBefore)).as("live keys as before the rebuild").isTrue();
            }
        }
    }

    @Test
    void aRebuildKilledInTheMiddleOfItsSwapHasTheSwapFinishedByTheNextRunAndVerifiesClean() throws Exception {
        try (OwnRedisServer server = OwnRedisServer.start(dir.resolve("redis"));
             RedisStorePipeline p = RedisStorePipeline.create(dir, server.address(), null)) {
            try (LivePipeline rt = LivePipeline.start(p.load(), LivePipeline.Options.demo(11), ProgressListener.NONE)) {
                RedisOutageIT.addCustomers(rt, p, 3000);
            }
            Map<String, Map<String, String>> liveBefore = records(p);
            AtomicReference<Process> child = new AtomicReference<>();
            // The named point: promote has marked the swap begun. The server is frozen so the rebuild cannot get further,
            // the rebuild is killed, and the server let go again.
            CountDownLatch killed = server.when(line -> line.contains("\"SET\"") && line.contains(p.prefix + "__hw:swap"), () -> {
                server.freeze();
                child.get().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                server.thaw();
            });
            child.set(rebuildChild(p, 0));
            assertThat(child.get().waitFor(240, TimeUnit.SECONDS)).as("the rebuild ended").isTrue();
            assertThat(killed.await(30, TimeUnit.SECONDS)).as("the rebuild was killed once its swap had begun: "
                    + Files.readString(dir.resolve("child-out.log"), StandardCharsets.UTF_8)
                    + Files.readString(dir.resolve("child-err.log"), StandardCharsets.UTF_8)).isTrue();
            assertThat(p.redis.sync().exists(p.prefix + "__hw:shadow")).as("the swap did not finish before the kill").isEqualTo(1L);

            Result verify = run("verify", "--config", p.config.toString());

            assertThat(verify.code()).as(verify.all()).isZero();
            assertThat(verify.out()).contains("CLEAN");
            assertThat(p.keys()).noneMatch(k -> k.matches(".*__hw:(g\\d+:.*|shadow|swap)"));
            assertThat(records(p).equals(liveBefore)).as("the swapped-in keys hold what the live ones held").isTrue();
        }
    }

    /** Adds changes to the record so that the topic is long enough to replay throttled for a while. */
    static void grow(RedisStorePipeline p, int operations) throws Exception {
        try (LivePipeline rt = LivePipeline.start(p.load(), LivePipeline.Options.demo(21), ProgressListener.NONE)) {
            try (Connection c = rt.recordDataSource().orElseThrow().getConnection()) {
                DemoDataGenerator g = new DemoDataGenerator(c, 21);
                for (int i = 0; i < operations; i++) {
                    g.randomOperation();
                }
            }
            RedisStoreIT.awaitCaughtUp(rt, p);
        }
    }

    /** Every record key with its hash. */
    static Map<String, Map<String, String>> records(RedisStorePipeline p) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String k : p.recordKeys()) {
            out.put(k, new TreeMap<>(p.redis.sync().hgetall(k)));
        }
        return out;
    }

    private Process rebuildChild(RedisStorePipeline p, double maxRate) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.headwater.app.Main");
        cmd.addAll(List.of("rebuild", "--config", p.config.toString(), "--dataset", CACHE.toString(), "--max-rate", Double.toString(maxRate)));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir.resolve("child-out.log").toString())))
                .redirectError(ProcessBuilder.Redirect.appendTo(new File(dir.resolve("child-err.log").toString()))).start();
    }

    /** The named point: waits until {@code key} exists (the shadow's first batch is committed with its checkpoint). */
    private void awaitKey(RedisStorePipeline p, String key, Process child) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (p.redis.sync().exists(key) == 0) {
            if (!child.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("the rebuild never committed a shadow batch (" + key + "): "
                        + Files.readString(dir.resolve("child-err.log"), StandardCharsets.UTF_8));
            }
            Thread.sleep(20);
        }
    }
}
