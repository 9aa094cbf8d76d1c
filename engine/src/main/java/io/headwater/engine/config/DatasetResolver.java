package io.headwater.engine.config;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns dataset drafts into datasets: a log dataset without fields (or key, or timestamp) takes
 * them from the source of the cdc flow that writes into it; then keys and timestamps are checked
 * against the final fields.
 */
final class DatasetResolver {
    private final ReadContext context;
    private final Map<DatasetRef, DatasetSection.Draft> drafts;
    private final Map<DatasetRef, DatasetRef> cdcSources;
    private final Map<String, Role> roles;
    private final Set<DatasetRef> cdcTargets;
    private final Map<String, LogFormat> topicFormats;
    private final Map<DatasetRef, Set<String>> brokenFields = new LinkedHashMap<>();

    /**
     * @param drafts     every readable dataset, by ref, in config order
     * @param cdcSources for each dataset written by a cdc flow, that flow's source
     * @param cdcTargets every dataset some cdc flow names as its target, even a broken flow
     * @param roles      each system's role
     * @param topicFormats for each kafka system, the format of its datasets that declare none
     */
    DatasetResolver(ReadContext context, Map<DatasetRef, DatasetSection.Draft> drafts,
                    Map<DatasetRef, DatasetRef> cdcSources, Set<DatasetRef> cdcTargets, Map<String, Role> roles,
                    Map<String, LogFormat> topicFormats) {
        this.context = context;
        this.drafts = drafts;
        this.cdcSources = cdcSources;
        this.cdcTargets = cdcTargets;
        this.roles = roles;
        this.topicFormats = topicFormats;
    }

    /** For each resolved dataset, the fields that were declared but could not be read. */
    Map<DatasetRef, Set<String>> brokenFields() {
        return brokenFields;
    }

    Map<DatasetRef, Dataset> resolve() {
        Map<DatasetRef, Dataset> out = new LinkedHashMap<>();
        drafts.values().forEach(d -> out.put(d.ref(), resolve(d)));
        return out;
    }

    private Dataset resolve(DatasetSection.Draft draft) {
        boolean log = roles.get(draft.ref().system()) == Role.LOG;
        Optional<DatasetSection.Draft> source = log
                ? Optional.ofNullable(cdcSources.get(draft.ref())).map(drafts::get).filter(s -> s.fields() != null)
                : Optional.empty();
        FieldSection.Fields fields = draft.fields();
        boolean inherited = fields == null && source.isPresent();
        if (inherited) {
            fields = source.get().fields();
        } else if (fields == null) {
            fields = new FieldSection.Fields(List.of(), Set.of());
            if (log && !cdcTargets.contains(draft.ref())) {
                context.problem(draft.line(), draft.path(), "declares no fields and no cdc flow writes into " + draft.ref()
                        + ": declare key and fields, or add a cdc flow from a record dataset");
            }
        }
        brokenFields.put(draft.ref(), fields.broken());
        List<String> key = key(draft, fields, source, inherited);
        String timestamp = timestamp(draft, fields, source);
        LogFormat format = topicFormats.containsKey(draft.ref().system())
                ? (draft.format() != null ? draft.format() : topicFormats.get(draft.ref().system())) : null;
        return new Dataset(draft.ref(), draft.name(), key, fields.fields(), timestamp, format, draft.keyspace(), keyField(draft, key));
    }

    private List<String> key(DatasetSection.Draft draft, FieldSection.Fields fields,
                             Optional<DatasetSection.Draft> source, boolean inherited) {
        if (draft.key() != null) {
            return checkKey(draft, fields);
        }
        if (source.isEmpty() || source.get().key() == null) {
            return List.of();
        }
        List<String> sourceKey = source.get().key().stream().map(Scalar::value).toList();
        boolean fits = inherited || sourceKey.stream().allMatch(k -> field(fields, k).isPresent());
        return fits ? sourceKey : List.of();
    }

    private List<String> checkKey(DatasetSection.Draft draft, FieldSection.Fields fields) {
        List<String> key = new ArrayList<>();
        if (draft.key().isEmpty() && roles.get(draft.ref().system()) != Role.LOG) {
            context.problem(draft.line(), draft.path() + ".key", "must name at least one field");
        }
        for (Scalar k : draft.key()) {
            if (fields.broken().contains(k.value())) {
                continue;
            }
            Optional<Field> field = field(fields, k.value());
            if (field.isEmpty()) {
                context.problem(k.line(), k.path(), k.quoted() + " is not a field of " + draft.ref());
            } else if (!field.get().type().isKeyType()) {
                context.problem(k.line(), k.path(), k.quoted() + " has type " + field.get().type().configName()
                        + ", which cannot be a key: use integer, string, uuid or date");
            } else {
                key.add(k.value());
            }
        }
        return key;
    }

    /** The declared {@code key-field}, which stands for a single key field: a composite key cannot be sorted on one field. */
    private String keyField(DatasetSection.Draft draft, List<String> key) {
        Scalar k = draft.keyField();
        if (k == null) {
            return null;
        }
        if (key.size() > 1) {
            context.problem(k.line(), k.path(), "names one document field, but the key of " + draft.ref() + " has "
                    + key.size() + " fields " + key + ": declare a single key field");
            return null;
        }
        return k.value();
    }

    private String timestamp(DatasetSection.Draft draft, FieldSection.Fields fields, Optional<DatasetSection.Draft> source) {
        Scalar t = draft.timestamp();
        if (t == null) {
            return source.map(DatasetSection.Draft::timestamp).map(Scalar::value)
                    .filter(name -> field(fields, name).isPresent()).orElse(null);
        }
        if (fields.broken().contains(t.value())) {
            return null;
        }
        Optional<Field> field = field(fields, t.value());
        if (field.isEmpty()) {
            context.problem(t.line(), t.path(), t.quoted() + " is not a field of " + draft.ref());
            return null;
        }
        FieldType type = field.get().type();
        if (type != FieldType.TIMESTAMP && type != FieldType.DATE) {
            context.problem(t.line(), t.path(), t.quoted() + " has type " + type.configName() + ": expected timestamp or date");
            return null;
        }
        return t.value();
    }

    private static Optional<Field> field(FieldSection.Fields fields, String name) {
        return fields.fields().stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
