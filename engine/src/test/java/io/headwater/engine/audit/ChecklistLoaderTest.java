package io.headwater.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.config.ConfigException;
import io.headwater.engine.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecklistLoaderTest {
    private static final Set<String> PROBES = Set.of("pii-discovery", "minimisation", "access", "retention", "erasure", "correction", "breach-exposure");
    private final ChecklistLoader loader = new ChecklistLoader(PROBES);

    @Test
    void loadsBothBuiltInChecklistsWithKnownProbes() {
        Checklist privacy = loader.builtIn("privacy");
        Checklist retention = loader.builtIn("retention");
        assertThat(privacy.items()).extracting(ChecklistItem::id).containsExactly("inventory", "need", "access", "keep", "wrong", "stolen");
        assertThat(privacy.item("keep").orElseThrow().rule().fail()).contains("past-retention", "deletion-not-propagated");
        assertThat(retention.items()).hasSize(4);
        assertThat(retention.item("topics").orElseThrow().evidence()).contains("topic-retention-exceeds-policy");
        assertThat(privacy.source()).isEqualTo("builtin:privacy");
    }

    @Test
    void sampleCopiesMatchTheBuiltIns(@TempDir Path dir) throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        for (String name : ChecklistLoader.BUILT_IN) {
            Path copy = repo.resolve("sample-configs/checklists/" + name + ".yaml");
            assertThat(loader.load(copy).items()).isEqualTo(loader.builtIn(name).items());
        }
    }

    @Test
    void reportsEveryProblemWithFileLineAndKey() {
        String yaml = """
                checklist: mine
                title: Mine
                colour: blue
                items:
                  - id: a
                    question: Is it?
                    probes: [pii-discovery, pii]
                  - id: a
                    question: Again?
                  - id: c
                    probes: [access]
                    status: { fail: [x], otherwise: maybe }
                """;
        assertThatThrownBy(() -> loader.parse(yaml, "mine.yaml", "mine.yaml")).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).extracting(ConfigProblem::render).containsExactly(
                    "mine.yaml:3: unknown key 'colour': expected one of checklist, title, description, items",
                    "mine.yaml:7: items[0].probes[1] 'pii' is not a probe: expected one of access, breach-exposure, correction, erasure, minimisation, pii-discovery, retention",
                    "mine.yaml:8: items[1].id 'a' is a duplicate item id",
                    "mine.yaml:10: items[2].question is required",
                    "mine.yaml:12: items[2].status.otherwise 'maybe' is not a status: expected pass, fail, needs-review or not-applicable");
        });
    }

    @Test
    void reportsSyntaxErrorsAndWrongShapesWithLines() {
        assertThatThrownBy(() -> loader.parse("checklist: x\ntitle: [a\n", "bad.yaml", "bad.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("bad.yaml:3: YAML syntax error");
        assertThatThrownBy(() -> loader.parse("checklist: x\ntitle: T\nitems: {a: 1}\n", "shape.yaml", "shape.yaml"))
                .hasMessage("shape.yaml:3: items must be a non-empty list of questions");
        assertThatThrownBy(() -> loader.parse("", "empty.yaml", "empty.yaml"))
                .hasMessage("empty.yaml:1: the file is empty: expected checklist, title, description and items");
    }

    @Test
    void loadsAThirdChecklistFromAPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("own.yaml");
        Files.writeString(file, "checklist: own\ntitle: Own\nitems:\n  - id: q1\n    question: Are cards kept?\n    probes: [breach-exposure]\n    status: {fail: [plain-text-card]}\n");
        Checklist c = loader.resolve(file.toString());
        assertThat(c.id()).isEqualTo("own");
        assertThat(c.probes()).containsExactly("breach-exposure");
        assertThat(c.source()).isEqualTo(file.toAbsolutePath().toString());
        assertThatThrownBy(() -> loader.resolve(dir.resolve("nope.yaml").toString())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml:1: no such checklist file");
    }
}
