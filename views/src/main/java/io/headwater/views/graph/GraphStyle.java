package io.headwater.views.graph;

import io.headwater.views.common.FlowState;
import io.headwater.engine.model.SystemKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The graph's GraphStream stylesheet and the classes given to nodes and edges. Colours follow the
 * AtlantaFX Primer palette: green verified, amber in flight, red corrupt, grey unknown, blue for
 * sources (nothing to verify), purple for the lineage highlight.
 */
public final class GraphStyle {
    public static final String VERIFIED = "verified";
    public static final String IN_FLIGHT = "inflight";
    public static final String CORRUPT = "corrupt";
    public static final String UNKNOWN = "unknown";
    public static final String SOURCE = "source";
    public static final String HIGHLIGHTED = "highlighted";
    public static final String SELECTED = "selected";
    public static final String DOWN = "down";
    /** Prefix of the class naming a system node's kind ({@code kind_postgres}), which gives it its icon. */
    public static final String KIND_PREFIX = "kind_";
    /** Prefix of the class naming the role of a node's system ({@code role_derived}). */
    public static final String ROLE_PREFIX = "role_";
    /** Flows that run outside Headwater: drawn in their own colour, with their observed lag written on them. */
    public static final String EXTERNAL = "external";

    /** Fill and border colour of each state, shared with the legend. */
    public static final String VERIFIED_FILL = "#dafbe1";
    public static final String VERIFIED_STROKE = "#1a7f37";
    public static final String IN_FLIGHT_FILL = "#fff1b8";
    public static final String IN_FLIGHT_STROKE = "#bf8700";
    public static final String CORRUPT_FILL = "#ffd8d3";
    public static final String CORRUPT_STROKE = "#cf222e";
    public static final String UNKNOWN_FILL = "#f0f2f4";
    public static final String UNKNOWN_STROKE = "#8c959f";
    public static final String SOURCE_FILL = "#ddf4ff";
    public static final String SOURCE_STROKE = "#0969da";
    public static final String HIGHLIGHT_STROKE = "#8250df";
    public static final String EXTERNAL_COLOUR = "#1b7c83";

    static final String STYLESHEET = """
            graph { fill-color: #ffffff; padding: 6gu, 1.5gu; }
            node {
              shape: box; size: 120px, 24px;
              fill-color: #f0f2f4; stroke-mode: plain; stroke-color: #8c959f; stroke-width: 1.5px;
              text-size: 12; text-color: #1f2328; text-alignment: center; text-font: 'DejaVu Sans';
              z-index: 2;
            }
            node.system { text-size: 14; text-style: bold; stroke-width: 2px; }
            node.dataset { text-size: 12; }
            node.field { shape: box; text-size: 11; stroke-width: 1px; }
            node.verified { fill-color: %s; stroke-color: %s; }
            node.inflight { fill-color: %s; stroke-color: %s; }
            node.corrupt { fill-color: %s; stroke-color: %s; text-color: #82071e; }
            node.unknown { fill-color: %s; stroke-color: %s; }
            node.source { fill-color: %s; stroke-color: %s; }
            node.down { stroke-color: #cf222e; text-color: #82071e; }
            node.highlighted { stroke-color: %s; stroke-width: 3.5px; fill-color: #fbefff; }
            node.selected { stroke-color: #0550ae; stroke-width: 4px; }
            edge {
              fill-color: #8c959f; size: 1.6px; arrow-shape: arrow; arrow-size: 9px, 5px; z-index: 1;
              text-size: 11; text-color: %s; text-font: 'DejaVu Sans'; text-background-mode: plain; text-background-color: #ffffff;
            }
            edge.external { fill-color: %s; size: 2px; }
            edge.verified { fill-color: %s; size: 2.2px; }
            edge.inflight { fill-color: %s; size: 2.2px; }
            edge.corrupt { fill-color: %s; size: 2.6px; }
            edge.highlighted { fill-color: %s; size: 3.5px; z-index: 3; }
            edge.fieldhop { fill-color: %s; size: 2.5px; shape: cubic-curve; }
            """.formatted(VERIFIED_FILL, VERIFIED_STROKE, IN_FLIGHT_FILL, IN_FLIGHT_STROKE, CORRUPT_FILL, CORRUPT_STROKE,
            UNKNOWN_FILL, UNKNOWN_STROKE, SOURCE_FILL, SOURCE_STROKE, HIGHLIGHT_STROKE,
            EXTERNAL_COLOUR, EXTERNAL_COLOUR, VERIFIED_STROKE, IN_FLIGHT_STROKE, CORRUPT_STROKE, HIGHLIGHT_STROKE, HIGHLIGHT_STROKE);

    /** The stylesheet with one icon rule per kind of system: each system node shows its kind's icon left of its label. */
    static final String STYLESHEET_WITH_ICONS = STYLESHEET + Arrays.stream(SystemKind.values())
            .map(k -> "node." + KIND_PREFIX + k.configName() + " { icon-mode: at-left; icon: url('" + GraphIcons.url(k) + "'); }")
            .collect(Collectors.joining("\n", "", "\n"));

    private GraphStyle() {
    }

    static String stateClass(FlowState s) {
        return switch (s) {
            case VERIFIED -> VERIFIED;
            case IN_FLIGHT -> IN_FLIGHT;
            case CORRUPT -> CORRUPT;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** The GraphStream {@code ui.class} of a node; later classes win where they set the same property. */
    static String classesOf(GraphNode n, boolean selected) {
        List<String> c = new ArrayList<>();
        c.add(n.kind().name().toLowerCase(Locale.ROOT));
        if (n.kind() == GraphNodeKind.SYSTEM) {
            c.add(KIND_PREFIX + n.systemKind().configName());
        }
        c.add(ROLE_PREFIX + n.role().configName());
        c.add(n.source() ? SOURCE : stateClass(n.state()));
        if (!n.reachable()) {
            c.add(DOWN);
        }
        if (n.highlighted()) {
            c.add(HIGHLIGHTED);
        }
        if (selected) {
            c.add(SELECTED);
        }
        return String.join(", ", c);
    }

    static String classesOf(GraphEdge e) {
        List<String> c = new ArrayList<>();
        if (e.external()) {
            c.add(EXTERNAL);
        }
        c.add(stateClass(e.state()));
        if (e.fieldHop()) {
            c.add("fieldhop");
        }
        if (e.highlighted()) {
            c.add(HIGHLIGHTED);
        }
        return String.join(", ", c);
    }

    /** The label drawn for a node: an expandable one shows whether it is open. */
    static String labelOf(GraphNode n) {
        if (!n.expandable()) {
            return n.label();
        }
        return (n.expanded() ? "▾ " : "▸ ") + n.label();
    }
}
