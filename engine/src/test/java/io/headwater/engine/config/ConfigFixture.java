package io.headwater.engine.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.model.Pipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A small valid config and helpers to break it line by line. */
final class ConfigFixture {
    static final String FILE = "t.yaml";
    static final Path BASE_DIR = Path.of("/configs");

    /** Line numbers matter: the tests name them. */
    static final String BASE = """
            pipeline: t
            systems:
              - id: pg
                kind: postgres
                role: record
                embedded: true
                datasets:
                  - id: customers
                    key: id
                    fields:
                      id: integer
                      email: { type: string, tags: [pii:email] }
                      created_at: timestamp
              - id: kafka
                kind: kafka
                role: log
                embedded: true
                datasets:
                  - { id: customers }
              - id: search
                kind: lucene
                role: derived
                embedded: true
                datasets:
                  - id: customers
                    key: id
                    fields:
                      id: integer
                      email: string
            flows:
              - { id: capture, kind: cdc, from: pg.customers, to: kafka.customers }
              - id: index
                kind: consume
                from: kafka.customers
                to: search.customers
                mapping:
                  id: id
                  email: lower(email)
            """;

    private ConfigFixture() {
    }

    /** The text with line {@code line} (1-based) replaced; the replacement may span lines. */
    static String withLine(String text, int line, String replacement) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.set(line - 1, replacement);
        return String.join("\n", lines);
    }

    static String withLine(int line, String replacement) {
        return withLine(BASE, line, replacement);
    }

    /** The text with lines {@code from..to} (1-based, inclusive) removed. */
    static String withoutLines(String text, int from, int to) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.subList(from - 1, to).clear();
        return String.join("\n", lines);
    }

    /** The text with {@code inserted} after line {@code line}. */
    static String insertAfter(String text, int line, String inserted) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.add(line, inserted);
        return String.join("\n", lines);
    }

    static Pipeline load(String text) {
        return load(text, Map.of());
    }

    static Pipeline load(String text, Map<String, String> environment) {
        return PipelineLoader.withEnvironment(environment).parse(text, FILE, BASE_DIR);
    }

    static List<ConfigProblem> problems(String text) {
        return problems(text, Map.of());
    }

    static List<ConfigProblem> problems(String text, Map<String, String> environment) {
        List<ConfigProblem> found = new ArrayList<>();
        assertThatThrownBy(() -> load(text, environment))
                .isInstanceOfSatisfying(ConfigException.class, e -> found.addAll(e.problems()));
        return found;
    }

    static ConfigProblem problem(int line, String key, String message) {
        return new ConfigProblem(FILE, line, key, message);
    }
}
