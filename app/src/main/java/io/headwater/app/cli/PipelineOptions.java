package io.headwater.app.cli;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import java.nio.file.Path;
import picocli.CommandLine.ParameterException;

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
                throw new ParameterException(options.command.commandLine(), "--allow-write: " + e.getMessage(), e, null, null);
            }
        }
        return options.dataDir != null ? p.withDataDir(options.dataDir.toAbsolutePath()) : p;
    }
}
