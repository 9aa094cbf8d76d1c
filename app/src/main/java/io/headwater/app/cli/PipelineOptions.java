package io.headwater.app.cli;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import java.nio.file.Path;

/** Loads the pipeline a command names, with {@code --data-dir} applied. */
final class PipelineOptions {
    private PipelineOptions() {
    }

    static Pipeline load(CommonOptions options) {
        Path file = options.configFile();
        Pipeline p = new PipelineLoader().load(file);
        return options.dataDir != null ? p.withDataDir(options.dataDir.toAbsolutePath()) : p;
    }
}
