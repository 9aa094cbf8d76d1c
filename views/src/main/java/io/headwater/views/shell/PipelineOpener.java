package io.headwater.views.shell;

import io.headwater.engine.model.Pipeline;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.workbench.Workbench;
import java.nio.file.Path;

/**
 * How the main window opens pipelines; the app implements it on the embedded runtime. Every method
 * may block (disk, starting servers): the window calls them from its background executor.
 */
public interface PipelineOpener {
    /** The config the window opens at start-up (the embedded demo unless told otherwise). */
    Path initialConfig();

    /**
     * Reads and checks a config.
     *
     * @throws io.headwater.engine.config.ConfigException listing every problem with file, line and key
     */
    Pipeline load(Path config);

    /** Starts a loaded pipeline (reporting each step) and returns its workbench once live. */
    Workbench start(Pipeline pipeline, ProgressListener progress);

    /**
     * Imports OpenLineage events other tools recorded (one JSON event a line): writes a config
     * skeleton of the lineage they describe and returns its path, for the window to open.
     *
     * @throws io.headwater.engine.HeadwaterException when the events cannot be read or the skeleton written
     */
    Path importOpenLineage(Path events);
}
