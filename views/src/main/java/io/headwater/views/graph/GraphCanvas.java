package io.headwater.views.graph;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.Point2D;
import org.graphstream.graph.Edge;
import org.graphstream.graph.Graph;
import org.graphstream.graph.Node;
import org.graphstream.graph.implementations.MultiGraph;
import org.graphstream.ui.fx_viewer.FxViewPanel;
import org.graphstream.ui.fx_viewer.FxViewer;
import org.graphstream.ui.geom.Point3;
import org.graphstream.ui.graphicGraph.GraphicElement;
import org.graphstream.ui.view.Viewer;
import org.graphstream.ui.view.camera.Camera;
import org.graphstream.ui.view.util.InteractiveElement;
import org.graphstream.ui.view.util.MouseManager;

/**
 * The GraphStream drawing: applies {@link GraphSnapshot}s as differences (only what changed is
 * touched), and moves the camera. Auto-layout is off: positions come from the snapshot. FX thread only.
 */
final class GraphCanvas {
    private static final String CLASS = "ui.class";
    private static final String LABEL = "ui.label";
    private static final double MIN_ROW_PX = 16;
    private static final double MIN_PADDING_GU = 4;
    private static final double VERTICAL_PADDING_GU = 1.5;

    private final Graph graph = new MultiGraph("pipeline", false, true, 2048, 4096);
    private final FxViewer viewer;
    private final FxViewPanel panel;
    private final Map<String, String> drawnNodes = new HashMap<>();
    private final Map<String, String> drawnEdges = new HashMap<>();
    private final NodeSizer sizer = new NodeSizer();
    private GraphSnapshot shown = GraphSnapshot.EMPTY;
    private Boolean labelsShown;
    private double paddingGu;
    private boolean closed;
    private String selected = "";

    GraphCanvas() {
        GraphIcons.register();
        graph.setAttribute("ui.stylesheet", GraphStyle.STYLESHEET_WITH_ICONS);
        graph.setAttribute("ui.quality");
        graph.setAttribute("ui.antialias");
        viewer = new FxViewer(graph, Viewer.ThreadingModel.GRAPH_IN_GUI_THREAD);
        viewer.disableAutoLayout();
        panel = (FxViewPanel) viewer.addDefaultView(false);
        panel.setMouseManager(new NoMouse());
        panel.setId("graphCanvas");
    }

    FxViewPanel panel() {
        return panel;
    }

    Graph graph() {
        return graph;
    }

    /** Brings the drawing in line with the snapshot. */
    void apply(GraphSnapshot next, String selectedId) {
        if (closed) {
            return;
        }
        selected = selectedId == null ? "" : selectedId;
        Map<String, GraphNode> nodes = next.nodesById();
        Map<String, GraphEdge> edges = next.edgesById();
        for (String id : new HashSet<>(drawnEdges.keySet())) {
            if (!edges.containsKey(id) || !nodes.containsKey(edges.get(id).from()) || !nodes.containsKey(edges.get(id).to())) {
                graph.removeEdge(id);
                drawnEdges.remove(id);
            }
        }
        for (String id : new HashSet<>(drawnNodes.keySet())) {
            if (!nodes.containsKey(id)) {
                graph.removeNode(id);
                drawnNodes.remove(id);
            }
        }
        Map<String, GraphNode> before = shown.nodesById();
        for (GraphNode n : nodes.values()) {
            Node drawn = graph.getNode(n.id());
            if (drawn == null) {
                drawn = graph.addNode(n.id());
            }
            GraphNode old = before.get(n.id());
            if (old == null || old.x() != n.x() || old.y() != n.y() || drawn.getAttribute("xy") == null) {
                drawn.setAttribute("xy", n.x(), n.y());
            }
            String label = GraphStyle.labelOf(n);
            if (!label.equals(drawn.getAttribute(LABEL))) {
                drawn.setAttribute(LABEL, label);
                setIfChanged(drawn, "ui.style", sizer.styleFor(n.kind(), label));
            }
            String classes = GraphStyle.classesOf(n, n.id().equals(selected));
            if (!classes.equals(drawnNodes.get(n.id()))) {
                drawn.setAttribute(CLASS, classes);
                drawnNodes.put(n.id(), classes);
            }
        }
        for (GraphEdge e : edges.values()) {
            Edge drawn = graph.getEdge(e.id());
            if (drawn == null) {
                drawn = graph.addEdge(e.id(), e.from(), e.to(), true);
            }
            String classes = GraphStyle.classesOf(e);
            if (!classes.equals(drawnEdges.get(e.id()))) {
                drawn.setAttribute(CLASS, classes);
                drawnEdges.put(e.id(), classes);
            }
            if (!e.label().equals(drawn.getAttribute(LABEL))) {
                drawn.setAttribute(LABEL, e.label());
            }
        }
        shown = next;
        updatePadding(nodes.values());
        updateLabels();
    }

