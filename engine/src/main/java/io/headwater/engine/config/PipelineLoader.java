package io.headwater.engine.config;

import io.headwater.engine.model.Pipeline;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a pipeline from a YAML config. Reads the whole file, collects every problem (each with
 * file, line and key path) and throws one {@link ConfigException} listing them all, or returns an
 * immutable, fully checked {@link Pipeline}.
 *
 * <p>Scalars may use {@code ${VAR}} and {@code ${VAR:-default}}; variables come from the
 * environment function given at construction. A password must come from such a variable unless
 * its system is embedded; passwords never appear in a message.
 *
 * <p>Instances are immutable and thread-safe when the environment function is.
 */
public final class PipelineLoader {
    private final Function<String, String> environment;

    /** A loader that reads {@code ${VAR}} from the process environment. */
    public PipelineLoader() {
        this(System::getenv);
    }

    /** A loader that reads {@code ${VAR}} from the given function (null means unset). */
    public PipelineLoader(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** A loader whose environment is the given map; handy in tests. */
    public static PipelineLoader withEnvironment(Map<String, String> environment) {
        Map<String, String> copy = Map.copyOf(environment);
        return new PipelineLoader(copy::get);
    }

    /**
     * Loads a config file. Relative paths inside resolve against the file's folder.
     *
     * @throws ConfigException when the file cannot be read or has any problem
     */
    public Pipeline load(Path file) {
        String fileName = String.valueOf(file.getFileName());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(fileName, 1, "", "cannot be read: " + e)), e);
        }
        Path absolute = file.toAbsolutePath();
        return parse(text, fileName, absolute.getParent(), absolute);
    }

    /**
     * Parses config text as if it were the file {@code fileName} in {@code baseDir}.
     *
     * @throws ConfigException when the text has any problem
     */
    public Pipeline parse(String yamlText, String fileName, Path baseDir) {
        Path base = baseDir == null ? Path.of("").toAbsolutePath() : baseDir;
        return parse(yamlText, fileName, base, base.resolve(fileName));
    }

    private Pipeline parse(String yamlText, String fileName, Path baseDir, Path source) {
        Problems problems = new Problems(fileName);
        ReadContext context = new ReadContext(problems, new Substitution(environment));
        Optional<Pipeline> pipeline = compose(yamlText, problems)
                .flatMap(root -> new PipelineReader(context, source, baseDir).read(root));
        if (!problems.isEmpty() || pipeline.isEmpty()) {
            throw new ConfigException(problems.sorted());
        }
        return pipeline.get();
    }

    private static Optional<Node> compose(String yamlText, Problems problems) {
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new StringReader(yamlText));
            if (root == null) {
                problems.add(1, "", "the file is empty: expected pipeline, data-dir, systems and flows");
            }
            return Optional.ofNullable(root);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(mark == null ? 1 : mark.getLine() + 1, "", "YAML syntax error: " + e.getProblem());
            return Optional.empty();
        } catch (YAMLException e) {
            problems.add(1, "", "YAML syntax error: " + e.getMessage());
            return Optional.empty();
        }
    }
}
