package io.headwater.views.rebuild;

import atlantafx.base.theme.Styles;
import io.headwater.engine.integrity.Finding;
import io.headwater.views.verify.Columns;
import io.headwater.views.verify.FieldComparison;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The swap decision (large, green or red), the shadow's verification and its findings when refused. */
final class RebuildResultPane extends VBox {

    RebuildResultPane(RebuildViewModel viewModel) {
        super(8);
        setPadding(new Insets(10));
        Label decision = new Label();
        decision.setId("rebuildDecision");
        decision.getStyleClass().add(Styles.TITLE_3);
        decision.setWrapText(true);
        decision.textProperty().bind(viewModel.decisionProperty());
        viewModel.decisionProperty().addListener((obs, old, text) -> {
            decision.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            if (text.startsWith("SWAPPED")) {
                decision.getStyleClass().add(Styles.SUCCESS);
            } else if (text.startsWith("REFUSED")) {
                decision.getStyleClass().add(Styles.DANGER);
            }
        });
        Label verification = new Label();
        verification.setId("rebuildVerification");
        verification.setWrapText(true);
        verification.textProperty().bind(viewModel.verificationProperty());
        Label placeholder = new Label("No rebuild yet in this session.");
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.visibleProperty().bind(viewModel.reportProperty().isNull());
        placeholder.managedProperty().bind(placeholder.visibleProperty());

        TableView<Finding> findings = new TableView<>(viewModel.findings());
        findings.setId("rebuildFindings");
        findings.setPlaceholder(new Label("The shadow has no findings."));
        findings.getColumns().add(Columns.text("Type", f -> f.type().name(), 110));
        findings.getColumns().add(Columns.text("Key", f -> FieldComparison.keyText(f.key()), 140));
        findings.getColumns().add(Columns.text("Differing fields", f -> String.join(", ", f.differingFields()), 300));
        findings.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        findings.visibleProperty().bind(viewModel.reportProperty().isNotNull());
        setVgrow(findings, Priority.ALWAYS);
        getChildren().addAll(placeholder, decision, verification, findings);
    }
}
