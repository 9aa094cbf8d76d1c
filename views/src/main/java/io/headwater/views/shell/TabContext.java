package io.headwater.views.shell;

import io.headwater.engine.workbench.Workbench;
import io.headwater.views.common.DialogService;
import io.headwater.views.common.WorkbenchState;
import java.util.concurrent.Executor;

/** What a work tab's view model and view are built from: the live workbench and the shared services. */
public record TabContext(Workbench workbench, WorkbenchState state, Executor background, Executor ui, DialogService dialogs) {
}
