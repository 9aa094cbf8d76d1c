package io.headwater.tests.gui;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** Finds the repository's files and waits for conditions, for the GUI tests. */
final class GuiSupport {
    private GuiSupport() {
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
    static void await(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
