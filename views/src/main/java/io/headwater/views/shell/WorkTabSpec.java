package io.headwater.views.shell;

import java.util.Set;
import java.util.function.Function;
import org.kordamp.ikonli.feather.Feather;

/**
 * One kind of work tab: its id (also the JavaFX id of its {@code Tab}), title, icon, and how it is
 * built on a live workbench.
 *
 * @param actions the {@link WorkTabs} actions its {@link OpenTab} offers
 */
public record WorkTabSpec(String id, String title, Feather icon, Set<String> actions, Function<TabContext, OpenTab> factory) {
    public WorkTabSpec {
        actions = Set.copyOf(actions);
    }
}
