package io.headwater.app.runtime;

import io.headwater.connectors.demo.DemoDataGenerator;
import io.headwater.connectors.demo.LoadGenerator;
import io.headwater.engine.ReadOnlyException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.pipeline.LatencyRecorder;
import io.headwater.engine.pipeline.PipelineRuntime;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.status.SystemStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import io.headwater.connectors.demo.LedgerWriter;
import io.headwater.engine.model.SystemSpec;
import java.util.Map;

/**
 * The demo pipeline running with a load generator writing into its system of record. Closing
 * stops the load, then the pipeline. Thread-safe.
 */
public final class DemoSession implements PipelineRuntime {
    private final LivePipeline pipeline;
    private final Connection connection;
    private final LoadGenerator load;

    private DemoSession(LivePipeline pipeline, Connection connection, LoadGenerator load) {
        this.pipeline = pipeline;
        this.connection = connection;
        this.load = load;
    }

    /** Starts the pipeline with the demo data and a load of {@code rate} operations per second. */
    public static DemoSession start(Pipeline model, long seed, double rate, ProgressListener progress) {
        for (SystemSpec s : model.systems()) {
            if (s.role() == Role.RECORD && !s.mayWrite()) {
                throw ReadOnlyException.refusing("the demo's load", s.id());
            }
        }
        LivePipeline rt = LivePipeline.start(model, LivePipeline.Options.demo(seed), progress);
        try {
            Connection c = rt.recordDataSource().orElseThrow(() -> new StoreException("the demo needs an embedded PostgreSQL")).getConnection();
            LoadGenerator load = new LoadGenerator(demoOperations(rt, new DemoDataGenerator(c, seed), seed), rate);
            NamedThreads.start("load", load);
            return new DemoSession(rt, c, load);
        } catch (SQLException | RuntimeException e) {
            rt.close();
            throw e instanceof SQLException sql ? new StoreException("cannot connect the load generator to PostgreSQL: " + sql.getMessage(), sql)
                    : (RuntimeException) e;
        }
    }

    /**
     * The demo's mix of operations: changes to the PostgreSQL tables, and about one in six an event
     * appended to each event-sourced ledger.
     */
    private static Supplier<String> demoOperations(LivePipeline rt, DemoDataGenerator tables, long seed) {
        List<LedgerWriter> ledgers = rt.pipeline().systems().stream().filter(SystemSpec::eventSourced)
                .flatMap(s -> s.datasets().stream()).map(d -> new LedgerWriter(rt.eventLog(), d, seed)).toList();
        if (ledgers.isEmpty()) {
            return tables::randomOperation;
        }
        Random dice = new Random(seed);
        return () -> dice.nextInt(6) == 0 ? ledgers.get(dice.nextInt(ledgers.size())).append() : tables.randomOperation();
    }

    public LivePipeline runtime() {
        return pipeline;
    }

    public LoadGenerator load() {
        return load;
    }

    @Override
    public Pipeline pipeline() {
        return pipeline.pipeline();
    }

    @Override
    public List<SystemStatus> status() {
        return pipeline.status();
    }

    @Override
    public Map<String, LatencyRecorder> latencies() {
        return pipeline.latencies();
    }

    @Override
    public void close() {
        load.close();
        try {
            connection.close();
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(DemoSession.class).debug("closing the load connection", e);
        }
        pipeline.close();
    }
}
