package io.headwater.views.log;

import io.headwater.engine.model.Row;
import io.headwater.engine.replay.HistoryEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One field of one change in an entity's history: before, after, and whether it changed.
 *
 * @param before the value before the change as text, or "—" when there was no record before
 * @param after  the value after the change as text, or "—" when there is no record after
 */
public record ChangeLine(String field, String before, String after, boolean changed) {

    /** The fields of a change, in the record's order; for a delete every field is changed (it is gone). */
    public static List<ChangeLine> of(HistoryEntry e) {
        Set<String> names = new LinkedHashSet<>();
        if (e.before() != null) {
            names.addAll(e.before().fields());
        }
        if (e.after() != null) {
            names.addAll(e.after().fields());
        }
        List<ChangeLine> out = new ArrayList<>();
        for (String n : names) {
            // a create or snapshot has nothing before it: every field is new, so none is highlighted
            boolean changed = e.before() != null && e.after() != null ? e.changedFields().contains(n) : e.before() != null;
            out.add(new ChangeLine(n, text(e.before(), n), text(e.after(), n), changed));
        }
        return out;
    }

    private static String text(Row row, String field) {
        if (row == null) {
            return "—";
        }
        Object v = row.get(field);
        return v instanceof byte[] b ? "(" + b.length + " bytes)" : String.valueOf(v);
    }
}
