package io.headwater.views.verify;

import io.headwater.engine.history.VerificationRun;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** Earlier verification runs, newest first, from the pipeline's verification history. */
final class HistoryPane extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    HistoryPane(VerifyViewModel viewModel) {
        TableView<VerificationRun> table = new TableView<>(viewModel.history());
        table.setId("verifyHistory");
        table.setPlaceholder(new Label("No earlier verification runs."));
        table.getColumns().add(Columns.text("Started", r -> TIME.format(r.started()), 150));
        table.getColumns().add(Columns.text("Flow", VerificationRun::flow, 140));
        table.getColumns().add(Columns.text("Mode", VerificationRun::mode, 60));
        table.getColumns().add(Columns.number("Compared", VerificationRun::compared, 90));
        table.getColumns().add(Columns.count("Missing", VerificationRun::missing, 75, VerifyView.CORRUPT_STYLE));
        table.getColumns().add(Columns.count("Extra", VerificationRun::extra, 65, VerifyView.CORRUPT_STYLE));
        table.getColumns().add(Columns.count("Mismatched", VerificationRun::mismatched, 105, VerifyView.CORRUPT_STYLE));
        table.getColumns().add(Columns.number("In flight", VerificationRun::inFlight, 70));
        table.getColumns().add(Columns.text("Time", r -> String.format("%.2f s", r.millis() / 1000.0), 70));
        table.getColumns().add(Columns.styled("Verdict", r -> r.clean() ? "clean" : "CORRUPT", 90, VerifyView::verdictStyle));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Button refresh = new Button("Refresh");
        refresh.setId("verifyHistoryRefresh");
        refresh.setOnAction(e -> viewModel.refreshHistory());
        HBox bar = new HBox(10, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 0, 6, 0));
        setTop(bar);
        setCenter(table);
        setPadding(new Insets(6));
    }
}
