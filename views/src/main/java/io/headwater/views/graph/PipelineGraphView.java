package io.headwater.views.graph;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import org.graphstream.graph.Graph;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The pipeline graph: systems, datasets and fields left to right from record to derived, coloured
 * by verification state. Click selects, double-click (or the context menu) expands and collapses,
 * drag pans, the wheel zooms; the search box (Ctrl+F from the main window) finds any node.
 */
public final class PipelineGraphView extends BorderPane {
    private static final double DRAG_THRESHOLD = 4;

    private final GraphViewModel viewModel;
    private final GraphCanvas canvas = new GraphCanvas();
    private final TextField search = new TextField();
    private final ContextMenu nodeMenu = new ContextMenu();
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean dragging;
    private boolean fitPending = true;
    private java.util.function.Consumer<String> onShowLineage = field -> { };

    public PipelineGraphView(GraphViewModel viewModel) {
        this.viewModel = viewModel;
        setId("pipelineGraph");
        setTop(toolbar());
        StackPane centre = new StackPane(canvas.panel());
        centre.setMinSize(200, 150);
        // GraphStream's canvas can grow past its pane; unclipped it would cover (and take the clicks of) the tabs below.
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(centre.widthProperty());
        clip.heightProperty().bind(centre.heightProperty());
        centre.setClip(clip);
        canvas.panel().setMinSize(0, 0);
        canvas.panel().setPrefSize(400, 300);
        setCenter(centre);
        setBottom(new GraphLegend());
        wireMouse();
        viewModel.snapshotProperty().addListener((obs, old, snap) -> redraw(snap, old));
        viewModel.selectedProperty().addListener((obs, old, id) -> canvas.apply(viewModel.snapshotProperty().get(), id));
        viewModel.focusProperty().addListener((obs, old, request) -> {
            if (request != null) {
                canvas.centreOn(request.nodeId());
            }
        });
        redraw(viewModel.snapshotProperty().get(), GraphSnapshot.EMPTY);
    }

    private HBox toolbar() {
        search.setId("graphSearch");
        search.setPromptText("Find a system, dataset or field  (Ctrl+F)");
        search.setPrefColumnCount(26);
        // Enter finds the best match; the other matches are named beside the box. (ControlsFX's
        // suggestion popup was dropped: it took keys and clicks meant for the window.)
        search.setOnAction(e -> viewModel.find(search.getText()));
        Label message = new Label();
        message.setId("graphSearchMessage");
        message.getStyleClass().add("text-muted");
        message.textProperty().bind(viewModel.messageProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(6, new FontIcon(Feather.SEARCH), search, message, grow,
                button("graphExpandAll", Feather.PLUS_SQUARE, "Expand all systems", () -> viewModel.expandAll(false)),
                button("graphCollapseAll", Feather.MINUS_SQUARE, "Collapse all", viewModel::collapseAll),
                button("graphZoomIn", Feather.ZOOM_IN, "Zoom in (wheel)", () -> canvas.zoom(0.8)),
                button("graphZoomOut", Feather.ZOOM_OUT, "Zoom out (wheel)", () -> canvas.zoom(1.25)),
                button("graphFit", Feather.MAXIMIZE, "Fit the graph to the window", canvas::fit));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        return bar;
    }

    private static Button button(String id, Feather icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().addAll("flat", "button-icon");
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void redraw(GraphSnapshot snap, GraphSnapshot old) {
        canvas.apply(snap, viewModel.selectedProperty().get());
        // A new pipeline (or the first one) is fitted to the window; later changes keep the user's view.
        boolean newPipeline = old == null || old.nodes().isEmpty() || snap.nodes().stream().noneMatch(n -> old.node(n.id()).isPresent());
        if ((fitPending || newPipeline) && !snap.nodes().isEmpty()) {
            fitPending = false;
            canvas.fit();
        }
    }

    private void wireMouse() {
        var panel = canvas.panel();
        panel.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            pressX = e.getX();
            pressY = e.getY();
            lastX = pressX;
            lastY = pressY;
            dragging = false;
            nodeMenu.hide();
        });
        panel.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (!dragging && Math.hypot(e.getX() - pressX, e.getY() - pressY) > DRAG_THRESHOLD) {
                dragging = true;
            }
            if (dragging) {
                canvas.pan(e.getX() - lastX, e.getY() - lastY);
                lastX = e.getX();
                lastY = e.getY();
            }
        });
        panel.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (dragging) {
                return;
            }
            Optional<String> hit = canvas.nodeAt(e.getX(), e.getY());
            if (e.getButton() == MouseButton.SECONDARY) {
                hit.ifPresent(id -> showMenu(id, e.getScreenX(), e.getScreenY()));
            } else if (e.getClickCount() >= 2) {
                hit.ifPresent(viewModel::toggle);
            } else {
                viewModel.select(hit.orElse(""));
            }
        });
        panel.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) {
                canvas.zoom(e.getDeltaY() > 0 ? 0.85 : 1 / 0.85);
            }
        });
    }

    private void showMenu(String nodeId, double screenX, double screenY) {
        viewModel.select(nodeId);
        nodeMenu.getItems().clear();
        if (NodeIds.kindOf(nodeId) != GraphNodeKind.FIELD) {
            MenuItem toggle = new MenuItem("Expand / collapse");
            toggle.setOnAction(e -> viewModel.toggle(nodeId));
            nodeMenu.getItems().add(toggle);
        }
        if (NodeIds.kindOf(nodeId) == GraphNodeKind.FIELD) {
            MenuItem lineage = new MenuItem("Show lineage");
            lineage.setOnAction(e -> onShowLineage.accept(NodeIds.nameOf(nodeId)));
            nodeMenu.getItems().add(lineage);
        }
        MenuItem centre = new MenuItem("Centre here");
        centre.setOnAction(e -> canvas.centreOn(nodeId));
        nodeMenu.getItems().add(centre);
        nodeMenu.show(this, screenX, screenY);
    }

    /** What "Show lineage" on a field does; receives {@code system.dataset.field}. */
    public void setOnShowLineage(java.util.function.Consumer<String> action) {
        onShowLineage = action;
    }

    /** Puts the cursor in the search box (Ctrl+F). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public void fitToWindow() {
        canvas.fit();
    }

    public GraphViewModel viewModel() {
        return viewModel;
    }

    /** Where a node is drawn, in this view's coordinates (for tests and tooltips). */
    public Optional<Point2D> nodePosition(String nodeId) {
        return canvas.pixelOf(nodeId).map(p -> canvas.panel().localToScene(p)).map(this::sceneToLocal);
    }

    /** The node drawn at a point of this view, if any (as a click there would hit). */
    public Optional<String> nodeAt(Point2D local) {
        Point2D p = canvas.panel().sceneToLocal(localToScene(local));
        return canvas.nodeAt(p.getX(), p.getY());
    }

    /** The GraphStream classes a node or edge is drawn with now (e.g. {@code dataset, verified, highlighted}). */
    public String drawnClasses(String id) {
        return canvas.drawnClasses(id);
    }

    /** The drawn graph, for benchmarks. */
    public Graph drawnGraph() {
        return canvas.graph();
    }

    /** Pans the view as a drag of (dx, dy) pixels would. */
    public void pan(double dx, double dy) {
        canvas.pan(dx, dy);
    }

    public void zoom(double factor) {
        canvas.zoom(factor);
    }

    public void dispose() {
        canvas.close();
    }
}
