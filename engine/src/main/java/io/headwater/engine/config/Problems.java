package io.headwater.engine.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Collects the problems of one config file while it is read. Not thread-safe. */
final class Problems {
    private final String file;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    void add(int line, String key, String message) {
        found.add(new ConfigProblem(file, line, key, message));
    }

    void add(Node node, String key, String message) {
        add(line(node), key, message);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Every problem, sorted by line (stable, so problems of one line keep their order). */
    List<ConfigProblem> sorted() {
        List<ConfigProblem> copy = new ArrayList<>(found);
        copy.sort(Comparator.comparingInt(ConfigProblem::line));
        return copy;
    }
}
