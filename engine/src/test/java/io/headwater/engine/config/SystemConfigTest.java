package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigFixture.BASE;
import static io.headwater.engine.config.ConfigFixture.insertAfter;
import static io.headwater.engine.config.ConfigFixture.load;
import static io.headwater.engine.config.ConfigFixture.problem;
import static io.headwater.engine.config.ConfigFixture.problems;
import static io.headwater.engine.config.ConfigFixture.withLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemConfigTest {

    @Test
    void readsSystemsWithKindRoleAndEmbeddedFlag() {
        Pipeline pipeline = load(BASE);

        assertThat(pipeline.systems()).extracting(SystemSpec::id).containsExactly("pg", "kafka", "search");
        SystemSpec pg = pipeline.system("pg").orElseThrow();
        assertThat(pg.kind()).isEqualTo(SystemKind.POSTGRES);
        assertThat(pg.role()).isEqualTo(Role.RECORD);
        assertThat(pg.embedded()).isTrue();
    }

    @Test
    void reportsUnknownKeyOfSystemWithItsLine() {
        assertThat(problems(insertAfter(BASE, 6, "    bootstrapp: localhost:9092"))).containsExactly(
                problem(7, "systems[0]", "unknown key 'bootstrapp': expected one of id, kind, role, embedded, writable, "
                        + "address, database, user, password, scheme, path, properties, format, datasets"));
    }

    @Test
    void reportsUnknownTopLevelKeyWithoutKeyPath() {
        assertThat(problems(insertAfter(BASE, 1, "bootstrapp: x"))).containsExactly(
                problem(2, "", "unknown key 'bootstrapp': expected one of pipeline, data-dir, demo, connect, systems, flows"));
    }

    @Test
    void reportsMissingSystemId() {
        assertThat(problems(withLine(20, "  - ident: search"))).containsExactly(
                problem(20, "systems[2]", "unknown key 'ident': expected one of id, kind, role, embedded, writable, "
                        + "address, database, user, password, scheme, path, properties, format, datasets"),
                problem(20, "systems[2].id", "is required"),
                problem(35, "flows[1].to", "'search.customers' is not a dataset of this pipeline"));
    }

    @Test
    void reportsSystemIdWithDotOrCapitals() {
        assertThat(problems(withLine(20, "  - id: Search.main"))).containsExactly(
                problem(20, "systems[2].id", "'Search.main' is invalid: use lower-case letters, digits, '_' and '-' (no dots)"),
                problem(35, "flows[1].to", "'search.customers' is not a dataset of this pipeline"));
    }

    @Test
    void reportsUnknownSystemKindAndStaysQuietAboutFlowsIntoIt() {
        assertThat(problems(withLine(21, "    kind: elastic"))).containsExactly(
                problem(21, "systems[2].kind", "'elastic' is invalid: expected one of h2, postgres, mysql, kafka, lucene, mvstore, redis, blobstore, opensearch, elasticsearch"));
    }

    @Test
    void reportsUnknownRole() {
        assertThat(problems(withLine(22, "    role: mirror"))).containsExactly(
                problem(22, "systems[2].role", "'mirror' is invalid: expected one of record, log, derived"));
    }

    @Test
    void reportsEmbeddedThatIsNotBoolean() {
        assertThat(problems(withLine(23, "    embedded: maybe"))).containsExactly(
                problem(23, "systems[2].embedded", "'maybe' is invalid: expected true or false"));
    }

    @Test
    void reportsDuplicateSystemIdAtSecondOccurrence() {
        assertThat(problems(withLine(20, "  - id: kafka"))).containsExactly(
                problem(20, "systems[2].id", "'kafka' is already used by systems[1]"),
                problem(35, "flows[1].to", "'search.customers' is not a dataset of this pipeline"));
    }

    @Test
    void reportsInvalidKafkaServerAmongSeveral() {
        String text = withLine(17, "    address: localhost:9092,kafka:99x");
        assertThat(problems(text)).containsExactly(
                problem(17, "systems[1].address", "'kafka:99x' is invalid: expected host:port"));
    }

    @Test
    void acceptsKafkaServerList() {
        SystemSpec kafka = load(withLine(17, "    address: broker-1:9092, broker-2:9093")).system("kafka").orElseThrow();

        assertThat(kafka.embedded()).isFalse();
        assertThat(kafka.connection().address()).isEqualTo("broker-1:9092, broker-2:9093");
    }

    @Test
    void reportsNonEmbeddedKafkaWithoutAddress() {
        assertThat(problems(withLine(17, "    embedded: false"))).containsExactly(
                problem(14, "systems[1].address", "is required for a non-embedded kafka system"));
    }

    @Test
    void reportsNonEmbeddedLuceneWithoutPath() {
        assertThat(problems(withLine(23, "    embedded: false"))).containsExactly(
                problem(20, "systems[2].path", "is required for a non-embedded lucene system"));
    }

    @Test
    void acceptsNonEmbeddedLuceneWithPath() {
        SystemSpec search = load(withLine(23, "    path: /var/lib/search")).system("search").orElseThrow();

        assertThat(search.connection().path()).isEqualTo("/var/lib/search");
    }

    @Test
    void reportsH2AddressThatIsNotAJdbcUrl() {
        String text = withLine(withLine(21, "    kind: h2"), 23, "    address: tcp://localhost:9092/analytics");
        assertThat(problems(text)).containsExactly(
                problem(23, "systems[2].address", "'tcp://localhost:9092/analytics' is invalid: expected a JDBC URL starting with jdbc:h2:"));
    }

    @Test
    void reportsPostgresWithoutCredentials() {
        assertThat(problems(withLine(6, "    address: db.example.com:5432"))).containsExactly(
                problem(3, "systems[0]", "missing credentials: database, user "
                        + "(an attached postgres system needs address, database and user; password when the server asks for one)"));
    }

    @Test
    void reportsPostgresAddressThatIsNotHostPort() {
        String text = withLine(6, "    address: db.example.com:99999\n    database: bank\n    user: hw\n    password: ${PG_PASSWORD}");
        assertThat(problems(text, Map.of("PG_PASSWORD", "x"))).containsExactly(
                problem(6, "systems[0].address", "'db.example.com:99999' is invalid: expected host:port"));
    }
}
