package io.headwater.views.shell;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import java.nio.file.Path;

/** The repository's demo pipeline, read from {@code sample-configs/demo.yaml}, for view-model tests. */
public final class DemoModel {
    private DemoModel() {
    }

    public static Path config() {
        Path here = Path.of("").toAbsolutePath();
        Path candidate = here.resolve("../sample-configs/demo.yaml").normalize();
        return candidate.toFile().isFile() ? candidate : here.resolve("sample-configs/demo.yaml");
    }

    public static Pipeline load() {
        return new PipelineLoader().load(config());
    }
}
