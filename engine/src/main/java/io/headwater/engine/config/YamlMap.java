package io.headwater.engine.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML map of the config with its key path. Reading one reports duplicate keys and, when the
 * allowed keys are declared, unknown keys; every getter reports its own problems. Asking such a map
 * for a key it does not allow is a bug in the reader (the key was never declared) and throws.
 */
final class YamlMap {
    private final Node node;
    private final String path;
    private final ReadContext context;
    private final List<String> allowed;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Node> keys = new LinkedHashMap<>();

    private YamlMap(Node node, String path, List<String> allowed, ReadContext context) {
        this.node = node;
        this.path = path;
        this.allowed = allowed;
        this.context = context;
    }

    /**
     * Reads a map node. {@code allowed} lists the keys it may have; null allows any key (a map of
     * field names, say). Empty (with a problem) when the node is not a map.
     */
    static Optional<YamlMap> read(Node node, String path, List<String> allowed, ReadContext context) {
        if (!(node instanceof MappingNode mapping)) {
            context.problem(node, path, "must be a map, not a " + ReadContext.shape(node));
            return Optional.empty();
        }
        YamlMap map = new YamlMap(node, path, allowed, context);
        for (NodeTuple tuple : mapping.getValue()) {
            map.accept(tuple);
        }
        return Optional.of(map);
    }

    private void accept(NodeTuple tuple) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalarKey)) {
            context.problem(keyNode, path, "has a key that is a " + ReadContext.shape(keyNode) + ": keys must be names");
            return;
        }
        String key = scalarKey.getValue();
        if (allowed != null && !allowed.contains(key)) {
            context.problem(keyNode, path, "unknown key '" + key + "': expected one of " + String.join(", ", allowed));
        } else if (values.containsKey(key)) {
            context.problem(keyNode, child(key), "is a duplicate key");
        } else {
            values.put(key, tuple.getValueNode());
            keys.put(key, keyNode);
        }
    }

    String path() {
        return path;
    }

    int line() {
        return Problems.line(node);
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return values.containsKey(declared(key));
    }

    /** Whether the key is present with a non-null value (valid or not). */
    boolean given(String key) {
        return node(key).filter(n -> !isNull(n)).isPresent();
    }

    Optional<Node> node(String key) {
        return Optional.ofNullable(values.get(declared(key)));
    }

    /** The line of a key (not its value), for problems about the key itself. */
    int keyLine(String key) {
        return Problems.line(keys.get(declared(key)));
    }

    Map<String, Node> entries() {
        return values;
    }

    Optional<Scalar> scalar(String key) {
        return node(key).flatMap(n -> context.scalar(n, child(key)));
    }

    /** A scalar that must be present; reports "is required" when it is absent or null. */
    Optional<Scalar> required(String key) {
        Node value = values.get(declared(key));
        if (value == null || isNull(value)) {
            context.problem(value == null ? line() : Problems.line(value), child(key), "is required");
            return Optional.empty();
        }
        return context.scalar(value, child(key));
    }

    private String declared(String key) {
        if (allowed != null && !allowed.contains(key)) {
            throw new IllegalStateException("key '" + key + "' of " + (path.isEmpty() ? "the top level" : path)
                    + " is read but not declared: add it to the section's keys");
        }
        return key;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && (Tag.NULL.equals(s.getTag()) || s.getValue().isEmpty());
    }

    Optional<List<Node>> list(String key) {
        return node(key).flatMap(n -> context.list(n, child(key)));
    }
}
