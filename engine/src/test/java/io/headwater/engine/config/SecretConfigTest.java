package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigFixture.BASE;
import static io.headwater.engine.config.ConfigFixture.load;
import static io.headwater.engine.config.ConfigFixture.problem;
import static io.headwater.engine.config.ConfigFixture.problems;
import static io.headwater.engine.config.ConfigFixture.withLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretConfigTest {
    private static final String ENV_PASSWORD = "env-s3cret-Value";
    private static final String LITERAL_PASSWORD = "literal-s3cret-Value";

    private static String postgres(String password) {
        return withLine(BASE, 6, "    address: ${PG_HOST:-localhost}:${PG_PORT:-5432}\n"
                + "    database: bank\n"
                + "    user: ${PG_USER:-headwater}\n"
                + "    password: " + password);
    }

    @Test
    void takesPasswordFromEnvironmentAsSecret() {
        Pipeline pipeline = load(postgres("${PG_PASSWORD}"), Map.of("PG_PASSWORD", ENV_PASSWORD, "PG_PORT", "6543"));

        var connection = pipeline.system("pg").orElseThrow().connection();
        assertThat(connection.address()).isEqualTo("localhost:6543");
        assertThat(connection.user()).isEqualTo("headwater");
        Secret password = connection.password();
        assertThat(password.reveal()).isEqualTo(ENV_PASSWORD);
        assertThat(password.source()).isEqualTo("${PG_PASSWORD}");
    }

    @Test
    void takesPasswordFromAFileAsSecret(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pg-password");
        Files.writeString(file, "file-s3cret-Value\n");

        Secret password = load(postgres("${file:" + file + "}")).system("pg").orElseThrow().connection().password();

        assertThat(password.reveal()).isEqualTo("file-s3cret-Value");
        assertThat(password.source()).isEqualTo("${file:" + file + "}");
    }

    @Test
    void namesAnUnreadableSecretFileButNotItsContent(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-secret");

        assertThat(problems(postgres("${file:" + missing + "}"))).singleElement().asString()
                .contains("systems[0].password reads file " + missing + ", which cannot be read (NoSuchFileException)");
    }

    @Test
    void treatsEmptyDefaultAsPasswordFromEnvironment() {
        Secret password = load(postgres("${PG_PASSWORD:-}")).system("pg").orElseThrow().connection().password();

        assertThat(password.reveal()).isEmpty();
        assertThat(password.source()).isEqualTo("${PG_PASSWORD}");
    }

    @Test
    void reportsLiteralPasswordOfNonEmbeddedSystemWithoutQuotingIt() {
        assertThat(problems(postgres(LITERAL_PASSWORD))).containsExactly(
                problem(9, "systems[0].password", "must come from an environment variable, e.g. ${PG_PASSWORD}"));
    }

    @Test
    void reportsUnsetPasswordVariableByName() {
        assertThat(problems(postgres("${PG_PASSWORD}"))).containsExactly(
                problem(9, "systems[0].password", "uses environment variable PG_PASSWORD, which is not set "
                        + "(write ${PG_PASSWORD:-default} for a default)"));
    }

    @Test
    void allowsLiteralPasswordForEmbeddedSystem() {
        Secret password = load(withLine(6, "    embedded: true\n    password: " + LITERAL_PASSWORD))
                .system("pg").orElseThrow().connection().password();

        assertThat(password.reveal()).isEqualTo(LITERAL_PASSWORD);
        assertThat(password.source()).isEqualTo("literal");
    }

    @Test
    void neverPrintsPasswordsInMessagesOrPipeline() {
        String broken = postgres(LITERAL_PASSWORD).replace("email: string", "email: strng");
        assertThatThrownBy(() -> load(broken, Map.of("PG_PASSWORD", ENV_PASSWORD)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("strng")
                .hasMessageNotContaining(LITERAL_PASSWORD);

        String fromEnvironment = postgres("${PG_PASSWORD}").replace("email: string", "email: strng");
        assertThatThrownBy(() -> load(fromEnvironment, Map.of("PG_PASSWORD", ENV_PASSWORD)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("strng")
                .hasMessageNotContaining(ENV_PASSWORD);

        Pipeline pipeline = load(postgres("${PG_PASSWORD}"), Map.of("PG_PASSWORD", ENV_PASSWORD));
        assertThat(pipeline.toString()).contains("password=******").doesNotContain(ENV_PASSWORD);
        Pipeline embedded = load(withLine(6, "    embedded: true\n    password: " + LITERAL_PASSWORD));
        assertThat(embedded.toString()).doesNotContain(LITERAL_PASSWORD);
    }
}
