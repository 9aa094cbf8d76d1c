package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.FlowVerification;
import io.headwater.connectors.demo.DemoDataGenerator;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild run in a real child process, killed with SIGKILL at random moments and started again:
 * every restart resumes the shadow where the last committed batch left it, the last run swaps in a
 * store that verifies clean against PostgreSQL.
 */
class RebuildCrashIT {
    private static final Pattern RESUMED = Pattern.compile("resumed an interrupted shadow at demo\\.public\\.customers#0=(\\d+)");
    private static final Pattern THROUGH = Pattern.compile("through demo\\.public\\.customers#0=(\\d+)");

    @TempDir
    Path dataDir;

    @Test
    void rebuildKilledAtRandomMomentsResumesAndEndsClean() throws Exception {
        Pipeline pipeline = DemoPipelineSupport.demo(dataDir);
        long topicEnd;
        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(21), ProgressListener.NONE)) {
            try (Connection c = rt.recordDataSource().orElseThrow().getConnection()) {
                DemoDataGenerator g = new DemoDataGenerator(c, 21);
                for (int i = 0; i < 3000; i++) {
                    g.randomOperation();
                }
            }
            LivePipelineIT.awaitCaughtUp(rt);
            topicEnd = rt.eventLog().endOffsets("demo.public.customers").values().stream().mapToLong(Long::longValue).sum();
        }
        assertThat(topicEnd).isGreaterThan(1200);

        Random random = new Random(42);
        int kills = 0;
        boolean lastWasKilled = false;
        long killedAt = 0;
        List<Double> resumeSeconds = new ArrayList<>();
        for (int attempt = 0; attempt < 10 && (kills < 3 || !lastWasKilled); attempt++) {
            Process child = rebuild(100);
            lastWasKilled = false;
            if (awaitReplayStarted(child, 90)) {
                if (killedAt > 0) {
                    // from the kill to the restarted rebuild replaying again (a new JVM, the embedded systems, the shadow reopened)
                    resumeSeconds.add((System.nanoTime() - killedAt) / 1e9);
                }
                Thread.sleep(200 + random.nextInt(1500));
                if (child.isAlive()) {
                    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    killedAt = System.nanoTime();
                    kills++;
                    lastWasKilled = true;
                    assertThat(dataDir.resolve("search/customers/SHADOW")).as("a killed rebuild leaves its shadow").exists();
                }
            }
            child.waitFor(90, TimeUnit.SECONDS);
        }
        assertThat(kills).as("rebuilds killed mid-way").isGreaterThanOrEqualTo(3);
        assertThat(lastWasKilled).isTrue();

        Process last = rebuild(0);
        assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String out = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = Files.readString(dataDir.resolve("child-err.log"));
        assertThat(last.exitValue()).as(out + err).isZero();
        Matcher resumed = RESUMED.matcher(out);
        assertThat(resumed.find()).as("the last run resumed the killed one's shadow: " + out).isTrue();
        assertThat(Long.parseLong(resumed.group(1))).isPositive();
        Matcher through = THROUGH.matcher(out);
        assertThat(through.find()).isTrue();
        assertThat(Long.parseLong(through.group(1))).isGreaterThanOrEqualTo(topicEnd);
        assertThat(out).contains("swapped in: the rebuilt store is live");

        try (LivePipeline rt = LivePipeline.start(pipeline, LivePipeline.Options.demo(21), ProgressListener.NONE)) {
            LivePipelineIT.awaitCaughtUp(rt);
            VerificationResult r = new FlowVerification(rt, VerifyOptions.defaults())
                    .verify(pipeline.flow("index-customers").orElseThrow(), new Cancellation(), ProgressListener.NONE, f -> { });
            assertThat(r.clean()).as("rebuilt index verifies clean: %s", r.counts()).isTrue();
            assertThat(r.counts().corrupt()).isZero();
            // nothing doubled: one document per key, as many as PostgreSQL has rows
            java.util.Set<Object> keys = new java.util.HashSet<>();
            long documents;
            try (io.headwater.engine.spi.DatasetReader reader = rt.reader(io.headwater.engine.model.DatasetRef.parse("search.customers"))) {
                documents = reader.count();
                reader.scan(row -> keys.add(row.get("id")));
            }
            long rows;
            try (Connection c = rt.recordDataSource().orElseThrow().getConnection();
                 java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM customers")) {
                rs.next();
                rows = rs.getLong(1);
            }
            assertThat(documents).isEqualTo(keys.size()).isEqualTo(rows);
            System.out.printf("RebuildCrashIT: %d kills; resume after kill %s s; lost %d, doubled %d (%,d documents, %,d keys, %,d rows)%n", kills,
                    resumeSeconds.stream().map(d -> String.format("%.1f", d)).toList(), r.counts().missing() + r.counts().mismatched(),
                    documents - keys.size(), documents, keys.size(), rows);
        }
    }

    private Process rebuild(double maxRate) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.headwater.app.Main");
        cmd.addAll(List.of("rebuild", "--config", DemoPipelineSupport.demoConfig().toString(), "--data-dir", dataDir.toString(),
                "--dataset", "search.customers", "--max-rate", Double.toString(maxRate)));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(new File(dataDir.resolve("child-err.log").toString()))).start();
    }

    /** Waits until the child reports replay progress (its stderr goes to the log file). */
    private boolean awaitReplayStarted(Process child, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        Path log = dataDir.resolve("child-err.log");
        long before = Files.exists(log) ? Files.size(log) : 0;
        while (System.currentTimeMillis() < deadline && child.isAlive()) {
            if (Files.exists(log) && Files.size(log) > before && Files.readString(log).substring((int) before).contains("replay search.customers")) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
