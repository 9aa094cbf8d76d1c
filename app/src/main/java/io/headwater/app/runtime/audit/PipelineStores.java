package io.headwater.app.runtime.audit;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.StoreLayout;
import io.headwater.connectors.audit.LiveStores;
import io.headwater.connectors.opensearch.OpenSearchEndpoint;
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

/** The live stores of a running {@link LivePipeline}, for the audit probes. Thread-safe. */
public final class PipelineStores implements LiveStores {
    private final LivePipeline runtime;
    private final StoreLayout layout;

    public PipelineStores(LivePipeline runtime) {
        this.runtime = runtime;
        this.layout = new StoreLayout(runtime.pipeline());
    }

    @Override
    public Pipeline pipeline() {
        return runtime.pipeline();
    }

    @Override
    public Optional<ConnectionSource> connections(SystemSpec system) {
        return runtime.adapter(system.id()).capability(ConnectionSource.class);
    }

    @Override
    public DatasetReader openReader(DatasetRef derived) {
        return runtime.reader(derived);
    }

    @Override
    public EventLog eventLog(DatasetRef topic) {
        return runtime.eventLogOf(topic);
    }

    @Override
    public String bootstrapServers(SystemSpec kafka) {
        return runtime.eventLog(kafka.id()).bootstrapServers();
    }

    @Override
    public ChangeDecoder decoder() {
        return runtime.decoder();
    }

    @Override
    public Path systemDir(SystemSpec system) {
        return layout.systemDir(system);
    }

    @Override
    public String h2Url(SystemSpec system) {
        return layout.h2Url(system);
    }

    @Override
    public Path luceneIndex(SystemSpec system, Dataset dataset) {
        return layout.luceneIndex(system, dataset);
    }

    @Override
    public <T> Optional<T> capability(SystemSpec system, Class<T> type) {
        return runtime.adapter(system.id()).capability(type);
    }

    @Override
    public Optional<SearchAudits> searchIndex(SystemSpec system) {
        return runtime.adapter(system.id()).capability(OpenSearchEndpoint.class).map(SearchAudits::new);
    }

    @Override
    public boolean awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!runtime.caughtUp()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
