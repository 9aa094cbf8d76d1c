package io.headwater.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkbenchPreferencesTest {
    @TempDir
    Path dir;

    @Test
    void keepsRecentConfigsNewestFirstOnceEachAndAtMostEight() {
        Path file = dir.resolve("sub/workbench.properties");
        WorkbenchPreferences prefs = new WorkbenchPreferences(file);
        for (int i = 0; i < 10; i++) {
            prefs.addRecent(dir.resolve("c" + i + ".yaml"));
        }
        prefs.addRecent(dir.resolve("c5.yaml"));

        WorkbenchPreferences reread = new WorkbenchPreferences(file);
        assertThat(reread.recentConfigs()).hasSize(WorkbenchPreferences.MAX_RECENT);
        assertThat(reread.recentConfigs().get(0)).isEqualTo(dir.resolve("c5.yaml"));
        assertThat(reread.recentConfigs().get(1)).isEqualTo(dir.resolve("c9.yaml"));
        assertThat(reread.recentConfigs()).doesNotHaveDuplicates().doesNotContain(dir.resolve("c0.yaml"));
    }

    @Test
    void remembersWindowBoundsAndDividers() {
        Path file = dir.resolve("workbench.properties");
        WorkbenchPreferences prefs = new WorkbenchPreferences(file);
        prefs.setWindowBounds(new WorkbenchPreferences.Bounds(10, 20, 1300, 850, false));
        prefs.setDividers("main", 0.6);
        prefs.save();

        WorkbenchPreferences reread = new WorkbenchPreferences(file);
        assertThat(reread.windowBounds()).contains(new WorkbenchPreferences.Bounds(10, 20, 1300, 850, false));
        assertThat(reread.dividers("main", 0.5)).containsExactly(0.6);
        assertThat(reread.dividers("top", 0.75)).containsExactly(0.75);
    }

    @Test
    void aGarbledFileMeansDefaults() throws Exception {
        Path file = dir.resolve("workbench.properties");
        Files.writeString(file, "window=a,b\ndividers.main=x\n");
        WorkbenchPreferences prefs = new WorkbenchPreferences(file);
        assertThat(prefs.windowBounds()).isEmpty();
        assertThat(prefs.dividers("main", 0.5)).containsExactly(0.5);
        assertThat(prefs.recentConfigs()).isEmpty();
    }
}
