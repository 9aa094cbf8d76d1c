package io.headwater.views.shell;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.scene.Node;

/**
 * A work tab's content on one workbench.
 *
 * @param actions what the main window's shortcuts and menus may ask of it, by {@link WorkTabs} action id;
 *                each takes an argument (e.g. a field name, or null) and completes when the work is done
 */
public record OpenTab(Node content, Runnable dispose, Map<String, Function<String, CompletableFuture<?>>> actions) {
    public OpenTab {
        actions = Map.copyOf(actions);
    }
}
