package io.headwater.views.audit;

import atlantafx.base.theme.Styles;
import io.headwater.engine.audit.ItemAnswer;
import io.headwater.views.common.DialogService;
import io.headwater.views.verify.Failure;
import java.util.Objects;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Audit tab: choose a checklist and a reviewer and run its probes (progress, Cancel); walk the
 * items like a wizard (the list with status badges on the left, the current question with its
 * guidance, evidence, status and notes on the right, Previous / Next); export sealed reports and
 * see their seal root; show the PII flows on the graph. Two more pages: earlier audits to reopen,
 * and the erase check of a data subject.
 */
public final class AuditView extends BorderPane {
    private final AuditViewModel viewModel;
    private final DialogService dialogs;
    private final ChangeListener<Failure> failureListener;

    public AuditView(AuditViewModel viewModel, DialogService dialogs) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        setId("auditView");
        setTop(controls());
        SplitPane walk = new SplitPane(itemList(), new ItemPane(viewModel));
        walk.setDividerPositions(0.3);
        VBox checklistPage = new VBox(8, walk, exportRow());
        VBox.setVgrow(walk, Priority.ALWAYS);
        checklistPage.setPadding(new Insets(8, 0, 0, 0));
        TabPane pages = pages(checklistPage);
        setCenter(pages);
        BorderPane.setMargin(pages, new Insets(0, 12, 12, 12));
        // a run or a reopened audit shows its checklist
        viewModel.sessionProperty().addListener((obs, old, s) -> pages.getSelectionModel().select(0));

