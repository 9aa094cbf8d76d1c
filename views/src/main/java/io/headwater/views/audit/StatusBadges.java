package io.headwater.views.audit;

import io.headwater.engine.audit.AuditStatus;
import io.headwater.engine.audit.EvidenceKind;
import io.headwater.engine.audit.ItemAnswer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The status colours of the Audit view (AtlantaFX looked-up colours) and the item list's cells with their badges. */
final class StatusBadges {
    private StatusBadges() {
    }

    /** A badge's style: the status's colour on its subtle background. */
    static String badgeStyle(AuditStatus status) {
        String tone = tone(status);
        String text = status == AuditStatus.NOT_APPLICABLE ? "-color-fg-muted" : "-color-" + tone + "-fg";
        return "-fx-background-color: -color-" + tone + "-subtle; -fx-text-fill: " + text + "; -fx-font-weight: bold;"
                + " -fx-background-radius: 8; -fx-padding: 1 8 1 8; -fx-font-size: 0.85em;";
    }

    /** The text style of an evidence row's kind. */
    static String kindStyle(EvidenceKind kind) {
        return switch (kind) {
            case FINDING -> "-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;";
            case UNAVAILABLE -> "-fx-text-fill: -color-warning-fg; -fx-font-weight: bold;";
            case FACT -> "-fx-text-fill: -color-fg-muted;";
        };
    }

    private static String tone(AuditStatus status) {
        return switch (status) {
            case PASS -> "success";
            case FAIL -> "danger";
            case NEEDS_REVIEW -> "warning";
            case NOT_APPLICABLE -> "neutral";
        };
    }

    static Label badge(AuditStatus status) {
        Label badge = new Label(status.label());
        badge.setStyle(badgeStyle(status));
        badge.setMinWidth(Region.USE_PREF_SIZE);
        return badge;
    }

    /** A checklist item: its id and question, and its status as a badge. */
    static final class ItemCell extends ListCell<ItemAnswer> {
        @Override
        protected void updateItem(ItemAnswer item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            Label id = new Label(item.id());
            id.setStyle("-fx-font-weight: bold;");
            id.setMinWidth(Region.USE_PREF_SIZE);
            Label question = new Label(item.item().question());
            question.setMinWidth(0);
            question.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(question, Priority.ALWAYS);
            Label badge = badge(item.status());
            badge.setId("auditBadge-" + item.id());
            HBox row = new HBox(8, id, question, badge);
            row.setAlignment(Pos.CENTER_LEFT);
            row.setPadding(new Insets(2, 0, 2, 0));
            row.setMinWidth(0);
            row.setPrefWidth(1);
            setGraphic(row);
            setTooltip(new javafx.scene.control.Tooltip(item.item().question() + "\n" + item.status().label()
                    + (item.status() == item.suggested() ? " (suggested)" : " (suggested: " + item.suggested().label() + ")")));
        }
    }
}
