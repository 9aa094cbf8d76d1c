package io.headwater.views.graph;

import io.headwater.engine.model.SystemKind;
import java.util.List;
import java.util.Optional;

/**
 * What the details pane shows for the selected node.
 *
 * @param title      the node's full name ({@code pg.customers})
 * @param lines      name/value lines: kind, address, size, lag, checkpoint, last verification…
 * @param systemKind the kind of the system the node belongs to, whose icon the title shows; empty for none
 */
public record NodeDetails(String nodeId, String title, List<Line> lines, Optional<SystemKind> systemKind) {
    public static final NodeDetails NONE = new NodeDetails("", "Nothing selected", List.of(new Line("Tip", "Click a node of the graph; double-click expands it.")));

    public NodeDetails {
        lines = List.copyOf(lines);
        systemKind = systemKind == null ? Optional.empty() : systemKind;
    }

    /** Details of a node that belongs to no system. */
    public NodeDetails(String nodeId, String title, List<Line> lines) {
        this(nodeId, title, lines, Optional.empty());
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
        return new NodeDetails(nodeId, title, out, systemKind);
    }
}