        failureListener = (obs, old, f) -> {
            if (f != null) {
                dialogs.showError(f.title(), f.message(), f.cause());
            }
        };
        viewModel.failureProperty().addListener(failureListener);
        viewModel.load();
    }

    private VBox controls() {
        Label title = new Label("Audit");
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label("Answers a privacy or retention checklist with evidence gathered from the live systems and the lineage;"
                + " reports are sealed with a SHA-256 hash chain.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);

        ComboBox<String> checklist = new ComboBox<>(viewModel.checklists());
        checklist.setId("auditChecklist");
        checklist.setEditable(true);
        checklist.setPrefWidth(180);
        checklist.valueProperty().bindBidirectional(viewModel.checklistProperty());
        checklist.setPromptText("privacy, retention or a .yaml");
        Button openFile = new Button("Checklist file…");
        openFile.setId("auditChecklistFile");
        openFile.setOnAction(e -> dialogs.chooseFileToOpen("Open a checklist", null, "Checklist (YAML)", "*.yaml", "*.yml")
                .ifPresent(p -> viewModel.checklistProperty().set(p.toString())));
        TextField reviewer = new TextField();
        reviewer.setId("auditReviewer");
        reviewer.setPromptText("Your name");
        reviewer.setPrefColumnCount(14);
        reviewer.textProperty().bindBidirectional(viewModel.reviewerProperty());

        Button run = new Button("Run probes");
        run.setId("auditRun");
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(viewModel.runningProperty());
        run.setOnAction(e -> viewModel.run());
        Button cancel = new Button("Cancel");
        cancel.setId("auditCancel");
        cancel.disableProperty().bind(viewModel.runningProperty().not());
        cancel.setOnAction(e -> viewModel.cancel());
        ProgressBar bar = new ProgressBar();
        bar.setId("auditProgress");
        bar.setPrefWidth(180);
        bar.progressProperty().bind(viewModel.progressProperty());
        Label progressText = new Label();
        progressText.setId("auditProgressText");
        progressText.textProperty().bind(viewModel.progressTextProperty());
        HBox actions = new HBox(10, fixed(new Label("Checklist:")), checklist, fixed(openFile), fixed(new Label("Reviewer:")), reviewer,
                fixed(run), fixed(cancel));
        actions.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("auditStatus");
        status.setStyle("-fx-font-weight: bold;");
        status.textProperty().bind(viewModel.statusProperty());
        status.setMinWidth(0);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox statusRow = new HBox(10, status, gap, bar, fixed(progressText));
        statusRow.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, title, hint, actions, statusRow);
        box.setPadding(new Insets(12));
        return box;
    }

    private ListView<ItemAnswer> itemList() {
        ListView<ItemAnswer> list = new ListView<>(viewModel.items());
        list.setId("auditItems");
        list.setPlaceholder(new Label("No audit open."));
        list.setCellFactory(l -> new StatusBadges.ItemCell());
        list.getSelectionModel().selectedIndexProperty().addListener((obs, old, i) -> {
            if (i.intValue() >= 0) {
                viewModel.select(i.intValue());
            }
        });
        viewModel.currentIndexProperty().addListener((obs, old, i) -> select(list, i.intValue()));
        // replacing an item (its status changed) may move the selection: put it back on the current item
        viewModel.items().addListener((javafx.collections.ListChangeListener<ItemAnswer>) c -> select(list, viewModel.currentIndexProperty().get()));
        list.setMinWidth(220);
        return list;
    }

    private static void select(ListView<ItemAnswer> list, int index) {
        if (index >= 0 && list.getSelectionModel().getSelectedIndex() != index) {
            list.getSelectionModel().select(index);
            list.scrollTo(index);
        }
    }

    private VBox exportRow() {
        Label label = fixed(new Label("Export sealed report:"));
        label.setStyle("-fx-font-weight: bold;");
        Button html = exportButton("HTML", "html", "HTML report");
        Button md = exportButton("Markdown", "md", "Markdown report");
        Button json = exportButton("JSON", "json", "JSON report");
        Button pii = fixed(new Button("Show PII flows on the graph"));
        pii.setId("auditShowPii");
        pii.setOnAction(e -> viewModel.showPiiFlows());
        Label highlighted = new Label();
        highlighted.setId("auditPiiText");
        highlighted.getStyleClass().add(Styles.TEXT_MUTED);
        highlighted.textProperty().bind(viewModel.highlightTextProperty());
        highlighted.setMinWidth(0);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, label, html, md, json, gap, highlighted, pii);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label sealed = new Label();
        sealed.setId("auditSeal");
        sealed.textProperty().bind(viewModel.exportTextProperty());
        sealed.setMinWidth(0);
        sealed.setStyle("-fx-font-family: monospace; -fx-font-size: 0.9em;");
        VBox row = new VBox(4, buttons, sealed);
        row.setPadding(new Insets(0, 0, 6, 0));
        return row;
    }

    /** Keeps a control at its preferred width, so that a crowded row shrinks the fields, not the labels. */
    private static <T extends Region> T fixed(T control) {
        control.setMinWidth(Region.USE_PREF_SIZE);
        return control;
    }

    private Button exportButton(String text, String extension, String description) {
        Button b = fixed(new Button(text));
        b.setId("auditExport-" + extension);
        b.disableProperty().bind(viewModel.sessionProperty().isNull().or(viewModel.runningProperty()).or(viewModel.busyProperty()));
        b.setOnAction(e -> dialogs.chooseFileToSave("Export the audit as " + description, viewModel.suggestedFileName(extension),
                description, "*." + extension).ifPresent(viewModel::export));
        return b;
    }

    private TabPane pages(VBox checklistPage) {
        Tab walk = new Tab("Checklist", checklistPage);
        walk.setId("auditChecklistTab");
        Tab earlier = new Tab("Earlier audits", new EarlierAuditsPane(viewModel));
        earlier.setId("auditEarlierTab");
        Tab erasure = new Tab("Erase check", new ErasurePane(viewModel.erasureCheck()));
        erasure.setId("auditErasureTab");
        TabPane tabs = new TabPane(walk, earlier, erasure);
        tabs.setId("auditPages");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    /** Cancels a running audit, saves edited answers and stops listening. */
    public void dispose() {
        viewModel.failureProperty().removeListener(failureListener);
        viewModel.cancel();
        viewModel.saveAnswers();
    }
}
