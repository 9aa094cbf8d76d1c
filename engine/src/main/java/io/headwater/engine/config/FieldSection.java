package io.headwater.engine.config;

import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldTag;
import io.headwater.engine.model.FieldType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a dataset's {@code fields}: a map of {@code name: type} or
 * {@code name: {type: T, tags: [pii:email, retention:30d]}}.
 */
final class FieldSection {
    private static final List<String> FIELD_KEYS = ConfigKey.names(FieldKeys.ALL);
    private static final List<String> TYPE_NAMES = FieldKeys.TYPE.type().choices();

    /**
     * The fields that could be read, and the names of those that could not (so that checks which
     * refer to them do not report the same mistake twice).
     */
    record Fields(List<Field> fields, Set<String> broken) {
        Fields {
            fields = List.copyOf(fields);
            broken = Set.copyOf(broken);
        }
    }

    private final ReadContext context;

    FieldSection(ReadContext context) {
        this.context = context;
    }

    Fields read(Node node, String path) {
        List<Field> fields = new ArrayList<>();
        Set<String> broken = new HashSet<>();
        Optional<YamlMap> map = YamlMap.read(node, path, null, context);
        if (map.isEmpty()) {
            return new Fields(fields, broken);
        }
        if (map.get().entries().isEmpty()) {
            context.problem(node, path, "must declare at least one field");
        }
        for (Map.Entry<String, Node> entry : map.get().entries().entrySet()) {
            String name = entry.getKey();
            Optional<Field> field = readField(map.get(), name, entry.getValue());
            field.ifPresentOrElse(fields::add, () -> broken.add(name));
        }
        return new Fields(fields, broken);
    }

    private Optional<Field> readField(YamlMap fields, String name, Node value) {
        String path = fields.child(name);
        if (!ConfigValues.FIELD_NAME.matcher(name).matches()) {
            context.problem(fields.keyLine(name), path, "is not a valid field name: " + ConfigValues.FIELD_NAME_RULE);
            return Optional.empty();
        }
        if (YamlMap.isNull(value)) {
            context.problem(value, path, "needs a type: expected one of " + String.join(", ", TYPE_NAMES));
            return Optional.empty();
        }
        if (!(value instanceof MappingNode)) {
            return type(context.scalar(value, path), path).map(t -> new Field(name, t));
        }
        Optional<YamlMap> spec = YamlMap.read(value, path, FIELD_KEYS, context);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        Optional<FieldType> type = type(FieldKeys.TYPE.scalar(spec.get()), spec.get().child(FieldKeys.TYPE.name()));
        List<FieldTag> tags = tags(spec.get());
        return type.map(t -> new Field(name, t, tags));
    }

    private Optional<FieldType> type(Optional<Scalar> scalar, String path) {
        if (scalar.isEmpty()) {
            return Optional.empty();
        }
        Scalar s = scalar.get();
        Optional<FieldType> type = FieldType.fromConfigName(s.value());
        if (type.isEmpty()) {
            context.problem(s.line(), path, s.quoted() + " is not a type: expected one of " + String.join(", ", TYPE_NAMES));
        }
        return type;
    }

    /** The valid tags; each bad one is reported (the field stays usable without it). */
    private List<FieldTag> tags(YamlMap spec) {
        List<FieldTag> tags = new ArrayList<>();
        String key = FieldKeys.TAGS.name();
        List<Node> nodes = spec.list(key).orElse(List.of());
        for (int i = 0; i < nodes.size(); i++) {
            context.scalar(nodes.get(i), spec.child(key) + "[" + i + "]").flatMap(this::tag).ifPresent(tags::add);
        }
        return tags;
    }

    private Optional<FieldTag> tag(Scalar s) {
        int colon = s.value().indexOf(':');
        String name = colon < 0 ? s.value() : s.value().substring(0, colon);
        String value = colon < 0 ? "" : s.value().substring(colon + 1).trim();
        if (name.equals(FieldTag.RETENTION) && !value.isEmpty() && FieldTag.parseDuration(value).isEmpty()) {
            context.problem(s.line(), s.path(), "retention '" + value + "' is not a duration: use e.g. 30d, 12h, P7Y");
            return Optional.empty();
        }
        if (!(name.equals(FieldTag.PII) || name.equals(FieldTag.RETENTION)) || value.isEmpty()) {
            context.problem(s.line(), s.path(), "tag " + s.quoted() + " is invalid: use pii:<category> or retention:<duration>");
            return Optional.empty();
        }
        return Optional.of(new FieldTag(name, value));
    }
}
