package io.headwater.tests;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import java.nio.file.Path;

/** Finds the repository's files from a test. */
final class DemoPipelineSupport {
    private DemoPipelineSupport() {
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("headwater.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path demoConfig() {
        return repoRoot().resolve("sample-configs/demo.yaml");
    }

    static Pipeline demo(Path dataDir) {
        return new PipelineLoader().load(demoConfig()).withDataDir(dataDir);
    }

    /** Waits until the condition holds, polling; fails with the message after the timeout. */
    static void await(String what, long timeoutMillis, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
