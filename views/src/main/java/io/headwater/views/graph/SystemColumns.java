package io.headwater.views.graph;

import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assigns each system a column, left to right from record to derived: a system stands at least at
 * its role's rank (record 0, log 1, derived 2) and one column right of every system that flows into
 * it. Cycles are cut after as many rounds as there are systems. Columns stand far enough apart for
 * the widest system label of each two neighbours (attached systems' labels are long), and an empty
 * column takes no room. Immutable.
 */
final class SystemColumns {
    /** The least distance between two columns, in graph units. */
    static final double MIN_COLUMN_WIDTH = 14;
    /** Free space between the widest boxes of two neighbouring columns, in graph units. */
    static final double COLUMN_GAP = 1.5;
    /**
     * A system label's width per character in graph units: bold 14 px DejaVu Sans averages about
     * 8.6 px a character, and {@link NodeSizer} makes boxes a quarter wider than their text.
     */
    private static final double GU_PER_CHAR = 8.6 * 1.25 / NodeSizer.PX_PER_GU;
    /** The box around the label: the expand arrow, the kind's icon and the padding ({@link NodeSizer}). */
    private static final double BOX_GU = (56 + GraphIcons.WIDTH + 2 * 8.6) / NodeSizer.PX_PER_GU;

    private final Map<String, Integer> columnOf = new HashMap<>();
    private final TreeMap<Integer, List<SystemSpec>> columns = new TreeMap<>();
    private final Map<Integer, Double> xOf = new HashMap<>();

    SystemColumns(Pipeline pipeline) {
        for (SystemSpec s : pipeline.systems()) {
            columnOf.put(s.id(), rank(s.role()));
        }
        for (int round = 0; round < pipeline.systems().size(); round++) {
            boolean changed = false;
            for (Flow f : pipeline.flows()) {
                String from = f.from().system();
                String to = f.to().system();
                if (!from.equals(to) && columnOf.containsKey(from) && columnOf.containsKey(to)
                        && columnOf.get(to) < columnOf.get(from) + 1) {
                    columnOf.put(to, columnOf.get(from) + 1);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        for (SystemSpec s : pipeline.systems()) {
            columns.computeIfAbsent(columnOf.get(s.id()), c -> new ArrayList<>()).add(s);
        }
        columns.values().forEach(list -> list.sort(Comparator.comparingInt(s -> rank(s.role()))));
        placeColumns();
    }

    private void placeColumns() {
        double x = 0;
        boolean first = true;
        double previousWidth = 0;
        for (Map.Entry<Integer, List<SystemSpec>> column : columns.entrySet()) {
            double width = column.getValue().stream().mapToDouble(s -> GraphLabels.system(s, null).length() * GU_PER_CHAR + BOX_GU).max().orElse(0);
            if (!first) {
                // Next to each other even when a rank between them is empty (a copy from a record straight into a derived store).
                x += Math.max(MIN_COLUMN_WIDTH, (previousWidth + width) / 2 + COLUMN_GAP);
            }
            xOf.put(column.getKey(), x);
            first = false;
            previousWidth = width;
        }
    }

    /** Where a column stands, left to right, in graph units. */
    double x(int column) {
        return xOf.getOrDefault(column, 0.0);
    }

    private static int rank(Role role) {
        return switch (role) {
            case RECORD -> 0;
            case LOG -> 1;
            case DERIVED -> 2;
        };
    }

    int column(String systemId) {
        return columnOf.getOrDefault(systemId, 0);
    }

    /** The systems of each column, top to bottom, columns left to right. */
    Map<Integer, List<SystemSpec>> columns() {
        return columns;
    }
}
