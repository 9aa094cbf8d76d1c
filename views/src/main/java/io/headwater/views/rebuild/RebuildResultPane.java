package io.headwater.views.rebuild;

import atlantafx.base.theme.Styles;
import io.headwater.engine.integrity.Finding;
import io.headwater.views.verify.Columns;
import io.headwater.views.verify.FieldComparison;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The swap decision (large, green or red), the shadow's verification, the swap step as the store
 * describes it (planned while the rebuild runs, then done or refused) and the findings when refused.
 */
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
        Label swapStep = new Label();
        swapStep.setId("rebuildSwapStep");
        swapStep.setWrapText(true);
        swapStep.setMinHeight(Region.USE_PREF_SIZE); // a long step (a path, a table name) wraps instead of being cut short
        swapStep.textProperty().bind(viewModel.swap().textProperty());
        Label swapStage = new Label();
        swapStage.setId("rebuildSwapStage");
        swapStage.setWrapText(true);
        swapStage.textProperty().bind(Bindings.createStringBinding(() -> viewModel.swap().stageProperty().get().text(), viewModel.swap().stageProperty()));
        viewModel.swap().stageProperty().addListener((obs, old, stage) -> styleStage(swapStage, stage));
        styleStage(swapStage, viewModel.swap().stageProperty().get());
        VBox swap = new VBox(2, swapStep, swapStage);
        swap.visibleProperty().bind(Bindings.isNotEmpty(viewModel.swap().textProperty()));
        swap.managedProperty().bind(swap.visibleProperty());

        Label placeholder = new Label("No rebuild yet in this session.");
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.visibleProperty().bind(viewModel.reportProperty().isNull().and(swap.visibleProperty().not()));
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
        getChildren().addAll(placeholder, decision, verification, swap, findings);
    }

    private static void styleStage(Label label, SwapStage stage) {
        label.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.WARNING, Styles.TEXT_MUTED);
        label.getStyleClass().add(switch (stage) {
            case DONE -> Styles.SUCCESS;
            case REFUSED -> Styles.DANGER;
            case NOT_REACHED -> Styles.WARNING;
            case NONE, PLANNED -> Styles.TEXT_MUTED;
        });
    }
}
