package io.headwater.engine.audit;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.config.ConfigException;
import io.headwater.engine.config.ConfigProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads checklists from YAML:
 * <pre>
 * checklist: privacy
 * title: Privacy audit
 * description: ...
 * items:
 *   - id: inventory
 *     question: Do we know where personal data is?
 *     guidance: ...
 *     probes: [pii-discovery]
 *     evidence: [undeclared-pii, declared-pii-absent, pii-confirmed]   # optional: only these codes
 *     status: { fail: [undeclared-pii], review: [declared-pii-absent], otherwise: pass, no-evidence: not-applicable }
 * </pre>
 * Every problem is collected before failing, each named by file, line and key like the pipeline
 * loader does: {@code mine.yaml:7: items[0].probes[1] 'pii' is not a probe: expected one of ...}.
 * The built-in checklists {@value #PRIVACY} and {@value #RETENTION} are resources of this package.
 * Thread-safe.
 */
public final class ChecklistLoader {
    public static final String PRIVACY = "privacy";
    public static final String RETENTION = "retention";
    /** The names of the built-in checklists. */
    public static final List<String> BUILT_IN = List.of(PRIVACY, RETENTION);

    private static final List<String> TOP_KEYS = List.of("checklist", "title", "description", "items");
    private static final List<String> ITEM_KEYS = List.of("id", "question", "guidance", "probes", "evidence", "status");
    private static final List<String> STATUS_KEYS = List.of("fail", "review", "otherwise", "no-evidence");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Set<String> knownProbes;

    /** @param knownProbes the probe ids items may name; empty to accept any */
    public ChecklistLoader(Set<String> knownProbes) {
        this.knownProbes = Set.copyOf(knownProbes);
    }

    /** A built-in checklist ({@code privacy} or {@code retention}), or the checklist file at {@code nameOrPath}. */
    public Checklist resolve(String nameOrPath) {
        return BUILT_IN.contains(nameOrPath) ? builtIn(nameOrPath) : load(Path.of(nameOrPath));
    }

    /** A built-in checklist by name. */
    public Checklist builtIn(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("no built-in checklist '" + name + "': expected one of " + BUILT_IN);
        }
        try (InputStream in = ChecklistLoader.class.getResourceAsStream(name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("the built-in checklist " + name + ".yaml is missing from the engine jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yaml", "builtin:" + name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in checklist " + name, e);
        }
    }

    /** Loads a checklist file. */
    public Checklist load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), 1, "", "no such checklist file (built-in checklists: "
                    + String.join(", ", BUILT_IN) + ")")), e);
        } catch (IOException e) {
            throw new HeadwaterException("cannot read checklist " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.getFileName().toString(), file.toAbsolutePath().toString());
    }

    /**
     * Parses checklist YAML.
     *
     * @param fileName the name used in messages
     * @param source   where it came from, kept on the checklist
     * @throws ConfigException with every problem found
     */
    public Checklist parse(String yamlText, String fileName, String source) {
        Reading r = new Reading(fileName);
        Optional<Checklist> checklist = compose(yamlText, r).flatMap(root -> r.checklist(root, source));
        if (!r.problems.isEmpty() || checklist.isEmpty()) {
            List<ConfigProblem> sorted = new ArrayList<>(r.problems);
            sorted.sort(Comparator.comparingInt(ConfigProblem::line));
            throw new ConfigException(sorted);
        }
        return checklist.get();
    }

    private static Optional<Node> compose(String text, Reading r) {
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
            if (root == null) {
                r.problem(1, "", "the file is empty: expected checklist, title, description and items");
            }
            return Optional.ofNullable(root);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            r.problem(mark == null ? 1 : mark.getLine() + 1, "", "YAML syntax error: " + e.getProblem());
            return Optional.empty();
        } catch (YAMLException e) {
            r.problem(1, "", "YAML syntax error: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The problems of one file while it is read. Not thread-safe. */
    private final class Reading {
        private final String file;
        private final List<ConfigProblem> problems = new ArrayList<>();

        Reading(String file) {
            this.file = file;
        }

        void problem(int line, String key, String message) {
            problems.add(new ConfigProblem(file, line, key, message));
        }

        void problem(Node node, String key, String message) {
            problem(line(node), key, message);
        }

        Optional<Checklist> checklist(Node root, String source) {
            Optional<Map<String, NodeTuple>> top = map(root, "", TOP_KEYS);
            if (top.isEmpty()) {
                return Optional.empty();
            }
            Map<String, NodeTuple> m = top.get();
            String id = requiredText(m, root, "", "checklist");
            if (id != null && !ID.matcher(id).matches()) {
                problem(m.get("checklist").getValueNode(), "checklist", "'" + id + "' is not a valid name: use letters, digits, '-', '_' and '.'");
            }
            String title = requiredText(m, root, "", "title");
            String description = optionalText(m, "", "description");
            List<ChecklistItem> items = items(m, root);
            if (id == null || title == null) {
                return Optional.empty();
            }
            return Optional.of(new Checklist(id, title, description == null ? "" : description, source, items));
        }

        private List<ChecklistItem> items(Map<String, NodeTuple> m, Node root) {
            NodeTuple t = m.get("items");
            if (t == null) {
                problem(root, "items", "is required: a list of questions");
                return List.of();
            }
            if (!(t.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                problem(t.getValueNode(), "items", "must be a non-empty list of questions");
                return List.of();
            }
            List<ChecklistItem> items = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node node = seq.getValue().get(i);
                String path = "items[" + i + "]";
                item(node, path).ifPresent(item -> {
                    if (!ids.add(item.id())) {
                        problem(node, path + ".id", "'" + item.id() + "' is a duplicate item id");
                    } else {
                        items.add(item);
                    }
                });
            }
            return items;
        }

        private Optional<ChecklistItem> item(Node node, String path) {
            Optional<Map<String, NodeTuple>> map = map(node, path, ITEM_KEYS);
            if (map.isEmpty()) {
                return Optional.empty();
            }
            Map<String, NodeTuple> m = map.get();
            String id = requiredText(m, node, path, "id");
            if (id != null && !ID.matcher(id).matches()) {
                problem(m.get("id").getValueNode(), path + ".id", "'" + id + "' is not a valid id: use letters, digits, '-', '_' and '.'");
                id = null;
            }
            String question = requiredText(m, node, path, "question");
            String guidance = optionalText(m, path, "guidance");
            List<String> probes = probes(m, node, path);
            StatusRule rule = rule(m, path);
            List<String> evidence = m.containsKey("evidence") ? texts(m.get("evidence").getValueNode(), path + ".evidence") : List.of();
            if (id == null || question == null || rule == null) {
                return Optional.empty();
            }
            return Optional.of(new ChecklistItem(id, question.strip(), guidance == null ? "" : guidance.strip(), probes, rule, evidence));
        }

        private List<String> probes(Map<String, NodeTuple> m, Node item, String path) {
            NodeTuple t = m.get("probes");
            if (t == null) {
                return List.of();
            }
            List<String> names = texts(t.getValueNode(), path + ".probes");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String p = names.get(i);
                if (!knownProbes.isEmpty() && !knownProbes.contains(p)) {
                    problem(((SequenceNode) t.getValueNode()).getValue().get(i), path + ".probes[" + i + "]", "'" + p
                            + "' is not a probe: expected one of " + String.join(", ", new java.util.TreeSet<>(knownProbes)));
                } else {
                    out.add(p);
                }
            }
            return out;
        }

        private StatusRule rule(Map<String, NodeTuple> m, String path) {
            NodeTuple t = m.get("status");
            if (t == null) {
                return StatusRule.DEFAULT;
            }
            String p = path + ".status";
            Optional<Map<String, NodeTuple>> map = map(t.getValueNode(), p, STATUS_KEYS);
            if (map.isEmpty()) {
                return null;
            }
            Map<String, NodeTuple> s = map.get();
            List<String> fail = s.containsKey("fail") ? texts(s.get("fail").getValueNode(), p + ".fail") : List.of();
            List<String> review = s.containsKey("review") ? texts(s.get("review").getValueNode(), p + ".review") : List.of();
            AuditStatus otherwise = status(s, p, "otherwise", AuditStatus.PASS);
            AuditStatus none = status(s, p, "no-evidence", AuditStatus.NOT_APPLICABLE);
            if (otherwise == null || none == null) {
                return null;
            }
            return new StatusRule(fail, review, otherwise, none);
        }

        private AuditStatus status(Map<String, NodeTuple> s, String path, String key, AuditStatus fallback) {
            NodeTuple t = s.get(key);
            if (t == null) {
                return fallback;
            }
            String text = scalar(t.getValueNode(), path + "." + key);
            if (text == null) {
                return null;
            }
            Optional<AuditStatus> status = AuditStatus.fromConfigName(text);
            if (status.isEmpty()) {
                problem(t.getValueNode(), path + "." + key, "'" + text + "' is not a status: expected pass, fail, needs-review or not-applicable");
                return null;
            }
            return status.get();
        }

        private Optional<Map<String, NodeTuple>> map(Node node, String path, List<String> allowed) {
            if (!(node instanceof MappingNode mapping)) {
                problem(node, path, "must be a map, not a " + shape(node));
                return Optional.empty();
            }
            Map<String, NodeTuple> out = new LinkedHashMap<>();
            for (NodeTuple t : mapping.getValue()) {
                String prefix = path.isEmpty() ? "" : path + ".";
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    problem(t.getKeyNode(), path, "has a key that is a " + shape(t.getKeyNode()) + ": keys must be names");
                } else if (!allowed.contains(k.getValue())) {
                    problem(k, path, "unknown key '" + k.getValue() + "': expected one of " + String.join(", ", allowed));
                } else if (out.containsKey(k.getValue())) {
                    problem(k, prefix + k.getValue(), "is a duplicate key");
                } else {
                    out.put(k.getValue(), t);
                }
            }
            return Optional.of(out);
        }

        private String requiredText(Map<String, NodeTuple> m, Node parent, String path, String key) {
            String p = path.isEmpty() ? key : path + "." + key;
            NodeTuple t = m.get(key);
            if (t == null || isNull(t.getValueNode())) {
                problem(t == null ? parent : t.getValueNode(), p, "is required");
                return null;
            }
            return scalar(t.getValueNode(), p);
        }

        private String optionalText(Map<String, NodeTuple> m, String path, String key) {
            NodeTuple t = m.get(key);
            return t == null || isNull(t.getValueNode()) ? null : scalar(t.getValueNode(), path.isEmpty() ? key : path + "." + key);
        }

        private String scalar(Node node, String path) {
            if (node instanceof ScalarNode s) {
                return s.getValue();
            }
            problem(node, path, "must be text, not a " + shape(node));
            return null;
        }

        private List<String> texts(Node node, String path) {
            if (!(node instanceof SequenceNode seq)) {
                problem(node, path, "must be a list, not a " + shape(node));
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                String s = scalar(seq.getValue().get(i), path + "[" + i + "]");
                if (s != null) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && (s.getValue().isEmpty() || org.yaml.snakeyaml.nodes.Tag.NULL.equals(s.getTag()));
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static String shape(Node node) {
        return node instanceof MappingNode ? "map" : node instanceof SequenceNode ? "list" : "scalar";
    }
}
