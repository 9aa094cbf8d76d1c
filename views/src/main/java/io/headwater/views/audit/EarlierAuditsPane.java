package io.headwater.views.audit;

import io.headwater.engine.audit.AuditStore;
import io.headwater.views.verify.Columns;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The audits stored for this pipeline, newest first; one can be reopened (double-click or the button). */
final class EarlierAuditsPane extends VBox {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    EarlierAuditsPane(AuditViewModel viewModel) {
        super(8);
        setPadding(new Insets(8));
        TableView<AuditStore.Summary> table = new TableView<>(viewModel.earlierAudits());
        table.setId("auditEarlier");
        table.setPlaceholder(new Label("No audits stored for this pipeline yet."));
        table.getColumns().add(Columns.number("#", AuditStore.Summary::id, 50));
        table.getColumns().add(Columns.text("Checklist", AuditStore.Summary::checklist, 100));
        table.getColumns().add(Columns.text("Reviewer", AuditStore.Summary::reviewer, 130));
        table.getColumns().add(Columns.text("Started", s -> AT.format(s.started()), 130));
        table.getColumns().add(Columns.number("Pass", AuditStore.Summary::pass, 55));
        table.getColumns().add(Columns.count("Fail", AuditStore.Summary::fail, 55, "-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;"));
        table.getColumns().add(Columns.number("Review", AuditStore.Summary::review, 70));
        table.getColumns().add(Columns.number("N/A", AuditStore.Summary::notApplicable, 50));
        table.getColumns().add(Columns.text("Seal root of the last report", s -> s.sealRoot() == null ? "—" : s.sealRoot(), 420));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> {
            TableRow<AuditStore.Summary> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    viewModel.reopen(row.getItem().id());
                }
            });
            return row;
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        Button reopen = new Button("Reopen");
        reopen.setId("auditReopen");
        reopen.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(viewModel.runningProperty()));
        reopen.setOnAction(e -> viewModel.reopen(table.getSelectionModel().getSelectedItem().id()));
        Button refresh = new Button("Refresh");
        refresh.setId("auditRefresh");
        refresh.setOnAction(e -> viewModel.refreshAudits());
        HBox buttons = new HBox(10, reopen, refresh);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(table, buttons);
    }
}
