package io.headwater.app.gui;

import io.headwater.app.cli.CommonOptions;
import io.headwater.app.cli.ExitCodes;
import javafx.application.Application;

/** Opens the workbench window, or explains in one line why it cannot. */
public final class WorkbenchLauncher {
    private WorkbenchLauncher() {
    }

    /** Blocks until the window is closed; returns the exit code. */
    public static int launch(CommonOptions options) {
        if (!hasDisplay()) {
            System.err.println("headwater: no display (DISPLAY is not set), so no window can open; "
                    + "run the pipeline without one: ./headwater demo --headless");
            return ExitCodes.USAGE;
        }
        WorkbenchApp.options = options;
        Application.launch(WorkbenchApp.class);
        return ExitCodes.OK;
    }

    static boolean hasDisplay() {
        if ("Monocle".equals(System.getProperty("glass.platform"))) {
            return true;
        }
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        return (display != null && !display.isBlank()) || (wayland != null && !wayland.isBlank());
    }
}
