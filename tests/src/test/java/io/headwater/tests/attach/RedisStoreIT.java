package io.headwater.tests.attach;

import static io.headwater.tests.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.runtime.FlowVerification;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.engine.integrity.FindingType;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.tests.CliRun.Result;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Redis cache that Headwater keeps itself (a consume flow from the demo's captured customers into
 * the machine's Redis, declared writable), verified with {@code headwater verify}: clean; then with
 * damage done behind the pipeline's back, every damaged key found exactly; and a cache that expires
 * keys ({@code ttl}) has an absent key counted as expired, not missing.
 */
class RedisStoreIT {
    private static final String REDIS = "127.0.0.1:6379";

    @TempDir
    Path dir;

    @Test
    void aRedisStoreFedByAHeadwaterFlowVerifiesCleanThenCorruptionDeletionAndOrphanAreFoundExactlyByKey() throws Exception {
        try (RedisStorePipeline p = RedisStorePipeline.create(dir, REDIS, null)) {
            Result clean = run("verify", "--config", p.config.toString());
            assertThat(clean.code()).as(clean.all()).isZero();
            int records = p.recordKeys().size();
            assertThat(records).isGreaterThan(100);
            assertThat(clean.out()).contains("cache-customers").contains("CLEAN").contains(String.format("compared %,d records", records));
            assertThat(p.redis.sync().get(p.prefix + "__hw:checkpoint")).as("the sink's checkpoint").startsWith("demo.public.customers#0=");

            p.redis.sync().hset(p.prefix + 7, "email", "damaged@example.com");
            p.redis.sync().del(p.prefix + 15);
            p.redis.sync().hset(p.prefix + 999999, Map.of("name", "Nobody", "email", "nobody@example.com"));
            Result damaged = run("verify", "--config", p.config.toString());

            assertThat(damaged.code()).as(damaged.all()).isEqualTo(1);
            assertThat(damaged.out()).contains("CORRUPT").contains("missing 1 ").contains("extra 1 ").contains("mismatched 1 ")
                    .contains("{id=7}  fields [email]").contains("missing    {id=15}").contains("extra      {id=999999}")
                    .doesNotContain("expired by ttl");
        }
    }

    @Test
    void aKeyTheCacheExpiredCountsAsExpiredWhenTheFlowDeclaresTtlAndAsMissingWhenItDoesNot() throws Exception {
        try (RedisStorePipeline p = RedisStorePipeline.create(dir, REDIS, "1h")) {
            Pipeline pipeline = p.load();
            try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(3), ProgressListener.NONE)) {
                awaitCaughtUp(rt, p);
                assertThat(p.redis.sync().pttl(p.prefix + 1)).as("the sink writes each key with the flow's ttl")
                        .isBetween(3_500_000L, 3_600_000L);
                for (int id : List.of(3, 4, 5)) {
                    p.redis.sync().pexpire(p.prefix + id, 1);
                }
                Thread.sleep(50);
                Flow withTtl = pipeline.flow("cache-customers").orElseThrow();
                FlowVerification verification = new FlowVerification(rt, VerifyOptions.defaults());

                VerificationResult expiring = verification.verify(withTtl, new Cancellation(), ProgressListener.NONE, f -> { });
                VerificationResult keeping = verification.verify(withTtl.withTtl(null), new Cancellation(), ProgressListener.NONE, f -> { });

                assertThat(expiring.clean()).as("%s", expiring.counts()).isTrue();
                assertThat(expiring.counts().expired()).isEqualTo(3);
                assertThat(expiring.counts().missing()).isZero();
                assertThat(expiring.findings(FindingType.EXPIRED)).extracting(f -> f.key().get("id")).containsExactly(3L, 4L, 5L);
                assertThat(expiring.findings(FindingType.EXPIRED).get(0).note()).contains("ttl 1h");
                assertThat(keeping.clean()).isFalse();
                assertThat(keeping.counts().missing()).isEqualTo(3);
                assertThat(keeping.counts().expired()).isZero();
            }
        }
    }

    /**
     * Waits until the pipeline has settled: the captured topic stopped growing for a second, the
     * consumer applied all of it, and the cache holds as many records as the customers table.
     */
    static void awaitCaughtUp(LivePipeline rt, RedisStorePipeline p) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            long before = topicEnd(rt);
            Thread.sleep(1000);
            if (topicEnd(rt) == before && rt.caughtUp() && p.recordKeys().size() == customers(rt)) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the pipeline did not settle within 120 s: " + p.recordKeys().size() + " keys in the cache, "
                        + customers(rt) + " customers");
            }
        }
    }

    private static long topicEnd(LivePipeline rt) {
        return rt.eventLog().endOffsets("demo.public.customers").values().stream().mapToLong(Long::longValue).sum();
    }

    private static long customers(LivePipeline rt) throws Exception {
        try (Connection c = rt.recordDataSource().orElseThrow().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM customers")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
