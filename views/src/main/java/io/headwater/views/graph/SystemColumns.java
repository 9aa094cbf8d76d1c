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
 * it. Cycles are cut after as many rounds as there are systems. Immutable.
 */
final class SystemColumns {
    private final Map<String, Integer> columnOf = new HashMap<>();
    private final TreeMap<Integer, List<SystemSpec>> columns = new TreeMap<>();

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
