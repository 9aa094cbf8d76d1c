package io.headwater.app.runtime;

import io.headwater.connectors.kafka.EmbeddedKafkaBroker;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.pipeline.DataDirLock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log of a pipeline opened on its own, for commands that only read the log (history,
 * time travel) when no pipeline is running: an embedded broker is started on its directory in the
 * data directory, which is claimed ({@link DataDirLock}) for as long as this is open; an external
 * cluster is reached at its address without a claim. Nothing else of the pipeline is started.
 * Closing stops what was started, in reverse order. Thread-safe as {@link KafkaEventLog} is.
 */
public final class LogAccess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogAccess.class);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private KafkaEventLog eventLog;

    private LogAccess() {
    }

    /**
     * Opens the log system {@code log} of {@code pipeline}.
     *
     * @param command how this run is described to other processes ({@code headwater history})
     * @throws DataDirLock.DataDirBusyException when an embedded log's data directory is held by another process
     */
    public static LogAccess open(Pipeline pipeline, SystemSpec log, String command) {
        Objects.requireNonNull(log, "log");
        if (log.kind() != SystemKind.KAFKA) {
            throw new HeadwaterException("system '" + log.id() + "' is a " + log.kind().configName() + " system, not a Kafka log");
        }
        LogAccess access = new LogAccess();
        try {
            access.start(pipeline, log, command);
            return access;
        } catch (RuntimeException e) {
            access.close();
            throw e;
        }
    }

    private void start(Pipeline pipeline, SystemSpec log, String command) {
        String bootstrap;
        if (log.embedded()) {
            DataDirLock lock = DataDirLock.acquire(pipeline.dataDir(), command);
            opened.push(lock);
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new StoreLayout(pipeline).systemDir(log));
            opened.push(broker);
            bootstrap = broker.bootstrapServers();
            lock.publish(log.id() + ".address", bootstrap);
        } else {
            bootstrap = log.connection().address();
        }
        eventLog = KafkaEventLog.forSystem(log, bootstrap, KafkaEventLog.DEFAULT_TIMEOUT);
        opened.push(eventLog);
    }

    /** The log; valid until this is closed. */
    public KafkaEventLog eventLog() {
        return eventLog;
    }

    @Override
    public synchronized void close() {
        while (!opened.isEmpty()) {
            AutoCloseable c = opened.pop();
            try {
                c.close();
            } catch (Exception e) { // AutoCloseable.close() declares Exception; stop the rest regardless
                LOG.warn("while stopping {}: {}", c.getClass().getSimpleName(), e.getMessage(), e);
            }
        }
    }
}
