package io.headwater.app.cli;

import io.headwater.engine.HeadwaterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Finds the embedded demo's config: in the checkout the launcher runs from, or the copy in the jar. */
final class DefaultConfig {
    static final String DEMO = "sample-configs/demo.yaml";

    private DefaultConfig() {
    }

    static Path demo() {
        String home = System.getProperty("headwater.home");
        if (home != null && Files.isRegularFile(Path.of(home, DEMO))) {
            return Path.of(home, DEMO);
        }
        if (Files.isRegularFile(Path.of(DEMO))) {
            return Path.of(DEMO);
        }
        Path target = Path.of(System.getProperty("user.home"), ".headwater", "demo.yaml");
        try (InputStream in = DefaultConfig.class.getClassLoader().getResourceAsStream(DEMO)) {
            if (in == null) {
                throw new HeadwaterException("the demo config " + DEMO + " is missing from the build; pass --config FILE");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new HeadwaterException("cannot write the demo config to " + target + ": " + e.getMessage(), e);
        }
    }
}
