package io.headwater.tests.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.app.runtime.FlowVerification;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.RebuildRunner;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Redis server (a test's own redis-server process, never the machine's) killed with SIGKILL at a
 * named point, seen by the commands it runs: during a verification, at the reader's first fetch;
 * during a rebuild, at the shadow's first committed checkpoint. Either fails with an error naming
 * host:port, never a clean result or a swap; restarted from its append-only file, the server holds
 * the live keys exactly as before.
 */
class RedisOutageIT {
    private static final DatasetRef CACHE = DatasetRef.parse("cache.customers");

    @TempDir
    Path dir;

    @Test
    void aServerThatGoesAwayMidVerifyIsAnErrorNamingHostAndPortNeverAResult() throws Exception {
        try (OwnRedisServer server = OwnRedisServer.start(dir.resolve("redis"));
             RedisStorePipeline p = RedisStorePipeline.create(dir, server.address(), null)) {
            Pipeline pipeline = p.load();
            try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(9), ProgressListener.NONE)) {
                addCustomers(rt, p, 3000);
                Map<String, Map<String, String>> before = RedisRebuildIT.records(p);
                CountDownLatch killed = server.when(line -> line.contains("\"HGETALL\""), server::kill);

                assertThatThrownBy(() -> new FlowVerification(rt, VerifyOptions.defaults())
                        .verify(pipeline.flow("cache-customers").orElseThrow(), new Cancellation(), ProgressListener.NONE, f -> { }))
                        .isInstanceOf(HeadwaterException.class).hasMessageContaining(server.address());

                assertThat(killed.await(30, TimeUnit.SECONDS)).as("the server was killed at the reader's first fetch").isTrue();
                server.restart();
                assertThat(RedisRebuildIT.records(p).equals(before)).as("the live keys after the restart equal those before (%,d)", before.size()).isTrue();
            }
        }
    }

    @Test
    void aServerThatGoesAwayMidRebuildFailsItNamingHostAndPortAndSwapsNothing() throws Exception {
        try (OwnRedisServer server = OwnRedisServer.start(dir.resolve("redis"));
             RedisStorePipeline p = RedisStorePipeline.create(dir, server.address(), null)) {
            Pipeline pipeline = p.load();
            try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(10), ProgressListener.NONE)) {
                addCustomers(rt, p, 3000);
                Map<String, Map<String, String>> before = RedisRebuildIT.records(p);
                String shadowCheckpoint = p.prefix + "__hw:g1:__hw:checkpoint";
                CountDownLatch killed = server.when(line -> line.contains("\"SET\"") && line.contains(shadowCheckpoint), server::kill);

                assertThatThrownBy(() -> new RebuildRunner(rt, VerifyOptions.defaults(), 500)
                        .rebuild(CACHE, new Cancellation(), ProgressListener.NONE, ProgressListener.NONE, f -> { }))
                        .isInstanceOf(HeadwaterException.class).hasMessageContaining(server.address());

                assertThat(killed.await(30, TimeUnit.SECONDS)).as("the server was killed at the shadow's first checkpoint").isTrue();
                server.restart();
                assertThat(RedisRebuildIT.records(p).equals(before)).as("the live keys after the restart equal those before (%,d)", before.size()).isTrue();
                assertThat(p.redis.sync().get(p.prefix + "__hw:shadow")).as("the shadow stays for the next rebuild to resume").isEqualTo("1");
                assertThat(p.redis.sync().exists(p.prefix + "__hw:swap")).as("no swap was begun").isZero();
            }
        }
    }

    /** Customers added to the record and waited for, so the cache spans several SCAN answers and the topic replays for a while. */
    static void addCustomers(LivePipeline rt, RedisStorePipeline p, int n) throws Exception {
        RedisStoreIT.awaitCaughtUp(rt, p);
        int before = p.recordKeys().size();
        try (Connection c = rt.recordDataSource().orElseThrow().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO customers (id, name, email, phone, country, created_at, updated_at) SELECT 100000 + i, 'Bulk ' || i, "
                    + "'Bulk' || i || '@Example.com', NULL, 'NL', now(), now() FROM generate_series(1, " + n + ") i");
        }
        long deadline = System.currentTimeMillis() + 120_000;
        while (p.recordKeys().size() < before + n) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the cache did not receive the " + n + " new customers within 120 s");
            }
            Thread.sleep(100);
        }
        RedisStoreIT.awaitCaughtUp(rt, p);
    }
}
