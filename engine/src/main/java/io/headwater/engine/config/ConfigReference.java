package io.headwater.engine.config;

import io.headwater.engine.model.MappingFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes {@code docs/config-reference.md} from the key declarations ({@link ConfigSection#keys()}):
 * a table per section and a few notes. {@code ConfigReferenceTest} fails when the committed file
 * differs from what this generates.
 */
public final class ConfigReference {
    /** The reference's place in the repository. */
    public static final String FILE = "docs/config-reference.md";
    /** The command that rewrites the reference, run from the repository's root. */
    public static final String REGENERATE = "mvn -q -pl engine test -Dtest=ConfigReferenceTest -Dheadwater.regenerate=true";

    private static final Map<ConfigSection, List<String>> NOTES = Map.of(
            ConfigSection.PIPELINE, List.of(
                    "Any value may be written as `${VAR}` or `${VAR:-default}`: it is read from the environment variable `VAR` "
                            + "(the default applies when `VAR` is unset or empty). `${file:PATH}` is the content of a file "
                            + "(a mounted secret), without its trailing line break.",
                    "The loader reports every problem at once, each with its file, line and key path, e.g. "
                            + "`demo.yaml:14: systems[2].address 'kafka:99x' is invalid: expected host:port`."),
            ConfigSection.SYSTEM, List.of(
                    "Secrets come only from `${VAR}` environment variables or `${file:PATH}` files and are never printed: not in messages, logs, "
                            + "status or reports. A password written literally is refused on an attached system "
                            + "(an embedded demo system may have one).",
                    "`properties:` are passed to the system's client as they are (JDBC connection properties, Kafka client "
                            + "configs), so TLS and SASL work: `sslmode`, `security.protocol`, `sasl.mechanism`, …",
                    "Attached systems are read-only: Headwater creates no slot, publication, topic or table there, produces "
                            + "nothing, joins no consumer group and writes no row, unless `writable: true` or `--allow-write SYSTEM`.",
                    "Kafka topics hold Debezium JSON (with or without the schema envelope), the flattened rows of "
                            + "`ExtractNewRecordState`, or plain JSON events. Avro needs a schema registry and is not supported yet: "
                            + "see `docs/kafka-formats.md`."),
            ConfigSection.FIELD, List.of(
                    "A field may be written as a bare type: `email: string` is short for `email: { type: string }`.",
                    "Tags: `pii:<category>` (e.g. `pii:email`) marks personal data for the audit; `retention:<duration>` "
                            + "(`30d`, `12h`, `P7Y`) says how long a record may be kept, measured on the dataset's `timestamp`."),
            ConfigSection.FLOW, List.of(
                    "A mapping entry is `target: expression`; an expression is a source field or a function of one. "
                            + "Functions of each value: " + functions(false) + ". Aggregates, which group the flow by its "
                            + "other targets: " + functions(true) + ".",
                    "`" + String.join("`, `", ConfigKey.names(FlowKeys.OBSERVATION)) + "` describe how Headwater observes a flow "
                            + "that runs outside it: they need `runs: external`.",
                    "A flow that Headwater runs writes into its target (and, for `cdc`, creates a replication slot and a "
                            + "publication in its source), so those systems must be embedded or `writable`."));

    private ConfigReference() {
    }

    /**
     * Writes the reference to the file named by the first argument, or {@value #FILE} in the current
     * directory. Needs only the engine's classes: from the repository's root, after a build,
     * {@code java -cp engine/target/classes io.headwater.engine.config.ConfigReference}.
     */
    public static void main(String[] args) {
        Path target = Path.of(args.length > 0 ? args[0] : FILE);
        write(target);
        System.out.println("wrote " + target);
    }

    /** Writes the reference to {@code target}, creating its folder. */
    public static void write(Path target) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(target, markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the config reference to " + target, e);
        }
    }

    /** The reference as Markdown. */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Config reference\n\n");
        out.append("<!-- Generated from the key declarations in engine/src/main/java/io/headwater/engine/config "
                + "(ConfigKey and the *Keys classes); do not edit. Regenerate from the repository's root with:\n");
        out.append("     ").append(REGENERATE).append(" -->\n\n");
        out.append("A pipeline is described in one YAML file: its systems (databases, Kafka, stores), their datasets, "
                + "and the flows between them. This page lists every key the loader accepts; any other key is a problem.\n\n");
        for (ConfigSection section : ConfigSection.values()) {
            out.append("- [").append(section.title()).append("](#").append(anchor(section.title())).append(")\n");
        }
        for (ConfigSection section : ConfigSection.values()) {
            section(out, section);
        }
        return out.toString();
    }

    private static void section(StringBuilder out, ConfigSection section) {
        out.append("\n## ").append(section.title()).append("\n\n");
        if (!section.path().isEmpty()) {
            out.append("Written at `").append(section.path()).append("`. ");
        }
        out.append(section.summary()).append("\n\n");
        out.append("| Key | Type | Default | Applies to | Description |\n");
        out.append("|---|---|---|---|---|\n");
        for (ConfigKey key : section.keys()) {
            out.append("| `").append(key.name()).append("` | ")
                    .append(cell(key.type().describe())).append(" | ")
                    .append(cell(key.defaultValue().describe())).append(" | ")
                    .append(cell(key.appliesTo().isEmpty() ? "all" : String.join(", ", key.appliesTo()))).append(" | ")
                    .append(cell(description(key))).append(" |\n");
        }
        List<String> notes = NOTES.getOrDefault(section, List.of());
        if (!notes.isEmpty()) {
            out.append("\n");
            notes.forEach(n -> out.append("- ").append(n).append("\n"));
        }
    }

    private static String description(ConfigKey key) {
        return switch (key.secrecy()) {
            case NONE -> key.doc();
            case ALWAYS -> key.doc() + " Secret: never printed.";
            case FROM_ENVIRONMENT -> key.doc() + " Secret where written as `${VAR}`: never printed.";
        };
    }

    private static String functions(boolean aggregate) {
        return Arrays.stream(MappingFunction.values()).filter(f -> f.isAggregate() == aggregate)
                .map(f -> "`" + f.configName() + (f.arity() == 0 ? "()" : "(x)") + "`").collect(Collectors.joining(", "));
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String anchor(String title) {
        return title.toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
