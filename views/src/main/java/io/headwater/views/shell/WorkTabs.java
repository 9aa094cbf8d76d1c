package io.headwater.views.shell;

import io.headwater.engine.workbench.Workbench;
import io.headwater.views.common.DialogService;
import io.headwater.views.common.WorkbenchState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work tabs under the graph. Each is built anew on every live workbench (the old one disposed)
 * and shows a waiting note while none is live. Shortcuts reach a tab through its actions.
 */
public final class WorkTabs extends TabPane {
    /** Verifies every flow (F5). */
    public static final String VERIFY_ALL = "verify-all";
    /** Rebuilds a derived dataset from the beginning of its log; the argument is {@code system.dataset}. */
    public static final String REBUILD = "rebuild";
    /** Shows a field's lineage; the argument is {@code system.dataset.field}. */
    public static final String SHOW_LINEAGE = "show-lineage";
    private static final Logger LOG = LoggerFactory.getLogger(WorkTabs.class);

    private final WorkbenchState state;
    private final Executor background;
    private final Executor ui;
    private final DialogService dialogs;
    private final Map<String, WorkTabSpec> specs = new LinkedHashMap<>();
    private final Map<String, Tab> tabs = new LinkedHashMap<>();
    private final List<OpenTab> open = new ArrayList<>();
    private Workbench workbench;

    public WorkTabs(List<WorkTabSpec> specList, WorkbenchState state, Executor background, Executor ui, DialogService dialogs) {
        this.state = state;
        this.background = background;
        this.ui = ui;
        this.dialogs = dialogs;
        setId("workTabs");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        for (WorkTabSpec spec : specList) {
            specs.put(spec.id(), spec);
            Tab tab = new Tab(spec.title(), waiting("Waiting for the pipeline to go live…", true));
            tab.setId(spec.id());
            tab.setGraphic(new FontIcon(spec.icon()));
            tabs.put(spec.id(), tab);
            getTabs().add(tab);
        }
        // Tabs are built when first shown: building all at once kept the FX thread busy for a second.
        getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            if (tab != null) {
                build(tab);
            }
        });
    }

    /** Shows the tabs on a live workbench (the visible one is built now, the others when first shown), or the waiting note for null. */
    public void show(Workbench live) {
        disposeAll();
        workbench = live;
        for (Tab tab : tabs.values()) {
            tab.setContent(waiting(live == null ? "Waiting for the pipeline to go live…" : "Opening…", true));
        }
        Tab selected = getSelectionModel().getSelectedItem();
        if (live != null && selected != null) {
            build(selected);
        }
    }

    /** Builds a tab's content on the current workbench, once. */
    private OpenTab build(Tab tab) {
        if (tab.getUserData() instanceof OpenTab built) {
            return built;
        }
        if (workbench == null) {
            return null;
        }
        WorkTabSpec spec = specs.get(tab.getId());
        try {
            OpenTab content = spec.factory().apply(new TabContext(workbench, state, background, ui, dialogs));
            open.add(content);
            tab.setContent(content.content());
            tab.setUserData(content);
            return content;
        } catch (RuntimeException e) {
            LOG.error("the {} tab failed to open", spec.title(), e);
            tab.setContent(waiting("This tab failed to open: " + e.getMessage(), false));
            dialogs.showError("The " + spec.title() + " tab failed to open", String.valueOf(e.getMessage()), e);
            return null;
        }
    }

    /** Selects a tab by id. */
    public void select(String tabId) {
        Tab tab = tabs.get(tabId);
        if (tab != null) {
            getSelectionModel().select(tab);
        }
    }

    /**
     * Runs an action of the tab that offers it (building and selecting that tab).
     *
     * @return when the work is done; empty when no tab (yet) offers the action
     */
    public Optional<CompletableFuture<?>> run(String action, String argument) {
        for (Tab tab : tabs.values()) {
            if (!specs.get(tab.getId()).actions().contains(action)) {
                continue;
            }
            OpenTab content = build(tab);
            if (content != null && content.actions().containsKey(action)) {
                getSelectionModel().select(tab);
                return Optional.of(content.actions().get(action).apply(argument));
            }
        }
        return Optional.empty();
    }

    /** Selects the n-th tab (0-based), for Ctrl+1…. */
    public void selectIndex(int index) {
        if (index >= 0 && index < getTabs().size()) {
            getSelectionModel().select(index);
        }
    }

    public void disposeAll() {
        for (OpenTab content : open) {
            try {
                content.dispose().run();
            } catch (RuntimeException e) {
                LOG.warn("disposing a tab failed", e);
            }
        }
        open.clear();
        tabs.values().forEach(t -> t.setUserData(null));
    }

    private static VBox waiting(String text, boolean spinner) {
        Label label = new Label(text);
        label.getStyleClass().add("text-muted");
        VBox box = new VBox(10);
        if (spinner) {
            ProgressIndicator p = new ProgressIndicator();
            p.setMaxSize(28, 28);
            box.getChildren().add(p);
        }
        box.getChildren().add(label);
        box.setAlignment(Pos.CENTER);
        return box;
    }
}
