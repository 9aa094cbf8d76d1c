package io.headwater.views.log;

import atlantafx.base.theme.Styles;
import io.headwater.engine.model.DatasetRef;
import io.headwater.views.common.DialogService;
import io.headwater.views.verify.Failure;
import java.util.Objects;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Log tab: a topic, then three ways into it: browse a partition page by page from an offset or
 * a time; search it for a key or text (hits stream in); follow one entity's changes through time.
 */
public final class LogView extends BorderPane {
    private final LogViewModel viewModel;
    private final DialogService dialogs;
    private final ChangeListener<Failure> failureListener;

    public LogView(LogViewModel viewModel, DialogService dialogs) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        setId("logView");

        Label title = new Label("Event log");
        title.getStyleClass().add(Styles.TITLE_3);
        ComboBox<DatasetRef> topic = new ComboBox<>(viewModel.topics());
        topic.setId("logTopic");
        topic.setPromptText("topic");
        topic.setPrefWidth(240);
        topic.valueProperty().bindBidirectional(viewModel.topicProperty());
        HBox topicLine = new HBox(10, new Label("Topic"), topic);
        topicLine.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, title, topicLine);
        top.setPadding(new Insets(12, 12, 6, 12));
        setTop(top);

        Tab browse = new Tab("Browse", new LogBrowsePane(viewModel));
        browse.setId("logBrowseTab");
        Tab search = new Tab("Search", new LogSearchPane(viewModel.search()));
        search.setId("logSearchTab");
        Tab history = new Tab("Entity history (time travel)", new EntityTimelinePane(viewModel.history()));
        history.setId("logHistoryTab");
        TabPane tabs = new TabPane(browse, search, history);
        tabs.setId("logTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
        BorderPane.setMargin(tabs, new Insets(0, 12, 12, 12));

        failureListener = (obs, old, f) -> {
            if (f != null) {
                dialogs.showError(f.title(), f.message(), f.cause());
            }
        };
        viewModel.failureProperty().addListener(failureListener);
        viewModel.load();
    }

    /** Cancels a running search or history read and stops listening. */
    public void dispose() {
        viewModel.failureProperty().removeListener(failureListener);
        viewModel.search().cancel();
        viewModel.history().cancel();
    }
}
