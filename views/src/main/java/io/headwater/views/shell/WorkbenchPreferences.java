package io.headwater.views.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the workbench remembers between runs — recent configs, the window's bounds and divider
 * positions — in a small properties file ({@code ~/.headwater/workbench.properties}). A missing or
 * unreadable file means defaults; failing to save is logged, never fatal. Not thread-safe.
 */
public final class WorkbenchPreferences {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchPreferences.class);
    static final int MAX_RECENT = 8;
    private static final String RECENT = "recent.";

    private final Path file;
    private final Properties values = new Properties();

    /** Window bounds in screen pixels. */
    public record Bounds(double x, double y, double width, double height, boolean maximized) {
    }

    public WorkbenchPreferences(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("ignoring unreadable preferences {}: {}", file, e.getMessage());
            }
        }
    }

    /** The default place: {@code ~/.headwater/workbench.properties}. */
    public static WorkbenchPreferences inUserHome() {
        return new WorkbenchPreferences(Path.of(System.getProperty("user.home"), ".headwater", "workbench.properties"));
    }

    /** Recently opened configs, newest first. */
    public List<Path> recentConfigs() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String v = values.getProperty(RECENT + i);
            if (v != null && !v.isBlank()) {
                out.add(Path.of(v));
            }
        }
        return out;
    }

    /** Puts a config first in the recent list (once), keeping at most {@value #MAX_RECENT}. */
    public void addRecent(Path config) {
        Path abs = config.toAbsolutePath().normalize();
        List<Path> list = new ArrayList<>(recentConfigs());
        list.remove(abs);
        list.add(0, abs);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) {
                values.setProperty(RECENT + i, list.get(i).toString());
            } else {
                values.remove(RECENT + i);
            }
        }
        save();
    }

    public Optional<Bounds> windowBounds() {
        try {
            String v = values.getProperty("window");
            if (v == null) {
                return Optional.empty();
            }
            String[] p = v.split(",");
            return Optional.of(new Bounds(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                    Double.parseDouble(p[3]), Boolean.parseBoolean(p[4])));
        } catch (RuntimeException e) {
            LOG.debug("ignoring malformed window bounds", e);
            return Optional.empty();
        }
    }

    public void setWindowBounds(Bounds b) {
        values.setProperty("window", b.x() + "," + b.y() + "," + b.width() + "," + b.height() + "," + b.maximized());
    }

    /** A split pane's divider positions by name, or {@code defaults} when not stored. */
    public double[] dividers(String name, double... defaults) {
        String v = values.getProperty("dividers." + name);
        if (v == null) {
            return defaults;
        }
        try {
            String[] p = v.split(",");
            double[] out = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = Double.parseDouble(p[i]);
            }
            return out.length == defaults.length ? out : defaults;
        } catch (NumberFormatException e) {
            LOG.debug("ignoring malformed dividers {}", name, e);
            return defaults;
        }
    }

    public void setDividers(String name, double... positions) {
        StringBuilder b = new StringBuilder();
        for (double p : positions) {
            b.append(b.length() == 0 ? "" : ",").append(p);
        }
        values.setProperty("dividers." + name, b.toString());
    }

    /** Writes the file (creating its folder). */
    public void save() {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                values.store(out, "Headwater workbench");
            }
        } catch (IOException e) {
            LOG.warn("cannot save preferences to {}: {}", file, e.getMessage());
        }
    }
}
