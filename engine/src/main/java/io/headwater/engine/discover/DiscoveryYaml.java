package io.headwater.engine.discover;

import io.headwater.engine.config.ConfigKey;
import io.headwater.engine.config.DatasetKeys;
import io.headwater.engine.config.FlowKeys;
import io.headwater.engine.config.PipelineKeys;
import io.headwater.engine.config.SystemKeys;
import io.headwater.engine.discover.DiscoveredPipeline.Dataset;
import io.headwater.engine.discover.DiscoveredPipeline.Flow;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.FlowRunner;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a {@link DiscoveredPipeline} as a pipeline config, with the keys the loader declares
 * ({@link SystemKeys}, {@link DatasetKeys}, {@link FlowKeys}): a password is always a {@code ${VAR}}
 * reference, never a value; guesses are comments next to what they concern; the connectors read,
 * with their states, and everything not understood are comments at the top. Stateless.
 */
public final class DiscoveryYaml {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_$][A-Za-z0-9_.:/${}@+-]*");

    private DiscoveryYaml() {
    }

    /**
     * The config text.
     *
     * @param dataDir the {@code data-dir} to write, or null for the default
     */
    public static String write(DiscoveredPipeline p, String dataDir) {
        StringBuilder y = new StringBuilder();
        comment(y, "", "Discovered from " + p.origin() + " by headwater discover.");
        comment(y, "", "Every flow runs outside Headwater (runs: external): Headwater only reads these systems.");
        if (!p.connectors().isEmpty()) {
            comment(y, "", "Connectors:");
            for (ConnectorSnapshot c : p.connectors()) {
                comment(y, "", "  " + c.name() + ": " + c.connectorClass() + ", " + c.state().summary());
            }
        }
        if (!p.notUnderstood().isEmpty()) {
            comment(y, "", "Not understood (listed here, not in the pipeline):");
            for (NotUnderstood n : p.notUnderstood()) {
                comment(y, "", "  - " + n);
            }
        }
        key(y, "", PipelineKeys.PIPELINE_NAME, p.name());
        if (dataDir != null) {
            key(y, "", PipelineKeys.DATA_DIR, dataDir);
        }
        if (p.connectUrl() != null) {
            key(y, "", PipelineKeys.CONNECT, p.connectUrl());
        }
        y.append(PipelineKeys.SYSTEMS.name()).append(":\n");
        for (DiscoveredPipeline.System s : p.systems()) {
            system(y, s);
        }
        if (!p.flows().isEmpty()) {
            y.append(PipelineKeys.FLOWS.name()).append(":\n");
            for (Flow f : p.flows()) {
                flow(y, f);
            }
        }
        return y.toString();
    }

    private static void system(StringBuilder y, DiscoveredPipeline.System s) {
        s.comments().forEach(c -> comment(y, "  ", c));
        y.append("  - ").append(SystemKeys.ID.name()).append(": ").append(scalar(s.id())).append('\n');
        String in = "    ";
        key(y, in, SystemKeys.KIND, s.kind().configName());
        key(y, in, SystemKeys.ROLE, s.role().configName());
        key(y, in, SystemKeys.ADDRESS, s.address());
        if (s.database() != null) {
            key(y, in, SystemKeys.DATABASE, s.database());
        }
        if (s.user() != null) {
            key(y, in, SystemKeys.USER, s.user());
        }
        if (s.passwordVariable() != null) {
            key(y, in, SystemKeys.PASSWORD, "${" + s.passwordVariable() + "}");
        }
        if (s.datasets().isEmpty()) {
            return;
        }
        y.append(in).append(SystemKeys.DATASETS.name()).append(":\n");
        for (Dataset d : s.datasets()) {
            dataset(y, d);
        }
    }

    private static void dataset(StringBuilder y, Dataset d) {
        d.comments().forEach(c -> comment(y, "      ", c));
        y.append("      - ").append(DatasetKeys.ID.name()).append(": ").append(scalar(d.id())).append('\n');
        String in = "        ";
        key(y, in, DatasetKeys.NAME, d.name());
        if (!d.key().isEmpty()) {
            y.append(in).append(DatasetKeys.KEY.name()).append(": ")
                    .append(d.key().size() == 1 ? scalar(d.key().get(0)) : "[" + String.join(", ", d.key().stream().map(DiscoveryYaml::scalar).toList()) + "]")
                    .append('\n');
        }
        if (d.format() != null) {
            key(y, in, DatasetKeys.FORMAT, d.format().configName());
        }
        if (d.layout() != null) {
            key(y, in, DatasetKeys.LAYOUT, d.layout().configName());
            key(y, in, DatasetKeys.KEY_PREFIX, d.keyPrefix());
        }
        if (!d.fields().isEmpty()) {
            y.append(in).append(DatasetKeys.FIELDS.name()).append(":\n");
            for (Map.Entry<String, FieldType> f : d.fields().entrySet()) {
                y.append(in).append("  ").append(scalar(f.getKey())).append(": ").append(f.getValue().configName()).append('\n');
            }
        }
    }

    private static void flow(StringBuilder y, Flow f) {
        f.comments().forEach(c -> comment(y, "  ", c));
        y.append("  - ").append(FlowKeys.ID.name()).append(": ").append(scalar(f.id())).append('\n');
        String in = "    ";
        key(y, in, FlowKeys.KIND, f.kind().configName());
        key(y, in, FlowKeys.FROM, f.from());
        key(y, in, FlowKeys.TO, f.to());
        key(y, in, FlowKeys.RUNS, FlowRunner.EXTERNAL.configName());
        if (f.connector() != null) {
            key(y, in, FlowKeys.CONNECTOR, f.connector());
        }
        if (f.slot() != null) {
            key(y, in, FlowKeys.SLOT, f.slot());
        }
        if (f.consumerGroup() != null) {
            key(y, in, FlowKeys.CONSUMER_GROUP, f.consumerGroup());
        }
    }

    private static void key(StringBuilder y, String indent, ConfigKey key, String value) {
        y.append(indent).append(key.name()).append(": ").append(scalar(value)).append('\n');
    }

    private static void comment(StringBuilder y, String indent, String text) {
        for (String line : List.of(text.split("\\R"))) {
            y.append(indent).append("# ").append(line).append('\n');
        }
    }

    /** A YAML scalar: plain where that reads back as the same string, else double-quoted. */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !value.matches("(?i)true|false|yes|no|on|off|null|~") && !value.contains(": ")
                && !value.endsWith(":")) {
            return value;
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
