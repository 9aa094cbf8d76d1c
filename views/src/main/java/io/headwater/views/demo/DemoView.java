package io.headwater.views.demo;

import atlantafx.base.theme.Styles;
import io.headwater.engine.faults.Fault;
import io.headwater.engine.model.DatasetRef;
import io.headwater.views.common.DialogService;
import io.headwater.views.verify.Failure;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import io.headwater.views.common.ReadOnlyNote;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Demo tab, for teaching: fault buttons against a derived dataset, "Verify now", stop/restart
 * of each consumer, the scripted scenarios with their verdict shown large, and a narration panel
 * telling what happened after each action.
 */
public final class DemoView extends BorderPane {
    private final DemoViewModel viewModel;
    private final DialogService dialogs;
    private final ChangeListener<Failure> failureListener;
    private final FlowPane faultButtons = new FlowPane(8, 8);
    private final GridPane consumerRows = new GridPane();
    private final FlowPane scenarioButtons = new FlowPane(8, 8);

    public DemoView(DemoViewModel viewModel, DialogService dialogs) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        setId("demoView");

        consumerRows.setHgap(12);
        consumerRows.setVgap(6);
        ScrollPane left = new ScrollPane(controls());
        left.setFitToWidth(true);
        left.setMinWidth(380);
        SplitPane split = new SplitPane(left, new NarrationPane(viewModel));
        split.setDividerPositions(0.42);
        setCenter(split);
        BorderPane.setMargin(split, new Insets(12));

        viewModel.faults().addListener((ListChangeListener<Fault>) c -> showFaults());
        viewModel.consumers().addListener((ListChangeListener<ConsumerSwitch>) c -> showConsumers());
        viewModel.scenarios().addListener((ListChangeListener<String>) c -> showScenarios());
        failureListener = (obs, old, f) -> {
            if (f != null) {
                dialogs.showError(f.title(), f.message(), f.cause());
            }
        };
        viewModel.failureProperty().addListener(failureListener);
        viewModel.load();
    }

    private VBox controls() {
        Label title = new Label("Break it, then watch it being caught");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setWrapText(true);

        ComboBox<DatasetRef> dataset = new ComboBox<>(viewModel.datasets());
        dataset.setId("demoDataset");
        dataset.setPrefWidth(200);
        dataset.valueProperty().bindBidirectional(viewModel.datasetProperty());
        Spinner<Integer> count = new Spinner<>(1, 1_000, viewModel.countProperty().get());
        count.setId("demoCount");
        count.setPrefWidth(90);
        count.setEditable(true);
        count.valueProperty().addListener((obs, old, v) -> viewModel.countProperty().set(v));
        HBox target = new HBox(8, new Label("Into"), dataset, new Label("records"), count);
        target.setAlignment(Pos.CENTER_LEFT);
        faultButtons.disableProperty().bind(viewModel.busyProperty());

        Button verify = new Button("Verify now");
        verify.setId("demoVerifyNow");
        verify.getStyleClass().add(Styles.ACCENT);
        verify.disableProperty().bind(viewModel.busyProperty());
        verify.setOnAction(e -> viewModel.verifyNow());
        Label pending = new Label();
        pending.setId("demoPending");
        pending.setWrapText(true);
        pending.getStyleClass().add(Styles.WARNING);
        pending.textProperty().bind(Bindings.createStringBinding(() -> viewModel.pendingFlows().isEmpty() ? ""
                : "not verified since the fault: " + String.join(", ", viewModel.pendingFlows()), viewModel.pendingFlows()));
        Button cancel = new Button("Cancel");
        cancel.setId("demoCancel");
        cancel.disableProperty().bind(viewModel.busyProperty().not());
        cancel.setOnAction(e -> viewModel.cancel());
        HBox verifyLine = new HBox(8, verify, cancel, pending);
        verifyLine.setAlignment(Pos.CENTER_LEFT);

        scenarioButtons.disableProperty().bind(viewModel.busyProperty());

        Label readOnly = ReadOnlyNote.of("demoReadOnly", "Faults", viewModel.datasets());
        VBox box = new VBox(10, title, section("Faults"), readOnly, target, faultButtons, verifyLine, new Separator(),
                section("Consumers"), consumerRows, new Separator(), section("Scripted scenarios"), scenarioButtons);
        box.setPadding(new Insets(4, 12, 12, 4));
        return box;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.TEXT_MUTED);
        return l;
    }

    private void showFaults() {
        faultButtons.getChildren().setAll(viewModel.faults().stream().map(f -> {
            Button b = new Button(FaultStories.button(f));
            b.setId("demoFault-" + f.configName());
            b.getStyleClass().add(f.consumerSide() ? Styles.BUTTON_OUTLINED : Styles.DANGER);
            b.setTooltip(new Tooltip(FaultStories.tooltip(f)));
            b.setOnAction(e -> viewModel.inject(f));
            return b;
        }).toList());
    }

    private void showConsumers() {
        consumerRows.getChildren().clear();
        int row = 0;
        for (ConsumerSwitch c : viewModel.consumers()) {
            Label name = new Label(c.flowId() + " → " + c.flow().to());
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label state = new Label();
            state.setMinWidth(Region.USE_PREF_SIZE);
            state.textProperty().bind(Bindings.when(c.runningProperty()).then("running").otherwise("STOPPED"));
            state.styleProperty().bind(Bindings.when(c.runningProperty()).then("-fx-text-fill: -color-success-fg;")
                    .otherwise("-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;"));
            Button toggle = new Button();
            toggle.setId("demoConsumer-" + c.flowId());
            toggle.setMinWidth(Region.USE_PREF_SIZE);
            toggle.textProperty().bind(Bindings.when(c.runningProperty()).then("Stop").otherwise("Restart"));
            toggle.setOnAction(e -> viewModel.toggleConsumer(c));
            consumerRows.addRow(row++, name, state, toggle);
        }
    }

    private void showScenarios() {
        scenarioButtons.getChildren().setAll(viewModel.scenarios().stream().map(s -> {
            Button b = new Button(s);
            b.setId("demoScenario-" + s);
            b.setOnAction(e -> viewModel.runScenario(s));
            return b;
        }).toList());
    }

    /** Cancels a running scenario or verification and stops listening. */
    public void dispose() {
        viewModel.failureProperty().removeListener(failureListener);
        viewModel.cancel();
    }
}
