package io.headwater.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The loader accepts exactly the declared keys: each declared key is accepted where its section is
 * written, any other key is refused with the declared list, and a reader that asks for an
 * undeclared key fails.
 */
class ConfigKeysTest {
    /** One place for each section; a marker line is a YAML comment until a key replaces it. */
    private static final String TEMPLATE = """
            pipeline: t
            #PIPELINE
            systems:
              - id: pg
                kind: postgres
                role: record
                embedded: true
                #SYSTEM
                datasets:
                  - id: customers
                    key: id
                    #DATASET
                    fields:
                      id: integer
                      email:
                        type: string
                        #FIELD
            flows:
              - id: copy
                kind: copy
                from: pg.customers
                to: pg.customers
                #FLOW
                position:
                  table: t
                  #POSITION
            """;

    static Stream<Arguments> declaredKeys() {
        return Stream.of(ConfigSection.values()).flatMap(s -> s.keys().stream().map(k -> Arguments.of(s, k.name())));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("declaredKeys")
    void acceptsEveryDeclaredKeyWhereItsSectionIsWritten(ConfigSection section, String key) {
        List<ConfigProblem> found = problemsOf(TEMPLATE.replace("#" + section.name(), key + ": x"));

        assertThat(found).noneMatch(p -> p.message().startsWith("unknown key"));
    }

    @ParameterizedTest
    @EnumSource(ConfigSection.class)
    void refusesAnUndeclaredKeyListingTheDeclaredOnesInOrder(ConfigSection section) {
        List<ConfigProblem> found = problemsOf(TEMPLATE.replace("#" + section.name(), "bogus-key: x"));

        assertThat(found).filteredOn(p -> p.message().startsWith("unknown key")).extracting(ConfigProblem::message)
                .containsExactly("unknown key 'bogus-key': expected one of " + String.join(", ", ConfigKey.names(section.keys())));
    }

    @Test
    void templateItselfHasNoUnknownKey() {
        assertThat(problemsOf(TEMPLATE)).noneMatch(p -> p.message().startsWith("unknown key"));
    }

    @Test
    void readingAnUndeclaredKeyIsABugThatThrows() {
        Node node = new Yaml().compose(new StringReader("a: 1\n"));
        ReadContext context = new ReadContext(new Problems("t.yaml"), new Substitution(name -> null));
        YamlMap map = YamlMap.read(node, "systems[0]", List.of("a"), context).orElseThrow();

        assertThat(map.has("a")).isTrue();
        assertThatThrownBy(() -> map.scalar("b")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key 'b' of systems[0] is read but not declared");
    }

    @ParameterizedTest
    @EnumSource(ConfigSection.class)
    void declarationsAreUniqueDocumentedAndInTheirSection(ConfigSection section) {
        List<ConfigKey> keys = section.keys();

        assertThat(ConfigKey.names(keys)).doesNotHaveDuplicates();
        assertThat(keys).allSatisfy(k -> {
            assertThat(k.section()).isEqualTo(section);
            assertThat(k.doc()).doesNotContain("\n").endsWith(".");
            assertThat(k.type().describe()).isNotBlank();
        });
    }

    @Test
    void choicesComeFromTheModelEnumsInMessageOrder() {
        assertThat(SystemKeys.KIND.type().choices()).containsExactly("h2", "postgres", "mysql", "kafka", "lucene", "mvstore", "redis", "blobstore", "opensearch", "elasticsearch");
        assertThat(SystemKeys.ROLE.type().choices()).containsExactly("record", "log", "derived");
        assertThat(FlowKeys.KIND.type().choices()).containsExactly("cdc", "consume", "copy", "replay", "transform");
        assertThat(FlowKeys.APPLY.type().choices()).containsExactly("idempotent", "naive");
        assertThat(FlowKeys.RUNS.type().choices()).containsExactly("headwater", "external");
    }

    @Test
    void onlyThePasswordIsAlwaysSecretAndPropertiesAreSecretFromTheEnvironment() {
        List<ConfigKey> secret = new ArrayList<>();
        Stream.of(ConfigSection.values()).forEach(s -> s.keys().stream().filter(k -> k.secrecy() != ConfigKey.Secrecy.NONE).forEach(secret::add));

        assertThat(secret).containsExactly(SystemKeys.PASSWORD, SystemKeys.PROPERTIES);
        assertThat(SystemKeys.PASSWORD.secrecy()).isEqualTo(ConfigKey.Secrecy.ALWAYS);
        assertThat(SystemKeys.PROPERTIES.secrecy()).isEqualTo(ConfigKey.Secrecy.FROM_ENVIRONMENT);
    }

    private static List<ConfigProblem> problemsOf(String text) {
        try {
            PipelineLoader.withEnvironment(Map.of()).parse(text, ConfigFixture.FILE, ConfigFixture.BASE_DIR);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }
}
