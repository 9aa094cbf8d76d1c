package io.headwater.app.runtime;

import io.headwater.connectors.SystemAdapters;
import io.headwater.connectors.kafka.KafkaEventLog;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemSpec;
import java.nio.file.Path;

/**
 * Where each embedded system keeps its files inside the data directory. One place, so that the
 * running pipeline, the status command and later the rebuild all look in the same folders:
 * <pre>
 * DATA_DIR/headwater.lock          the holder of the directory (DataDirLock)
 * DATA_DIR/status.json             the holder's last published status
 * DATA_DIR/&lt;pg&gt;/                  PostgreSQL data directory and port file
 * DATA_DIR/&lt;kafka&gt;/               Kafka log directory and port file
 * DATA_DIR/capture/&lt;pg&gt;/          Debezium offsets
 * DATA_DIR/&lt;lucene&gt;/&lt;dataset&gt;     one Lucene index per dataset
 * DATA_DIR/&lt;mvstore&gt;/store.mv.db   one MVStore file per system
 * DATA_DIR/&lt;h2&gt;/&lt;id&gt;.mv.db        one H2 database per system (AUTO_SERVER, shareable)
 * DATA_DIR/&lt;blobstore&gt;/            blob files and their manifest
 * </pre>
 */
public record StoreLayout(Pipeline pipeline) {
    public Path dataDir() {
        return pipeline.dataDir();
    }

    public Path systemDir(SystemSpec system) {
        return pipeline.systemDir(system);
    }

    public Path captureDir(SystemSpec record) {
        return dataDir().resolve("capture").resolve(record.id());
    }

    public Path statusFile() {
        return dataDir().resolve("status.json");
    }

    public Path luceneIndex(SystemSpec system, Dataset dataset) {
        return SystemAdapters.luceneIndex(systemDir(system), dataset);
    }

    public String h2Url(SystemSpec system) {
        return SystemAdapters.h2Url(system, place(system));
    }

    /**
     * Where a system is when this process does not run the pipeline: its folder, and its own
     * connection (a hosted server has no address then).
     */
    public SystemAdapters.Place place(SystemSpec system) {
        return new SystemAdapters.Place(systemDir(system), system.connection(), KafkaEventLog.DEFAULT_TIMEOUT);
    }
}
