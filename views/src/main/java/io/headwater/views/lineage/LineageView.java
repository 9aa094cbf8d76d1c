package io.headwater.views.lineage;

import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.FieldRef;
import io.headwater.views.common.DialogService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Lineage tab: a searchable tree of datasets and their fields (with {@code pii:} and
 * {@code retention:} tags); picking a field lists its upstream origin and every downstream field it
 * reaches with the path, and highlights them on the graph.
 */
public final class LineageView extends BorderPane {
    private final LineageViewModel viewModel;
    private final TreeView<Object> tree = new TreeView<>();
    private final ListChangeListener<FieldItem> refill = c -> fillTree();
    private boolean selectingInCode;

    public LineageView(LineageViewModel viewModel, DialogService dialogs) {
        this.viewModel = viewModel;
        setId("lineageView");
        TextField filter = new TextField();
        filter.setId("lineageFilter");
        filter.setPromptText("Filter fields: name or tag (pii:email)");
        filter.textProperty().bindBidirectional(viewModel.filterProperty());

        tree.setId("lineageFields");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new FieldCell());
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (!selectingInCode && item != null && item.getValue() instanceof FieldItem f) {
                viewModel.pick(f.ref());
            }
        });
        VBox.setVgrow(tree, Priority.ALWAYS);
        VBox left = new VBox(6, filter, tree);
        left.setPadding(new Insets(8));
        left.setMinWidth(240);

        Label summary = new Label();
        summary.setId("lineageSummary");
        summary.setWrapText(true);
        summary.getStyleClass().add("text-bold");
        summary.textProperty().bind(viewModel.summaryProperty());
        Label error = new Label();
        error.getStyleClass().add("danger");
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        Button clear = new Button("Clear highlight", new FontIcon(Feather.X_CIRCLE));
        clear.setId("lineageClear");
        clear.setOnAction(e -> {
            tree.getSelectionModel().clearSelection();
            viewModel.clear();
        });
        clear.disableProperty().bind(viewModel.pickedProperty().isNull());
        HBox head = new HBox(10, summary, clear);
        HBox.setHgrow(summary, Priority.ALWAYS);
        head.setAlignment(Pos.CENTER_LEFT);

        TableView<LineageRow> table = new TableView<>(viewModel.rows());
        table.setId("lineageTable");
        table.setPlaceholder(new Label("No field picked, or nothing flows to or from it."));
        table.getColumns().add(column("Direction", LineageRow::direction, 95));
        table.getColumns().add(column("Field", LineageRow::field, 210));
        table.getColumns().add(column("Tags", LineageRow::tags, 170));
        table.getColumns().add(column("Path", LineageRow::path, 520));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox right = new VBox(8, head, error, table);
        right.setPadding(new Insets(8));

        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.28);
        setCenter(split);
        viewModel.fields().addListener(refill);
        viewModel.load();
    }

    private void fillTree() {
        Map<DatasetRef, TreeItem<Object>> datasets = new LinkedHashMap<>();
        TreeItem<Object> root = new TreeItem<>("fields");
        List<FieldItem> items = List.copyOf(viewModel.fields());
        boolean filtered = !viewModel.filterProperty().get().isBlank();
        for (FieldItem f : items) {
            TreeItem<Object> ds = datasets.computeIfAbsent(f.ref().dataset(), d -> {
                TreeItem<Object> item = new TreeItem<>(d);
                root.getChildren().add(item);
                return item;
            });
            ds.setExpanded(filtered || items.size() < 60);
            ds.getChildren().add(new TreeItem<>(f));
        }
        tree.setRoot(root);
        FieldRef picked = viewModel.pickedProperty().get();
        if (picked != null) {
            reselect(picked);
        }
    }

    private void reselect(FieldRef field) {
        selectingInCode = true;
        try {
            for (TreeItem<Object> ds : tree.getRoot() == null ? List.<TreeItem<Object>>of() : tree.getRoot().getChildren()) {
                for (TreeItem<Object> f : ds.getChildren()) {
                    if (f.getValue() instanceof FieldItem item && item.ref().equals(field)) {
                        ds.setExpanded(true);
                        tree.getSelectionModel().select(f);
                        tree.scrollTo(Math.max(0, tree.getRow(f) - 3));
                    }
                }
            }
        } finally {
            selectingInCode = false;
        }
    }

    /** Selects a field in the tree (as a click would) and picks it; completes when its lineage is shown. */
    public CompletableFuture<Void> pick(FieldRef field) {
        reselect(field);
        return viewModel.pick(field).thenRun(() -> reselect(field));
    }

    private static TableColumn<LineageRow, String> column(String name, Function<LineageRow, String> value, double width) {
        TableColumn<LineageRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public void dispose() {
        viewModel.fields().removeListener(refill);
    }

    /** A dataset in bold, or a field with its tags as small coloured chips. */
    private static final class FieldCell extends TreeCell<Object> {
        @Override
        protected void updateItem(Object value, boolean empty) {
            super.updateItem(value, empty);
            if (empty || value == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            if (value instanceof FieldItem f) {
                Label name = new Label(f.ref().field() + "  ");
                Label type = new Label(f.type());
                type.getStyleClass().add("text-muted");
                HBox box = new HBox(4, name, type);
                box.setAlignment(Pos.CENTER_LEFT);
                f.pii().forEach(p -> box.getChildren().add(chip("pii:" + p, "-color-danger-muted", "-color-danger-fg")));
                if (!f.retention().isEmpty()) {
                    box.getChildren().add(chip("retention:" + f.retention(), "-color-accent-muted", "-color-accent-fg"));
                }
                setText(null);
                setGraphic(box);
            } else {
                Label l = new Label(value.toString());
                l.getStyleClass().add("text-bold");
                setText(null);
                setGraphic(l);
            }
        }

        private static Label chip(String text, String background, String foreground) {
            Label chip = new Label(text);
            chip.setStyle("-fx-background-color: " + background + "; -fx-text-fill: " + foreground
                    + "; -fx-background-radius: 8; -fx-padding: 0 6 0 6; -fx-font-size: 0.85em;");
            return chip;
        }
    }
}
