package io.headwater.connectors.audit;

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
import javax.sql.DataSource;

/**
 * The live systems of a running pipeline, as the audit probes need them. Implemented by the
 * application over its running pipeline. Implementations are thread-safe.
 */
public interface LiveStores {
    Pipeline pipeline();

    /** Connections to the PostgreSQL system of record, when it is reachable. */
    Optional<DataSource> recordDataSource();

    /** A reader on a derived dataset; close it when done. */
    DatasetReader openReader(DatasetRef derived);

    /** The event log. */
    EventLog eventLog();

    /** The bootstrap servers of the log, for admin calls (ACLs). */
    String logBootstrapServers();

    /** The decoder of the log's records. */
    ChangeDecoder decoder();

    /** Where an embedded system keeps its files. */
    Path systemDir(SystemSpec system);

    /** The JDBC URL of an H2 system. */
    String h2Url(SystemSpec system);

    /** The index directory of a Lucene dataset. */
    Path luceneIndex(SystemSpec system, Dataset dataset);

    /** Waits until every derived store has applied everything in the log; false when it did not within {@code timeout}. */
    boolean awaitCaughtUp(Duration timeout);
}
