package io.headwater.views.graph;

import java.util.List;

/**
 * What the details pane shows for the selected node.
 *
 * @param title the node's full name ({@code pg.customers})
 * @param lines name/value lines: kind, address, size, lag, checkpoint, last verification…
 */
public record NodeDetails(String nodeId, String title, List<Line> lines) {
    public static final NodeDetails NONE = new NodeDetails("", "Nothing selected", List.of(new Line("Tip", "Click a node of the graph; double-click expands it.")));

    public NodeDetails {
        lines = List.copyOf(lines);
    }

    /** One line of details. */
    public record Line(String name, String value) {
    }

    /** The value of the line with that name, or empty. */
    public String value(String name) {
        return lines.stream().filter(l -> l.name().equals(name)).map(Line::value).findFirst().orElse("");
    }

    NodeDetails with(String name, String value) {
        List<Line> out = new java.util.ArrayList<>(lines.stream().filter(l -> !l.name().equals(name)).toList());
        out.add(new Line(name, value));
        return new NodeDetails(nodeId, title, out);
    }
}
