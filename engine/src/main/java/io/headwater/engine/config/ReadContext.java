package io.headwater.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** What every section reader shares while one file is read: its problems and the environment. */
final class ReadContext {
    private final Problems problems;
    private final Substitution substitution;

    ReadContext(Problems problems, Substitution substitution) {
        this.problems = problems;
        this.substitution = substitution;
    }

    Problems problems() {
        return problems;
    }

    void problem(int line, String key, String message) {
        problems.add(line, key, message);
    }

    void problem(Node node, String key, String message) {
        problems.add(node, key, message);
    }

    /** A scalar node's substituted value; empty (with a problem) for lists and maps, empty for null. */
    Optional<Scalar> scalar(Node node, String path) {
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, path, "must be a single value, not a " + shape(node));
            return Optional.empty();
        }
        if (Tag.NULL.equals(scalar.getTag()) || scalar.getValue().isEmpty()) {
            return Optional.empty();
        }
        Substitution.Result result = substitution.apply(scalar.getValue());
        result.errors().forEach(e -> problem(node, path, e));
        if (!result.errors().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Scalar(result.value(), Problems.line(node), path, result.variable()));
    }

    /** The items of a list node; empty (with a problem) when the node is not a list. */
    Optional<List<Node>> list(Node node, String path) {
        if (node instanceof SequenceNode sequence) {
            return Optional.of(sequence.getValue());
        }
        if (node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())) {
            return Optional.of(List.of());
        }
        problem(node, path, "must be a list, not a " + shape(node));
        return Optional.empty();
    }

    /** A single value or a list of single values, e.g. a key: {@code id} or {@code [a, b]}. */
    List<Scalar> scalarOrList(Node node, String path) {
        List<Scalar> out = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                scalar(items.get(i), path + "[" + i + "]").ifPresent(out::add);
            }
        } else {
            scalar(node, path).ifPresent(out::add);
        }
        return out;
    }

    static String shape(Node node) {
        return switch (node.getNodeId()) {
            case scalar -> "single value";
            case sequence -> "list";
            case mapping -> "map";
            default -> node.getNodeId().name();
        };
    }
}
