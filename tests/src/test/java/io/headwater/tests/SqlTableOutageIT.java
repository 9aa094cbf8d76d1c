package io.headwater.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.app.runtime.FlowVerification;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.RebuildRunner;
import io.headwater.connectors.demo.DemoDataGenerator;
import io.headwater.connectors.postgres.EmbeddedPostgresServer;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.tests.attach.SqlTablePipeline;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server of a derived PostgreSQL table going away in the middle of a verification and of a
 * rebuild. The server is an embedded PostgreSQL this test starts and stops itself, at a named point
 * (after both sides were counted; after the second batch committed into the shadow) — never the
 * machine's. Each run fails with an error naming host:port, never reports clean, and leaves the live
 * table as it was; the rebuild resumes its shadow once the server is back.
 */
class SqlTableOutageIT {
    private static final DatasetRef WAREHOUSE = DatasetRef.parse(SqlTablePipeline.DATASET);

    @TempDir
    Path dir;

    private EmbeddedPostgresServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private Path serverDir() {
        return dir.resolve("warehouse-pg");
    }

    private Pipeline pipeline() throws Exception {
        server = EmbeddedPostgresServer.start(serverDir());
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE warehouse");
        }
        return SqlTablePipeline.load(SqlTablePipeline.write(dir, "postgres", server.address(), "warehouse", server.user()), dir.resolve("data"));
    }

    private List<String> liveRows() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + server.address() + "/warehouse", server.user(), server.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT string_agg(id || ' ' || email, ',' ORDER BY id) FROM customers)"
                     + " || ' @ ' || (SELECT checkpoint FROM headwater_checkpoints WHERE dataset = 'customers')")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Stops the server the first time it is called with at least {@code after} units done. */
    private ProgressListener stopServerAt(long after, AtomicBoolean stopped) {
        return (done, total, unit) -> {
            if (done >= after && stopped.compareAndSet(false, true)) {
                server.close();
            }
        };
    }

    @Test
    void theServerGoingAwayFailsTheVerifyAndTheRebuildNamingItAndTheRebuildResumesWhenItIsBack() throws Exception {
        try (LivePipeline rt = LivePipeline.start(pipeline(), LivePipeline.Options.demo(41), ProgressListener.NONE)) {
            try (Connection c = rt.recordDataSource().orElseThrow().getConnection()) {
                DemoDataGenerator g = new DemoDataGenerator(c, 41);
                for (int i = 0; i < 1000; i++) {
                    g.randomOperation();
                }
            }
            LivePipelineIT.awaitCaughtUp(rt);
            List<String> before = liveRows();
            Flow flow = rt.pipeline().flow(SqlTablePipeline.FLOW).orElseThrow();

            // Verify: the server stops after both sides were counted, before the first segment is fingerprinted.
            AtomicBoolean stopped = new AtomicBoolean();
            VerificationResult[] result = new VerificationResult[1];
            assertThatThrownBy(() -> result[0] = new FlowVerification(rt, VerifyOptions.defaults())
                    .verify(flow, new Cancellation(), stopServerAt(0, stopped), f -> { }))
                    .isInstanceOf(ConnectionException.class).hasMessageContaining(server.address());
            assertThat(stopped).isTrue();
            assertThat(result[0]).as("no result, clean or not").isNull();
            server = EmbeddedPostgresServer.start(serverDir());
            assertThat(liveRows()).isEqualTo(before);

            // Rebuild: throttled, so batches of 100 commit one by one; the server stops after the second.
            stopped.set(false);
            assertThatThrownBy(() -> new RebuildRunner(rt, VerifyOptions.defaults(), 5_000)
                    .rebuild(WAREHOUSE, new Cancellation(), stopServerAt(200, stopped), ProgressListener.NONE, f -> { }))
                    .isInstanceOf(ConnectionException.class).hasMessageContaining(server.address());
            assertThat(stopped).isTrue();
            server = EmbeddedPostgresServer.start(serverDir());
            assertThat(liveRows()).as("the live table and its checkpoint are untouched").isEqualTo(before);
            assertThat(rt.sink(WAREHOUSE).orElseThrow().hasShadow()).as("the shadow is kept for the next rebuild").isTrue();

            RebuildRunner.Outcome o = new RebuildRunner(rt, VerifyOptions.defaults(), 0)
                    .rebuild(WAREHOUSE, new Cancellation(), ProgressListener.NONE, ProgressListener.NONE, f -> { });
            assertThat(o.resumed()).isTrue();
            assertThat(o.replay().from().nextOffsets().values().stream().mapToLong(Long::longValue).sum()).as("resumed past the committed batches")
                    .isGreaterThanOrEqualTo(200);
            assertThat(o.swapped()).as("%s", o.verification().counts()).isTrue();
            VerificationResult after = new FlowVerification(rt, VerifyOptions.defaults())
                    .verify(flow, new Cancellation(), ProgressListener.NONE, f -> { });
            assertThat(after.clean()).as("%s", after.counts()).isTrue();
        }
    }
}
