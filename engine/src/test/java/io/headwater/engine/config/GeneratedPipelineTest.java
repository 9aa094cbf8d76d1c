package io.headwater.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratedPipelineTest {
    /** Plain scalars YAML 1.1 would read as null or boolean. */
    private static final Set<String> RESERVED = Set.of("null", "true", "false", "yes", "no", "on", "off", "y", "n");

    /** One generated table: its id, key field and fields (key first). */
    record Table(String id, List<Field> fields, boolean longForm) {
        String key() {
            return fields.get(0).name();
        }
    }

    /** A generated record -> log -> derived pipeline. */
    record Generated(List<String> systems, List<Table> tables) {
        String yaml() {
            StringBuilder y = new StringBuilder("pipeline: generated\nsystems:\n");
            system(y, systems.get(0), "postgres", "record", true);
            system(y, systems.get(1), "kafka", "log", false);
            system(y, systems.get(2), "lucene", "derived", true);
            y.append("flows:\n");
            for (Table t : tables) {
                y.append("  - { id: capture-").append(t.id()).append(", kind: cdc, from: ").append(systems.get(0)).append('.')
                        .append(t.id()).append(", to: ").append(systems.get(1)).append('.').append(t.id()).append(" }\n");
                y.append("  - { id: index-").append(t.id()).append(", kind: consume, from: ").append(systems.get(1)).append('.')
                        .append(t.id()).append(", to: ").append(systems.get(2)).append('.').append(t.id()).append(" }\n");
            }
            return y.toString();
        }

        private void system(StringBuilder y, String id, String kind, String role, boolean declareFields) {
            y.append("  - id: ").append(id).append("\n    kind: ").append(kind).append("\n    role: ").append(role)
                    .append("\n    embedded: true\n    datasets:\n");
            for (Table t : tables) {
                y.append("      - id: ").append(t.id()).append('\n');
                if (declareFields) {
                    y.append("        key: ").append(t.key()).append("\n        fields:\n");
                    t.fields().forEach(f -> y.append("          ").append(f.name()).append(": ")
                            .append(t.longForm() ? "{ type: " + f.type().configName() + " }" : f.type().configName()).append('\n'));
                }
            }
        }
    }

    /** 200 generated pipelines from a fixed seed: a failure names a case that fails again on the next run. */
    static Stream<Generated> pipelines() {
        Random r = new Random(20261125L);
        return IntStream.range(0, 200).mapToObj(i -> generate(r));
    }

    @ParameterizedTest
    @MethodSource("pipelines")
    void generatedPipelineLoadsAndRoundTripsNames(Generated generated) {
        Pipeline pipeline = PipelineLoader.withEnvironment(Map.of()).parse(generated.yaml(), "generated.yaml", Path.of("/tmp"));

        assertThat(pipeline.systems()).extracting(SystemSpec::id).containsExactlyElementsOf(generated.systems());
        for (String system : generated.systems()) {
            for (Table table : generated.tables()) {
                Dataset dataset = pipeline.requireDataset(new DatasetRef(system, table.id()));
                assertThat(dataset.fields()).isEqualTo(table.fields());
                assertThat(dataset.key()).containsExactly(table.key());
            }
        }
        assertThat(pipeline.flows()).hasSize(2 * generated.tables().size());
    }

    private static Generated generate(Random r) {
        Set<String> systems = new LinkedHashSet<>();
        while (systems.size() < 3) {
            systems.add(name(r));
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        int count = 1 + r.nextInt(3);
        while (tables.size() < count) {
            Table t = table(r);
            tables.putIfAbsent(t.id(), t);
        }
        return new Generated(List.copyOf(systems), List.copyOf(tables.values()));
    }

    private static Table table(Random r) {
        List<FieldType> keyTypes = Arrays.stream(FieldType.values()).filter(FieldType::isKeyType).toList();
        Map<String, FieldType> all = new LinkedHashMap<>();
        all.put(name(r), keyTypes.get(r.nextInt(keyTypes.size())));
        int others = r.nextInt(6);
        for (int i = 0; i < others; i++) {
            all.putIfAbsent(name(r), FieldType.values()[r.nextInt(FieldType.values().length)]);
        }
        return new Table(name(r), all.entrySet().stream().map(e -> new Field(e.getKey(), e.getValue())).toList(), r.nextBoolean());
    }

    private static String name(Random r) {
        String chars = "abcdefghijklmnopqrstuvwxyz_09";
        while (true) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + r.nextInt(8);
            for (int i = 0; i < len; i++) {
                sb.append(chars.charAt(r.nextInt(chars.length())));
            }
            String s = sb.toString();
            if (Character.isLetter(s.charAt(0)) && !RESERVED.contains(s)) {
                return s;
            }
        }
    }
}
