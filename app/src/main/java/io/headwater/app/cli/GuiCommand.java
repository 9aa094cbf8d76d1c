package io.headwater.app.cli;

import io.headwater.app.gui.WorkbenchLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code headwater gui} (the default): the workbench window on a pipeline, the embedded demo unless told otherwise. */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the workbench window (the default when no command is given).")
public final class GuiCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Override
    public Integer call() {
        return WorkbenchLauncher.launch(common);
    }
}
