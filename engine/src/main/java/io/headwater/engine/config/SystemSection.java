package io.headwater.engine.config;

import io.headwater.engine.model.Connection;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.Secret;
import io.headwater.engine.model.SystemKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code systems} list: ids, kinds, roles, connections and their datasets. */
final class SystemSection {
    private static final List<String> KEYS = ConfigKey.names(SystemKeys.ALL);

    /**
     * A system as written in the config.
     *
     * @param id         its id
     * @param kind       its technology
     * @param role       its role
     * @param embedded   whether Headwater runs it
     * @param writable   whether an attached system may be written
     * @param connection how to reach it
     * @param properties client properties, secrets where written as {@code ${VAR}}
     * @param format     the default format of its topics' records (kafka only); null when not written
     * @param datasets   its datasets as written
     */
    record Draft(String id, SystemKind kind, Role role, boolean embedded, boolean writable, Connection connection,
                 Map<String, Secret> properties, LogFormat format, List<DatasetSection.Draft> datasets) {
    }

    private final ReadContext context;
    private final List<Draft> systems = new ArrayList<>();
    private final Set<String> broken = new HashSet<>();
    private final Map<String, String> seen = new HashMap<>();

    SystemSection(ReadContext context) {
        this.context = context;
    }

    void read(List<Node> nodes) {
        for (int i = 0; i < nodes.size(); i++) {
            YamlMap.read(nodes.get(i), "systems[" + i + "]", KEYS, context).ifPresent(this::readSystem);
        }
    }

    /** The systems that were read completely (their own problems aside). */
    List<Draft> systems() {
        return systems;
    }

    /** Ids of systems that are declared but broken, so flows naming them are not reported again. */
    Set<String> broken() {
        return broken;
    }

    /**
     * The {@code properties} map, passed to the system's client as it is. A value written as
     * {@code ${VAR}} is a secret; a literal one is kept as written (it names a mode, not a credential).
     */
    private Map<String, Secret> readProperties(YamlMap system) {
        Map<String, Secret> out = new LinkedHashMap<>();
        String key = SystemKeys.PROPERTIES.name();
        Optional<YamlMap> props = system.node(key).flatMap(n -> YamlMap.read(n, system.child(key), null, context));
        if (props.isEmpty()) {
            return out;
        }
        for (String name : props.get().entries().keySet()) {
            props.get().scalar(name).ifPresent(v -> out.put(name, v.fromEnvironment() ? Secret.fromEnvironment(v.variable(), v.value())
                    : Secret.literal(v.value())));
        }
        return out;
    }

    private void readSystem(YamlMap map) {
        Optional<Scalar> idScalar = SystemKeys.ID.scalar(map);
        Optional<String> id = SystemKeys.ID.valid(idScalar, context);
        Optional<SystemKind> kind = SystemKeys.KIND.choice(map, SystemKind::fromConfigName, context);
        Optional<Role> role = SystemKeys.ROLE.choice(map, Role::fromConfigName, context);
        // An unreadable flag counts as embedded, so connection checks do not pile on more problems.
        boolean embedded = map.given(SystemKeys.EMBEDDED.name()) && SystemKeys.EMBEDDED.bool(map, context).orElse(true);
        boolean writable = SystemKeys.WRITABLE.bool(map, context).orElse(false);
        Connection connection = new ConnectionSection(context).read(map, id.orElse(null), kind, embedded);
        Map<String, Secret> properties = readProperties(map);
        LogFormat format = LogFormats.read(SystemKeys.FORMAT, map, kind, context);
        List<DatasetSection.Draft> datasets = new DatasetSection(context, id.orElse(null), role.orElse(null), kind).read(map);
        if (id.isEmpty()) {
            idScalar.ifPresent(s -> broken.add(s.value()));
            return;
        }
        String first = seen.putIfAbsent(id.get(), map.path());
        if (first != null) {
            Scalar s = idScalar.orElseThrow();
            context.problem(s.line(), s.path(), s.quoted() + " is already used by " + first);
        } else if (kind.isPresent() && role.isPresent()) {
            systems.add(new Draft(id.get(), kind.get(), role.get(), embedded, writable || embedded, connection, properties, format, datasets));
        } else {
            broken.add(id.get());
        }
    }
}
