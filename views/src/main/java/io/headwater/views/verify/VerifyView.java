package io.headwater.views.verify;

import atlantafx.base.theme.Styles;
import io.headwater.views.common.DialogService;
import java.util.Objects;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Verify tab: flows to verify (or all), Run / Cancel / Export, progress with rows per second
 * and ETA, the results per flow, and below them the selected flow's findings with the differing
 * fields side by side, the bisection step by step, and the history of earlier runs.
 */
public final class VerifyView extends BorderPane {
    static final String CORRUPT_STYLE = "-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;";
    static final String CLEAN_STYLE = "-fx-text-fill: -color-success-fg; -fx-font-weight: bold;";

    private final VerifyViewModel viewModel;
    private final DialogService dialogs;
    private final ChangeListener<Failure> failureListener;
    private final FlowPane flowBoxes = new FlowPane(12, 6);

    public VerifyView(VerifyViewModel viewModel, DialogService dialogs) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        setId("verifyView");
        setTop(controls());
        SplitPane split = new SplitPane(resultsTable(), details());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.38);
        setCenter(split);
        BorderPane.setMargin(split, new Insets(0, 12, 12, 12));

        failureListener = (obs, old, f) -> {
            if (f != null) {
                dialogs.showError(f.title(), f.message(), f.cause());
            }
        };
        viewModel.failureProperty().addListener(failureListener);
        viewModel.flowChoices().addListener((ListChangeListener<FlowChoice>) c -> showFlowChoices());
        showFlowChoices();
        viewModel.load();
    }

    private VBox controls() {
        Label title = new Label("Verify flows");
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label("Compares each derived store with its system of record by segment checksums, then narrows differences down to keys.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);

        CheckBox all = new CheckBox("All flows");
        all.setId("verifyAllFlows");
        all.selectedProperty().bindBidirectional(viewModel.allFlowsProperty());
        flowBoxes.disableProperty().bind(viewModel.allFlowsProperty());
        HBox.setHgrow(flowBoxes, Priority.ALWAYS);
        HBox choose = new HBox(16, all, flowBoxes);
        choose.setAlignment(Pos.TOP_LEFT);

        Button run = new Button("Run verification");
        run.setId("verifyRun");
        run.getStyleClass().add(Styles.ACCENT);
        run.setDefaultButton(true);
        run.disableProperty().bind(viewModel.runningProperty());
        run.setOnAction(e -> viewModel.run());
        Button cancel = new Button("Cancel");
        cancel.setId("verifyCancel");
        cancel.disableProperty().bind(viewModel.runningProperty().not());
        cancel.setOnAction(e -> viewModel.cancel());
        Button export = new Button("Export report…");
        export.setId("verifyExport");
        export.disableProperty().bind(viewModel.runningProperty().or(javafx.beans.binding.Bindings.isEmpty(viewModel.results())));
        export.setOnAction(e -> export());

        ProgressBar bar = new ProgressBar();
        bar.setId("verifyProgress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(viewModel.progressProperty());
        Label progressText = new Label();
        progressText.setId("verifyProgressText");
        progressText.textProperty().bind(viewModel.progressTextProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox actions = new HBox(10, run, cancel, bar, progressText, gap, export);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("verifyStatus");
        status.textProperty().bind(viewModel.statusProperty());
        VBox box = new VBox(8, title, hint, choose, actions, status);
        box.setPadding(new Insets(12));
        return box;
    }

    private void showFlowChoices() {
        flowBoxes.getChildren().setAll(viewModel.flowChoices().stream().map(choice -> {
            CheckBox box = new CheckBox(choice.label());
            box.setMnemonicParsing(false); // dataset names hold underscores (daily_totals)
            box.setId("verifyFlow-" + choice.id());
            box.selectedProperty().bindBidirectional(choice.selectedProperty());
            return box;
        }).toList());
    }

    private TableView<FlowResult> resultsTable() {
        TableView<FlowResult> table = new TableView<>(viewModel.results());
        table.setId("verifyResults");
        table.setPlaceholder(new Label("No verification yet in this session: press Run verification."));
        table.getColumns().add(Columns.text("Flow", FlowResult::flowId, 150));
        table.getColumns().add(Columns.text("System of record → derived", r -> r.result().source() + " → " + r.result().target(), 300));
        table.getColumns().add(Columns.number("Compared", FlowResult::compared, 90));
        table.getColumns().add(Columns.count("Missing", FlowResult::missing, 80, CORRUPT_STYLE));
        table.getColumns().add(Columns.count("Extra", FlowResult::extra, 70, CORRUPT_STYLE));
        table.getColumns().add(Columns.count("Mismatched", FlowResult::mismatched, 110, CORRUPT_STYLE));
        table.getColumns().add(Columns.number("In flight", FlowResult::inFlight, 75));
        table.getColumns().add(Columns.text("Time", FlowResult::timeText, 75));
        table.getColumns().add(Columns.styled("Verdict", FlowResult::verdict, 170, VerifyView::verdictStyle));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(FlowResult item, boolean empty) {
                super.updateItem(item, empty);
                setStyle(empty || item == null || item.clean() ? "" : "-fx-background-color: -color-danger-subtle;");
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, r) -> {
            if (r != null) {
                viewModel.selectedResultProperty().set(r);
            }
        });
        viewModel.selectedResultProperty().addListener((obs, old, r) -> table.getSelectionModel().select(r));
        return table;
    }

    static String verdictStyle(String verdict) {
        return verdict.startsWith("CORRUPT") ? CORRUPT_STYLE : CLEAN_STYLE;
    }

    private TabPane details() {
        Tab findings = new Tab("Findings", new FindingsPane(viewModel));
        findings.setId("verifyFindingsTab");
        Tab steps = new Tab("Bisection step-through", new StepThroughPane(viewModel.steps()));
        steps.setId("verifyStepsTab");
        Tab history = new Tab("History", new HistoryPane(viewModel));
        history.setId("verifyHistoryTab");
        TabPane tabs = new TabPane(findings, steps, history);
        tabs.setId("verifyDetails");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private void export() {
        dialogs.chooseFileToSave("Export verification report", "verification-report.md", "Markdown or JSON report", "*.md", "*.json")
                .ifPresent(viewModel::exportReport);
    }

    /** Cancels a running verification and stops listening. */
    public void dispose() {
        viewModel.failureProperty().removeListener(failureListener);
        viewModel.cancel();
    }
}
