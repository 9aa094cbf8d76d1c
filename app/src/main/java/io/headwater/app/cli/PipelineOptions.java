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
        Pipeline p = loader(options).load(file);
        return applyOptions(options, p);
    }

    /** A pipeline from config text that is in no file (a discovered one), named {@code origin} in messages. */
    static Pipeline fromText(CommonOptions options, String yaml, String origin) {
        return applyOptions(options, loader(options).parse(yaml, origin, Path.of("").toAbsolutePath()));
    }

    /** A loader reading secrets from the command's environment, which tests replace. */
    private static PipelineLoader loader(CommonOptions options) {
        Object root = options.command == null ? null : options.command.root().userObject();
        return root instanceof HeadwaterCommand h ? PipelineLoader.withEnvironment(h.environment()) : new PipelineLoader();
    }

    private static Pipeline applyOptions(CommonOptions options, Pipeline loaded) {
        Pipeline p = loaded;
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
