package io.headwater.views.shell;

import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.FieldRef;
import io.headwater.views.audit.AuditView;
import io.headwater.views.audit.AuditViewModel;
import io.headwater.views.demo.DemoView;
import io.headwater.views.demo.DemoViewModel;
import io.headwater.views.lineage.LineageView;
import io.headwater.views.lineage.LineageViewModel;
import io.headwater.views.log.LogView;
import io.headwater.views.log.LogViewModel;
import io.headwater.views.rebuild.RebuildView;
import io.headwater.views.rebuild.RebuildViewModel;
import io.headwater.views.rebuild.StartPoint;
import io.headwater.views.verify.FlowChoice;
import io.headwater.views.verify.VerifyView;
import io.headwater.views.verify.VerifyViewModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.kordamp.ikonli.feather.Feather;

/** The work tabs of the main window, in order: Verify, Rebuild, Log, Lineage, Demo. */
public final class StandardTabs {
    private StandardTabs() {
    }

    public static List<WorkTabSpec> all() {
        return List.of(
                new WorkTabSpec("verifyTab", "Verify", Feather.CHECK_CIRCLE, Set.of(WorkTabs.VERIFY_ALL), StandardTabs::verify),
                new WorkTabSpec("rebuildTab", "Rebuild", Feather.REFRESH_CW, Set.of(WorkTabs.REBUILD), StandardTabs::rebuild),
                new WorkTabSpec("logTab", "Log", Feather.LIST, Set.of(), StandardTabs::log),
                new WorkTabSpec("lineageTab", "Lineage", Feather.GIT_BRANCH, Set.of(WorkTabs.SHOW_LINEAGE), StandardTabs::lineage),
                new WorkTabSpec("demoTab", "Demo", Feather.PLAY_CIRCLE, Set.of(), StandardTabs::demo),
                new WorkTabSpec("auditTab", "Audit", Feather.SHIELD, Set.of(), StandardTabs::audit));
    }

    private static OpenTab verify(TabContext c) {
        VerifyViewModel vm = new VerifyViewModel(c.workbench(), c.state(), c.background(), c.ui());
        VerifyView view = new VerifyView(vm, c.dialogs());
        Function<String, CompletableFuture<?>> verifyAll = arg -> vm.verify(vm.flowChoices().stream().map(FlowChoice::id).toList());
        return new OpenTab(view, view::dispose, Map.of(WorkTabs.VERIFY_ALL, verifyAll));
    }

    private static OpenTab rebuild(TabContext c) {
        RebuildViewModel vm = new RebuildViewModel(c.workbench(), c.state(), c.background(), c.ui());
        RebuildView view = new RebuildView(vm, c.dialogs());
        Function<String, CompletableFuture<?>> rebuild = dataset -> {
            DatasetRef ref = DatasetRef.parse(dataset);
            if (ref != null) {
                vm.datasetProperty().set(ref);
            }
            vm.startPointProperty().set(StartPoint.BEGINNING);
            return vm.rebuild();
        };
        return new OpenTab(view, view::dispose, Map.of(WorkTabs.REBUILD, rebuild));
    }

    private static OpenTab log(TabContext c) {
        LogView view = new LogView(new LogViewModel(c.workbench(), c.state(), c.background(), c.ui()), c.dialogs());
        return new OpenTab(view, view::dispose, Map.of());
    }

    private static OpenTab lineage(TabContext c) {
        LineageView view = new LineageView(new LineageViewModel(c.workbench(), c.state(), c.background(), c.ui()), c.dialogs());
        Function<String, CompletableFuture<?>> show = field -> {
            FieldRef ref = FieldRef.parse(field);
            return ref == null ? CompletableFuture.completedFuture(null) : view.pick(ref);
        };
        return new OpenTab(view, view::dispose, Map.of(WorkTabs.SHOW_LINEAGE, show));
    }

    private static OpenTab audit(TabContext c) {
        AuditView view = new AuditView(new AuditViewModel(c.workbench().audits(), c.state(), c.background(), c.ui()), c.dialogs());
        return new OpenTab(view, view::dispose, Map.of());
    }

    private static OpenTab demo(TabContext c) {
        DemoView view = new DemoView(new DemoViewModel(c.workbench(), c.state(), c.background(), c.ui()), c.dialogs());
        return new OpenTab(view, view::dispose, Map.of());
    }
}
