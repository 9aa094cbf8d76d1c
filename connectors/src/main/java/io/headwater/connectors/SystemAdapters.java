package io.headwater.connectors;

import io.headwater.connectors.blobstore.BlobStoreReader;
import io.headwater.connectors.blobstore.BlobStoreSink;
import io.headwater.connectors.h2.H2AnalyticsSink;
import io.headwater.connectors.jdbc.JdbcEndpoint;
import io.headwater.connectors.jdbc.SqlSystemAdapter;
import io.headwater.connectors.jdbc.SqlTableSink;
import io.headwater.connectors.kafka.KafkaAdapter;
import io.headwater.connectors.lucene.LuceneReader;
import io.headwater.connectors.lucene.LuceneSink;
import io.headwater.connectors.mvstore.MvStoreReader;
import io.headwater.connectors.mvstore.MvStoreSink;
import io.headwater.connectors.mvstore.MvStoreSnapshot;
import io.headwater.connectors.opensearch.OpenSearchAdapter;
import io.headwater.connectors.redis.RedisAdapter;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.SystemAdapter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens the {@link SystemAdapter} of a system: the one place that knows which adapter serves which
 * kind (see {@code docs/architecture.md}, "Adapters"). Adding a kind means adding its adapter here.
 * Stateless and thread-safe.
 */
public final class SystemAdapters {
    private SystemAdapters() {
    }

    /**
     * Where a system is.
     *
     * @param dir     its folder: where a hosted system keeps its files, or an attached file store's path
     * @param live    how to reach a server: the system's own connection when attached, the address of the
     *                server Headwater started when hosted
     * @param timeout the bound on each call to a remote system
     */
    public record Place(Path dir, Connection live, Duration timeout) {
    }

    public static SystemAdapter open(SystemSpec system, Place place) {
        return switch (system.kind()) {
            case POSTGRES, MYSQL -> sql(system, place);
            case H2 -> h2(system, place);
            case KAFKA -> new KafkaAdapter(system, place.live().address(), place.timeout());
            case LUCENE -> new FileStoreAdapter(system, place.dir(), new FileStoreAdapter.Opener() {
                @Override
                public DatasetReader reader(Path dir, Dataset d) {
                    return LuceneReader.open(luceneIndex(dir, d), d);
                }

                @Override
                public DerivedSink sink(Path dir, Dataset d, Flow f) {
                    return LuceneSink.open(luceneIndex(dir, d), d, f);
                }
            });
            case MVSTORE -> new FileStoreAdapter(system, place.dir(), new FileStoreAdapter.Opener() {
                @Override
                public DatasetReader reader(Path dir, Dataset d) {
                    // Another process has an attached store open, and MVStore locks its file: read a copy.
                    return system.mayWrite() ? MvStoreReader.open(mvStoreFile(dir), d) : MvStoreSnapshot.open(mvStoreFile(dir), d);
                }

                @Override
                public DerivedSink sink(Path dir, Dataset d, Flow f) {
                    return MvStoreSink.open(mvStoreFile(dir), d, f);
                }
            });
            case BLOBSTORE -> new FileStoreAdapter(system, place.dir(), new FileStoreAdapter.Opener() {
                @Override
                public DatasetReader reader(Path dir, Dataset d) {
                    // As for MVStore: an attached store's manifest is locked by its owner, so it is read from a copy.
                    return system.mayWrite() ? BlobStoreReader.open(dir, d) : BlobStoreReader.openSnapshot(dir, d);
                }

                @Override
                public DerivedSink sink(Path dir, Dataset d, Flow f) {
                    return BlobStoreSink.open(dir, d, f);
                }
            });
            case REDIS -> new RedisAdapter(system, place.live(), place.timeout());
            case OPENSEARCH, ELASTICSEARCH -> new OpenSearchAdapter(system, place.live());
        };
    }

    /** A PostgreSQL or MySQL system; its tables are kept by {@link SqlTableSink} when Headwater may write it. */
    private static SystemAdapter sql(SystemSpec system, Place place) {
        JdbcEndpoint endpoint = JdbcEndpoint.of(system, place.live());
        return new SqlSystemAdapter(system, endpoint, (d, f) -> SqlTableSink.open(endpoint, d, f));
    }

    private static SystemAdapter h2(SystemSpec system, Place place) {
        String url = h2Url(system, place);
        Connection live = new Connection(url, null, place.live().user(), place.live().password(), null);
        return new SqlSystemAdapter(system, JdbcEndpoint.of(system, live), (d, f) -> H2AnalyticsSink.open(url, d, f));
    }

    /** The JDBC URL of an H2 system: its {@code address} when attached, a shareable file database in its folder when hosted. */
    public static String h2Url(SystemSpec system, Place place) {
        if (system.attached() && place.live().address() != null) {
            return place.live().address();
        }
        return "jdbc:h2:file:" + place.dir().resolve(system.id()).toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    /** Where a hosted Lucene system keeps the index of a dataset: one folder per dataset. */
    public static Path luceneIndex(Path dir, Dataset dataset) {
        return dir.resolve(dataset.physicalName());
    }

    /** Where an MVStore system keeps its maps: one file. */
    public static Path mvStoreFile(Path dir) {
        return dir.resolve("store.mv.db");
    }
}
