package io.headwater.views.audit;

import atlantafx.base.theme.Styles;
import io.headwater.engine.audit.AuditStatus;
import io.headwater.engine.audit.Evidence;
import io.headwater.views.verify.Columns;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The current checklist item, one wizard page: the question and guidance, the evidence gathered
 * for it (a row per piece, its details below), the status (the suggestion marked) and notes
 * edited in place, and Previous / Next.
 */
final class ItemPane extends VBox {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final AuditViewModel viewModel;
    private final ToggleGroup statuses = new ToggleGroup();
    private final Label suggested = new Label();
    private final TextArea details = new TextArea();

    ItemPane(AuditViewModel viewModel) {
        super(8);
        this.viewModel = viewModel;
        setId("auditItem");
        setPadding(new Insets(4, 0, 0, 12));

        Label position = new Label();
        position.setId("auditPosition");
        position.getStyleClass().add(Styles.TEXT_MUTED);
        position.textProperty().bind(viewModel.positionProperty());
        Label question = new Label("Run the probes or reopen an earlier audit to walk through its checklist.");
        question.setId("auditQuestion");
        question.getStyleClass().add(Styles.TITLE_4);
        question.setWrapText(true);
        Label guidance = new Label();
        guidance.setId("auditGuidance");
        guidance.getStyleClass().add(Styles.TEXT_MUTED);
        guidance.setWrapText(true);
        guidance.setMinHeight(Region.USE_PREF_SIZE);
        viewModel.currentProperty().addListener((obs, old, item) -> {
            question.setText(item == null ? "" : item.item().question());
            guidance.setText(item == null ? "" : item.item().guidance().strip());
            suggested.setText(item == null ? "" : "Suggested from the evidence: " + item.suggested().label());
        });

        SplitPane evidence = new SplitPane(evidenceTable(), evidenceDetails());
        evidence.setOrientation(Orientation.VERTICAL);
        evidence.setDividerPositions(0.66);
        VBox.setVgrow(evidence, Priority.ALWAYS);

        getChildren().addAll(position, question, guidance, evidence, answer(), navigation());
        disableProperty().bind(viewModel.currentProperty().isNull());
    }

    private TableView<Evidence> evidenceTable() {
        TableView<Evidence> table = new TableView<>(viewModel.evidence());
        table.setId("auditEvidence");
        table.setPlaceholder(new Label("No evidence for this item."));
        TableColumn<Evidence, String> code = Columns.text("Code", Evidence::code, 215);
        code.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                Evidence e = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : item);
                setStyle(e == null ? "" : StatusBadges.kindStyle(e.kind()));
            }
        });
        table.getColumns().add(code);
        table.getColumns().add(Columns.text("Store / subject", Evidence::subject, 175));
        table.getColumns().add(Columns.text("Gathered at", e -> AT.format(e.gatheredAt()), 135));
        table.getColumns().add(Columns.text("Message", Evidence::summary, 300));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, e) -> details.setText(detailsOf(e)));
        viewModel.evidence().addListener((javafx.collections.ListChangeListener<Evidence>) c -> {
            if (!viewModel.evidence().isEmpty()) {
                table.getSelectionModel().selectFirst();
            } else {
                details.setText("");
            }
        });
        return table;
    }

    private TextArea evidenceDetails() {
        details.setId("auditEvidenceDetails");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPromptText("The selected evidence's details: counts, masked examples, grants, paths.");
        return details;
    }

    static String detailsOf(Evidence e) {
        if (e == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(e.kind().name().toLowerCase(java.util.Locale.ROOT)).append(" ").append(e.code())
                .append(" — ").append(e.subject()).append(" (probe ").append(e.probe()).append(", ").append(e.elapsed().toMillis()).append(" ms)\n")
                .append(e.summary());
        e.counts().forEach((name, value) -> text.append("\n  ").append(name).append(": ").append(String.format("%,d", value)));
        e.details().forEach(line -> text.append("\n  ").append(line));
        return text.toString();
    }

    private VBox answer() {
        HBox choices = new HBox(14);
        choices.setAlignment(Pos.CENTER_LEFT);
        Label label = new Label("Status:");
        label.setStyle("-fx-font-weight: bold;");
        choices.getChildren().add(label);
        for (AuditStatus s : AuditStatus.values()) {
            RadioButton choice = new RadioButton(s.label());
            choice.setId("auditStatus-" + s.configName());
            choice.setUserData(s);
            choice.setToggleGroup(statuses);
            choices.getChildren().add(choice);
        }
        suggested.setId("auditSuggested");
        suggested.getStyleClass().add(Styles.TEXT_MUTED);
        choices.getChildren().add(suggested);
        statuses.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t != null) {
                viewModel.currentStatusProperty().set((AuditStatus) t.getUserData());
            }
        });
        viewModel.currentStatusProperty().addListener((obs, old, s) -> selectStatus(s));

        TextArea notes = new TextArea();
        notes.setId("auditNotes");
        notes.setPromptText("Your notes on this item: what you checked, who you asked, what must change.");
        notes.setWrapText(true);
        notes.setPrefRowCount(3);
        notes.textProperty().bindBidirectional(viewModel.currentNotesProperty());
        return new VBox(6, choices, notes);
    }

    private void selectStatus(AuditStatus s) {
        for (Toggle t : statuses.getToggles()) {
            if (t.getUserData() == s) {
                statuses.selectToggle(t);
                return;
            }
        }
        statuses.selectToggle(null);
    }

    private HBox navigation() {
        Button previous = new Button("← Previous");
        previous.setId("auditPrevious");
        previous.disableProperty().bind(viewModel.hasPreviousProperty().not());
        previous.setOnAction(e -> viewModel.previous());
        Button next = new Button("Next →");
        next.setId("auditNext");
        next.getStyleClass().add(Styles.ACCENT);
        next.disableProperty().bind(viewModel.hasNextProperty().not());
        next.setOnAction(e -> viewModel.next());
        HBox row = new HBox(10, previous, next);
        row.setAlignment(Pos.CENTER_RIGHT);
        return row;
    }
}
