package io.headwater.views.shell;

import io.headwater.engine.spi.FlowProgress;
import io.headwater.engine.status.SystemStatus;
import io.headwater.views.graph.SystemIcons;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/** The bottom line: start-up progress, then each system's connection state, and the FX stall figure. */
final class StatusBar extends HBox {
    static final String STYLE = "hw-status-bar";
    private final HBox systems = new HBox(14);
    private final HBox flows = new HBox(14);
    private final Label stall = new Label();

    StatusBar(MainWindowViewModel viewModel) {
        super(12);
        setId("statusBar");
        getStyleClass().add(STYLE);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 10, 4, 10));
        setStyle("-fx-border-color: -color-border-default transparent transparent transparent; -fx-background-color: -color-bg-subtle;");

        ProgressBar bar = new ProgressBar();
        bar.setId("startupProgress");
        bar.setPrefWidth(180);
        bar.progressProperty().bind(viewModel.progressProperty());
        bar.visibleProperty().bind(viewModel.liveProperty().not());
        bar.managedProperty().bind(bar.visibleProperty());
        Label phase = new Label();
        phase.setId("statusPhase");
        phase.textProperty().bind(viewModel.phaseProperty());
        phase.getStyleClass().add("text-bold");

        systems.setId("systemStates");
        systems.setAlignment(Pos.CENTER_LEFT);
        viewModel.systems().addListener((ListChangeListener<SystemStatus>) c -> showSystems(viewModel.systems()));
        flows.setId("externalFlows");
        flows.setAlignment(Pos.CENTER_LEFT);
        viewModel.externalFlows().addListener((ListChangeListener<FlowProgress>) c -> showFlows(viewModel.externalFlows()));

        Label error = new Label();
        error.setId("statusPollError");
        error.getStyleClass().add("danger");
        error.textProperty().bind(viewModel.statusErrorProperty());
        error.visibleProperty().bind(Bindings.isNotEmpty(viewModel.statusErrorProperty()));
        error.managedProperty().bind(error.visibleProperty());

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        stall.setId("fxStall");
        stall.getStyleClass().add("text-muted");
        stall.setTooltip(new Tooltip("The longest time the window could not react (FX thread stall) since start"));
        getChildren().addAll(bar, phase, systems, flows, error, grow, stall);
    }

    private void showSystems(List<SystemStatus> statuses) {
        systems.getChildren().setAll(statuses.stream().map(StatusBar::systemLabel).toList());
    }

    /** Each flow that runs outside Headwater with its observed lag, as the graph writes it on the flow's edge. */
    private void showFlows(List<FlowProgress> progress) {
        flows.getChildren().setAll(progress.stream().map(p -> {
            Label l = new Label(p.flowId() + ": " + p.lagText());
            l.setId("flow-" + p.flowId());
            l.getStyleClass().add("text-muted");
            l.setTooltip(new Tooltip(p.description()));
            return l;
        }).toList());
    }

    private static Label systemLabel(SystemStatus s) {
        Circle dot = new Circle(5);
        dot.setStyle(s.reachable() ? "-fx-fill: -color-success-emphasis;" : "-fx-fill: -color-danger-emphasis;");
        HBox graphic = new HBox(4, dot, SystemIcons.icon(s.kind(), 13));
        graphic.setAlignment(Pos.CENTER_LEFT);
        Label l = new Label(s.systemId() + (s.reachable() ? " up" : " down"), graphic);
        l.setId("system-" + s.systemId());
        l.setTooltip(new Tooltip(s.kind().configName() + " at " + s.address() + (s.message().isEmpty() ? "" : "\n" + s.message())));
        return l;
    }

    void showStall(long millis) {
        stall.setText("longest UI stall " + millis + " ms");
    }
}
