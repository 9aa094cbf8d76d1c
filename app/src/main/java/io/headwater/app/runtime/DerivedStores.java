package io.headwater.app.runtime;

import io.headwater.connectors.blobstore.BlobStoreReader;
import io.headwater.connectors.blobstore.BlobStoreSink;
import io.headwater.connectors.h2.H2TableReader;
import io.headwater.connectors.lucene.LuceneReader;
import io.headwater.connectors.mvstore.MvStoreReader;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.connectors.h2.H2AnalyticsSink;
import io.headwater.connectors.lucene.LuceneSink;
import io.headwater.connectors.mvstore.MvStoreSink;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DerivedSink;

/** Opens the sink of a derived dataset according to its system's kind, in the data directory's layout. */
final class DerivedStores {
    private DerivedStores() {
    }

    static DerivedSink open(StoreLayout layout, SystemSpec system, Dataset dataset, Flow flow) {
        return switch (system.kind()) {
            case LUCENE -> LuceneSink.open(layout.luceneIndex(system, dataset), dataset, flow);
            case MVSTORE -> MvStoreSink.open(layout.mvStoreFile(system), dataset, flow);
            case H2 -> H2AnalyticsSink.open(layout.h2Url(system), dataset, flow);
            case BLOBSTORE -> BlobStoreSink.open(layout.blobRoot(system), dataset, flow);
            default -> throw new HeadwaterException("system '" + system.id() + "' of kind " + system.kind().configName()
                    + " cannot be a derived store in this version (use lucene, mvstore, h2 or blobstore)");
        };
    }

    /** Opens a reader on a derived dataset; usable beside an open sink of the same store in this process. */
    static DatasetReader reader(StoreLayout layout, SystemSpec system, Dataset dataset) {
        return switch (system.kind()) {
            case LUCENE -> LuceneReader.open(layout.luceneIndex(system, dataset), dataset);
            case MVSTORE -> MvStoreReader.open(layout.mvStoreFile(system), dataset);
            case H2 -> H2TableReader.open(layout.h2Url(system), dataset);
            case BLOBSTORE -> BlobStoreReader.open(layout.blobRoot(system), dataset);
            default -> throw new HeadwaterException("system '" + system.id() + "' of kind " + system.kind().configName()
                    + " has no reader in this version");
        };
    }
}
