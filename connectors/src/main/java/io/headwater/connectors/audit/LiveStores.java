package io.headwater.connectors.audit;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.opensearch.SearchAudits;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.EventLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The live systems of a running pipeline, as the audit probes need them. Implemented by the
 * application over its running pipeline. Implementations are thread-safe.
 */
public interface LiveStores {
    Pipeline pipeline();

    /**
     * Connections to a SQL system (hosted or attached; read-only when attached and not writable), or
     * empty when the system is not a SQL database.
     */
    Optional<ConnectionSource> connections(SystemSpec system);

    /** A reader on a derived dataset; close it when done. */
    DatasetReader openReader(DatasetRef derived);

    /** The event log that holds a topic dataset (its kafka system's). */
    EventLog eventLog(DatasetRef topic);

    /** The bootstrap servers of a kafka system, for admin calls (ACLs). */
    String bootstrapServers(SystemSpec kafka);

    /** The decoder of the log's records. */
    ChangeDecoder decoder();

    /** Where an embedded system keeps its files. */
    Path systemDir(SystemSpec system);

    /** The JDBC URL of an H2 system. */
    String h2Url(SystemSpec system);

    /** The index directory of a Lucene dataset. */
    Path luceneIndex(SystemSpec system, Dataset dataset);

    /**
     * A capability of a system's adapter (for example {@link KeyExpiries}); empty when the system's
     * kind has none of that type.
     */
    default <T> Optional<T> capability(SystemSpec system, Class<T> type) {
        return Optional.empty();
    }

    /**
     * Direct queries on a search index (an {@code opensearch} or {@code elasticsearch} system), so a probe
     * need not read every document; empty for other kinds.
     */
    default Optional<SearchAudits> searchIndex(SystemSpec system) {
        return Optional.empty();
    }

    /** Waits until every derived store has applied everything in the log; false when it did not within {@code timeout}. */
    boolean awaitCaughtUp(Duration timeout);
}
