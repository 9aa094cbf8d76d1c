package io.headwater.app.gui;

import io.headwater.app.cli.Attached;
import io.headwater.app.openlineage.OpenLineageImport;
import io.headwater.app.runtime.DemoSession;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.app.runtime.workbench.LiveWorkbench;
import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.workbench.Workbench;
import io.headwater.views.shell.PipelineOpener;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens pipelines for the main window as {@link LivePipeline}s: hosted systems started, attached
 * ones connected to. A pipeline declared {@code demo: true} starts with its data and a load
 * generator, as {@code headwater demo}; any other config opens as it is. Either way the process
 * answers the CLI's commands aimed at its data directory.
 */
public final class LivePipelineOpener implements PipelineOpener {
    /** The demo data's seed and the load generator's rate (operations per second). */
    static final long DEMO_SEED = 42;
    static final double DEMO_RATE = 5;
    private static final Logger LOG = LoggerFactory.getLogger(LivePipelineOpener.class);

    private final Path initialConfig;
    private final Path dataDirOverride;
    private final double demoRate;

    /**
     * @param dataDirOverride the data directory for the initial config, or null for the config's own
     * @param demoRate        the demo load's operations per second
     */
    public LivePipelineOpener(Path initialConfig, Path dataDirOverride, double demoRate) {
        this.initialConfig = initialConfig.toAbsolutePath().normalize();
        this.dataDirOverride = dataDirOverride;
        this.demoRate = demoRate;
    }

    @Override
    public Path initialConfig() {
        return initialConfig;
    }

    @Override
    public Pipeline load(Path config) {
        Pipeline p = new PipelineLoader().load(config);
        boolean initial = config.toAbsolutePath().normalize().equals(initialConfig);
        return initial && dataDirOverride != null ? p.withDataDir(dataDirOverride.toAbsolutePath()) : p;
    }

    @Override
    public Workbench start(Pipeline pipeline, ProgressListener progress) {
        if (pipeline.demo()) {
            DemoSession session = DemoSession.start(pipeline, DEMO_SEED, demoRate, progress);
            session.runtime().serveControl(request -> Attached.run(session.runtime(), request));
            return LiveWorkbench.open(session);
        }
        LivePipeline runtime = LivePipeline.start(pipeline, new LivePipeline.Options("headwater gui", 0), progress);
        runtime.serveControl(request -> Attached.run(runtime, request));
        return LiveWorkbench.open(runtime);
    }

    /** Writes the skeleton beside the events ({@code marquez.ndjson} gives {@code marquez.headwater.yaml}). */
    @Override
    public Path importOpenLineage(Path events) {
        OpenLineageImport imported = OpenLineageImport.of(events);
        imported.problems().forEach(p -> LOG.warn("import of {}: {}", events, p));
        Path skeleton = events.toAbsolutePath().resolveSibling(OpenLineageImport.skeletonName(events));
        imported.writeSkeleton(skeleton);
        LOG.info("{}: {} events, {} datasets, {} jobs; config skeleton {}", events, imported.lineage().eventCount(),
                imported.lineage().datasets().size(), imported.lineage().jobs().size(), skeleton);
        return skeleton;
    }
}
