package io.headwater.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every pipeline command takes. */
public final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Pipeline YAML (default: the embedded demo, sample-configs/demo.yaml).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where embedded systems keep their data (default: the config's data-dir).")
    Path dataDir;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Option(names = "--allow-write", paramLabel = "SYSTEM", split = ",",
            description = "Let headwater write into this attached system (rebuild swaps, fault injection), as writable: true in the config would.")
    List<String> allowWrite = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The config file named, or the embedded demo's. */
    public Path configFile() {
        return config != null ? config : DefaultConfig.demo();
    }

    /** The {@code --data-dir} given, or null. */
    public Path dataDirOverride() {
        return dataDir;
    }
}
