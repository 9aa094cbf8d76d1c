package io.headwater.views.graph;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds graph nodes by name ({@code pg}, {@code pg.customers}, {@code customers.email}, {@code email}), whether shown or not. */
final class NodeSearch {
    /** Lower-case name to node id, in pipeline order. */
    private final Map<String, String> byName = new LinkedHashMap<>();

    void index(Pipeline pipeline) {
        byName.clear();
        for (SystemSpec s : pipeline.systems()) {
            byName.put(s.id().toLowerCase(Locale.ROOT), NodeIds.system(s.id()));
            for (Dataset d : s.datasets()) {
                byName.put(d.ref().toString().toLowerCase(Locale.ROOT), NodeIds.dataset(d.ref()));
                for (Field f : d.fields()) {
                    FieldRef ref = new FieldRef(d.ref(), f.name());
                    byName.put(ref.toString().toLowerCase(Locale.ROOT), NodeIds.field(ref));
                }
            }
        }
    }

    /** The best match: exact name, then a name ending with "." + text, then starting with it, then containing it; shorter first. */
    Optional<String> best(String text) {
        String q = text.toLowerCase(Locale.ROOT);
        if (byName.containsKey(q)) {
            return Optional.of(byName.get(q));
        }
        return ranked(q).stream().findFirst().map(byName::get);
    }

    List<String> matches(String text, int limit) {
        String q = text.toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return List.of();
        }
        return ranked(q).stream().limit(limit).map(n -> NodeIds.nameOf(byName.get(n))).toList();
    }

    private List<String> ranked(String q) {
        List<String> hits = new ArrayList<>();
        for (String name : byName.keySet()) {
            if (name.contains(q)) {
                hits.add(name);
            }
        }
        hits.sort(Comparator.comparingInt((String n) -> rank(n, q)).thenComparingInt(String::length));
        return hits;
    }

    private static int rank(String name, String q) {
        if (name.equals(q)) {
            return 0;
        }
        if (name.endsWith("." + q)) {
            return 1;
        }
        return name.startsWith(q) ? 2 : 3;
    }
}
