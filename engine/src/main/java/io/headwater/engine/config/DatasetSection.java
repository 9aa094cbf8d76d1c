package io.headwater.engine.config;

import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.RedisKeyspace;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code datasets} of one system. Keys and timestamps are checked later, by
 * {@link DatasetChecks}, because a log dataset may inherit its fields from a flow.
 */
final class DatasetSection {
    private static final List<String> KEYS = ConfigKey.names(DatasetKeys.ALL);

    /**
     * A dataset as written in the config.
     *
     * @param ref       its pipeline-wide name
     * @param name      the physical name (defaults to the id)
     * @param key       the declared key entries; null when absent
     * @param fields    the declared fields; null when absent
     * @param timestamp the declared timestamp field; null when absent
     * @param format    the declared format of a topic's records; null when absent (or invalid)
     * @param keyspace  the declared layout and key prefix of a redis dataset; null when not redis (or invalid)
     * @param keyField  the declared {@code key-field} of an opensearch or elasticsearch dataset; null when absent (or misplaced)
     * @param path      the key path, e.g. {@code systems[0].datasets[1]}
     * @param line      the line the dataset starts on
     */
    record Draft(DatasetRef ref, String name, List<Scalar> key, FieldSection.Fields fields, Scalar timestamp,
                 LogFormat format, RedisKeyspace keyspace, Scalar keyField, String path, int line) {
    }

    private final ReadContext context;
    private final String systemId;
    private final Role role;
    private final Optional<SystemKind> kind;

    /**
     * A reader for the datasets of system {@code systemId} (may be null when the id is broken); role
     * and kind are null or empty when the system's are broken.
     */
    DatasetSection(ReadContext context, String systemId, Role role, Optional<SystemKind> kind) {
        this.context = context;
        this.systemId = systemId == null ? "?" : systemId;
        this.role = role;
        this.kind = kind;
    }

    List<Draft> read(YamlMap system) {
        List<Draft> drafts = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        String datasets = SystemKeys.DATASETS.name();
        List<Node> nodes = system.list(datasets).orElse(List.of());
        for (int i = 0; i < nodes.size(); i++) {
            String path = system.child(datasets) + "[" + i + "]";
            YamlMap.read(nodes.get(i), path, KEYS, context).flatMap(map -> readDataset(map, seen)).ifPresent(drafts::add);
        }
        return drafts;
    }

    private Optional<Draft> readDataset(YamlMap map, Map<String, String> seen) {
        Optional<Scalar> idScalar = DatasetKeys.ID.scalar(map);
        Optional<String> id = DatasetKeys.ID.valid(idScalar, context);
        String keyName = DatasetKeys.KEY.name();
        List<Scalar> key = map.node(keyName).map(n -> context.scalarOrList(n, map.child(keyName))).orElse(null);
        String fieldsName = DatasetKeys.FIELDS.name();
        FieldSection.Fields fields = map.node(fieldsName).map(n -> new FieldSection(context).read(n, map.child(fieldsName))).orElse(null);
        Scalar timestamp = DatasetKeys.TIMESTAMP.scalar(map).orElse(null);
        String name = DatasetKeys.NAME.text(map, context).orElse(null);
        LogFormat format = LogFormats.read(DatasetKeys.FORMAT, map, kind, context);
        RedisKeyspace keyspace = RedisKeys.read(map, kind, context);
        Scalar keyField = keyField(map);
        if (role != Role.LOG) {
            requireDeclared(map, DatasetKeys.KEY);
            requireDeclared(map, DatasetKeys.FIELDS);
        }
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String first = seen.putIfAbsent(id.get(), map.path());
        if (first != null) {
            Scalar s = idScalar.orElseThrow();
            context.problem(s.line(), s.path(), s.quoted() + " is already used by " + first);
            return Optional.empty();
        }
        DatasetRef ref = new DatasetRef(systemId, id.get());
        return Optional.of(new Draft(ref, name == null ? id.get() : name, key, fields, timestamp, format, keyspace, keyField, map.path(), map.line()));
    }

    /** The {@code key-field}, on a search index only. */
    private Scalar keyField(YamlMap map) {
        Optional<Scalar> keyField = DatasetKeys.KEY_FIELD.scalar(map);
        if (keyField.isEmpty() || kind.isEmpty()) {
            return null;
        }
        if (kind.get() != SystemKind.OPENSEARCH && kind.get() != SystemKind.ELASTICSEARCH) {
            Scalar s = keyField.get();
            context.problem(s.line(), s.path(), "applies to an opensearch or elasticsearch dataset only, not a " + kind.get().configName() + " one");
            return null;
        }
        return keyField.get();
    }

    private void requireDeclared(YamlMap map, ConfigKey declared) {
        String key = declared.name();
        if (!map.has(key)) {
            context.problem(map.line(), map.child(key), "is required");
        } else if (!map.given(key)) {
            context.problem(map.node(key).map(Problems::line).orElse(map.line()), map.child(key), "is required");
        }
    }
}