    /**
     * Fitting the graph to the window frames the node centres plus the graph's padding: the padding
     * is half the widest box (and a dataset's indent), so long labels of attached systems stay inside.
     */
    private void updatePadding(Collection<GraphNode> nodes) {
        double half = nodes.stream().mapToDouble(n -> sizer.widthOf(n.kind(), GraphStyle.labelOf(n)) / 2).max().orElse(0);
        double padding = Math.max(MIN_PADDING_GU, half + PipelineGraphModel.DATASET_INDENT);
        if (padding != paddingGu) {
            paddingGu = padding;
            graph.setAttribute("ui.stylesheet", String.format(Locale.ROOT, "graph { padding: %.2fgu, %.2fgu; }", padding, VERTICAL_PADDING_GU));
        }
    }

    /**
     * Hides labels while zoomed out so far that they would overlap (rows under {@value #MIN_ROW_PX} px),
     * which also keeps panning a large graph fluid; shows them again when zoomed in.
     */
    void updateLabels() {
        Camera c = camera();
        if (closed || c == null) {
            return; // not drawn yet (the camera comes with the first drawing), or closed
        }
        double ratio = c.getMetrics().ratioPx2Gu;
        boolean show = ratio <= 0 || ratio * PipelineGraphModel.ROW_HEIGHT >= MIN_ROW_PX;
        if (labelsShown == null || labelsShown != show) {
            labelsShown = show;
            graph.setAttribute("ui.stylesheet", show ? "node { text-mode: normal; }" : "node { text-mode: hidden; }");
        }
    }

    private static void setIfChanged(Node n, String key, String value) {
        if (!Objects.equals(n.getAttribute(key), value)) {
            n.setAttribute(key, value);
        }
    }

    /** The node under a point of the panel, if any. */
    Optional<String> nodeAt(double x, double y) {
        GraphicElement e = panel.findGraphicElementAt(EnumSet.of(InteractiveElement.NODE), x, y);
        return Optional.ofNullable(e).map(GraphicElement::getId);
    }

    /** Where a node is drawn, in the panel's pixels. */
    Optional<Point2D> pixelOf(String nodeId) {
        if (camera() == null) {
            return Optional.empty();
        }
        return shown.node(nodeId).map(n -> {
            Point3 p = camera().transformGuToPx(n.x(), n.y(), 0);
            return new Point2D(p.x, p.y);
        });
    }

    String drawnClasses(String nodeId) {
        return drawnNodes.getOrDefault(nodeId, drawnEdges.getOrDefault(nodeId, ""));
    }

    Set<String> drawnNodeIds() {
        return Set.copyOf(drawnNodes.keySet());
    }

    Camera camera() {
        return panel.getCamera();
    }

    /** Moves the view by a drag of (dx, dy) pixels. */
    void pan(double dx, double dy) {
        Camera c = camera();
        if (c == null) {
            return;
        }
        double ratio = c.getMetrics().ratioPx2Gu;
        if (ratio <= 0) {
            return;
        }
        Point3 centre = c.getViewCenter();
        c.setViewCenter(centre.x - dx / ratio, centre.y + dy / ratio, 0);
    }

    /** Re-checks the label level of detail once the camera has been applied by the next drawing. */
    private void afterCameraChange() {
        javafx.application.Platform.runLater(this::updateLabels);
    }

    /** Zooms by a factor (below 1 zooms in) around the view's centre. */
    void zoom(double factor) {
        Camera c = camera();
        if (c == null) {
            return;
        }
        c.setViewPercent(Math.max(0.02, Math.min(3, c.getViewPercent() * factor)));
        afterCameraChange();
    }

    /** Fits the whole graph into the panel. */
    void fit() {
        if (camera() == null) {
            return;
        }
        camera().resetView();
        afterCameraChange();
    }

    /** Centres a node, zooming in until its label is readable. */
    void centreOn(String nodeId) {
        Camera c = camera();
        if (c == null) {
            return;
        }
        shown.node(nodeId).ifPresent(n -> {
            c.setViewCenter(n.x(), n.y(), 0);
            double ratio = c.getMetrics().ratioPx2Gu;
            if (ratio > 0 && ratio < NodeSizer.PX_PER_GU) {
                c.setViewPercent(c.getViewPercent() * ratio / NodeSizer.PX_PER_GU);
            }
            afterCameraChange();
        });
    }

    void close() {
        closed = true;
        viewer.close();
    }

    /** Mouse handling is the view's own (select, expand, pan); GraphStream's would drag nodes around. */
    private static final class NoMouse implements MouseManager {
        @Override
        public void init(org.graphstream.ui.graphicGraph.GraphicGraph graphicGraph, org.graphstream.ui.view.View view) {
            // nothing to attach: PipelineGraphView handles the panel's mouse events
        }

        @Override
        public void release() {
            // nothing attached
        }

        @Override
        public EnumSet<InteractiveElement> getManagedTypes() {
            return EnumSet.noneOf(InteractiveElement.class);
        }
    }
}
