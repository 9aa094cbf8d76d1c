package io.headwater.app.cli;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import java.nio.file.Path;

/** Loads the pipeline a command names, with {@code --data-dir} and {@code --allow-write} applied. */
final class PipelineOptions {
    private PipelineOptions() {
    }

    static Pipeline load(CommonOptions options) {
        Path file = options.configFile();
        Pipeline p = new PipelineLoader().load(file);
        if (!options.allowWrite.isEmpty()) {
            try {
                p = p.allowingWrites(options.allowWrite);
            } catch (IllegalArgumentException e) {
                throw new HeadwaterException("--allow-write: " + e.getMessage(), e);
            }
        }
        return options.dataDir != null ? p.withDataDir(options.dataDir.toAbsolutePath()) : p;
    }
}
