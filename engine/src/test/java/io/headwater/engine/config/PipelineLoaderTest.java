package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigFixture.BASE;
import static io.headwater.engine.config.ConfigFixture.BASE_DIR;
import static io.headwater.engine.config.ConfigFixture.FILE;
import static io.headwater.engine.config.ConfigFixture.insertAfter;
import static io.headwater.engine.config.ConfigFixture.load;
import static io.headwater.engine.config.ConfigFixture.problem;
import static io.headwater.engine.config.ConfigFixture.problems;
import static io.headwater.engine.config.ConfigFixture.withLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.model.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineLoaderTest {
    private static final Path HOME = Path.of(System.getProperty("user.home"));

    @Test
    void defaultsDataDirToHeadwaterFolderInHome() {
        Pipeline pipeline = load(BASE);

        assertThat(pipeline.name()).isEqualTo("t");
        assertThat(pipeline.dataDir()).isEqualTo(HOME.resolve(".headwater/t"));
        assertThat(pipeline.source()).isEqualTo(BASE_DIR.resolve(FILE));
    }

    @Test
    void resolvesRelativeDataDirAgainstConfigFolder() {
        assertThat(load(insertAfter(BASE, 1, "data-dir: data/../state")).dataDir()).isEqualTo(BASE_DIR.resolve("state"));
    }

    @Test
    void expandsTildeAndVariableInDataDir() {
        String text = insertAfter(BASE, 1, "data-dir: ${HW_DATA:-~/hw/${HW_NAME}}");
        assertThat(load(text, Map.of("HW_NAME", "x")).dataDir()).isEqualTo(HOME.resolve("hw/x"));
        assertThat(load(text, Map.of("HW_DATA", "/srv/hw", "HW_NAME", "x")).dataDir()).isEqualTo(Path.of("/srv/hw"));
    }

    @Test
    void reportsUnsetVariableWithoutDefaultByName() {
        assertThat(problems(insertAfter(BASE, 1, "data-dir: ${HW_DATA}/x"))).containsExactly(
                problem(2, "data-dir", "uses environment variable HW_DATA, which is not set (write ${HW_DATA:-default} for a default)"));
    }

    @Test
    void reportsMissingPipelineName() {
        assertThat(problems(withLine(1, "# no name"))).containsExactly(problem(2, "pipeline", "is required"));
    }

    @Test
    void reportsMissingSystems() {
        assertThat(problems("pipeline: t\n")).containsExactly(problem(1, "systems", "is required"));
    }

    @Test
    void reportsYamlSyntaxErrorWithItsLine() {
        List<ConfigProblem> found = problems(withLine(12, "          email: { type: string, tags: [pii:email }"));

        assertThat(found).hasSize(1);
        assertThat(found.get(0).line()).isEqualTo(12);
        assertThat(found.get(0).key()).isEmpty();
        assertThat(found.get(0).message()).startsWith("YAML syntax error: ");
    }

    @Test
    void reportsEmptyFile() {
        assertThat(problems("# nothing\n")).containsExactly(
                problem(1, "", "the file is empty: expected pipeline, data-dir, systems and flows"));
    }

    @Test
    void reportsEveryProblemAtOnceInLineOrder() {
        String text = withLine(withLine(withLine(withLine(9, "        key: idd"), 21, "    kind: elastic"), 38,
                "      email: upcase(email)"), 17, "    address: kafka:99x");

        assertThatThrownBy(() -> load(text))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).containsExactly(
                            problem(9, "systems[0].datasets[0].key", "'idd' is not a field of pg.customers"),
                            problem(17, "systems[1].address", "'kafka:99x' is invalid: expected host:port"),
                            problem(21, "systems[2].kind",
                                    "'elastic' is invalid: expected one of h2, postgres, mysql, kafka, lucene, mvstore, redis, blobstore, opensearch, elasticsearch"),
                            problem(38, "flows[1].mapping.email",
                                    "'upcase(email)' uses unknown function 'upcase': expected one of lower, upper, trim, day, sum, count, min, max"));
                    assertThat(e.getMessage()).isEqualTo(String.join("\n",
                            "t.yaml:9: systems[0].datasets[0].key 'idd' is not a field of pg.customers",
                            "t.yaml:17: systems[1].address 'kafka:99x' is invalid: expected host:port",
                            "t.yaml:21: systems[2].kind 'elastic' is invalid: expected one of h2, postgres, mysql, kafka, lucene, mvstore, redis, blobstore, opensearch, elasticsearch",
                            "t.yaml:38: flows[1].mapping.email 'upcase(email)' uses unknown function 'upcase': "
                                    + "expected one of lower, upper, trim, day, sum, count, min, max"));
                });
    }

    @Test
    void rendersProblemAsFileLineKeyAndMessage() {
        ConfigProblem p = new ConfigProblem("demo.yaml", 14, "systems[2].datasets[0].key", "'idd' is not a field of pg.customers");

        assertThat(p.render()).isEqualTo("demo.yaml:14: systems[2].datasets[0].key 'idd' is not a field of pg.customers");
        assertThat(new ConfigProblem("demo.yaml", 3, "", "unknown key 'x'").render()).isEqualTo("demo.yaml:3: unknown key 'x'");
    }

    @Test
    void loadsFileAndNamesItInProblems(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, insertAfter(BASE, 1, "data-dir: state"));

        Pipeline pipeline = new PipelineLoader(name -> null).load(file);
        assertThat(pipeline.source()).isEqualTo(file.toAbsolutePath());
        assertThat(pipeline.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("state"));

        Files.writeString(file, withLine(9, "        key: idd"));
        assertThatThrownBy(() -> new PipelineLoader(name -> null).load(file))
                .hasMessage("mine.yaml:9: systems[0].datasets[0].key 'idd' is not a field of pg.customers");
    }

    @Test
    void reportsUnreadableFile(@TempDir Path dir) {
        assertThatThrownBy(() -> new PipelineLoader().load(dir.resolve("missing.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("missing.yaml:1: cannot be read");
    }
}
