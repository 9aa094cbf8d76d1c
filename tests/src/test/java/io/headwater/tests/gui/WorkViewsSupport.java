package io.headwater.tests.gui;

import io.headwater.engine.config.PipelineLoader;
import io.headwater.engine.model.Pipeline;
import io.headwater.views.common.DialogService;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Shared by the work views' GUI tests: the demo config, polling, a recording dialog service and snapshots. */
final class WorkViewsSupport {
    private WorkViewsSupport() {
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("headwater.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Pipeline demo(Path dataDir) {
        return new PipelineLoader().load(repoRoot().resolve("sample-configs/demo.yaml")).withDataDir(dataDir);
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

    /** Writes a snapshot of a node (taken on the FX thread) as a PNG, without javafx-swing. */
    static void savePng(WritableImage image, Path file) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(out, "png", file.toFile());
    }

    /** Snapshots a node on the FX thread; call from the FX thread. */
    static WritableImage snapshot(Node node) {
        return node.snapshot(null, null);
    }

    /** Records what would have been shown; errors fail the test that checks {@link #errors}. */
    static final class RecordingDialogs implements DialogService {
        final List<String> errors = new CopyOnWriteArrayList<>();
        final List<String> infos = new CopyOnWriteArrayList<>();
        volatile Path saveTo;

        @Override
        public void showError(String title, String message, Throwable details) {
            errors.add(title + ": " + message);
        }

        @Override
        public void showProblems(String title, String message, List<String> problems) {
            errors.add(title + ": " + message + " " + problems);
        }

        @Override
        public void showInfo(String title, String message) {
            infos.add(title + ": " + message);
        }

        @Override
        public boolean confirm(String title, String message) {
            return true;
        }

        @Override
        public Optional<Path> chooseFileToOpen(String title, Path initialDir, String extensionDescription, String... extensions) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> chooseFileToSave(String title, String suggestedName, String extensionDescription, String... extensions) {
            return Optional.ofNullable(saveTo);
        }
    }
}
