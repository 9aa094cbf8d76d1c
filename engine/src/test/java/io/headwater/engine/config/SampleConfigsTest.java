package io.headwater.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SampleConfigsTest {
    static final Path SAMPLES = Path.of("..", "sample-configs");
    private static final PipelineLoader NO_ENVIRONMENT = new PipelineLoader(name -> null);

    static Pipeline demo() {
        return NO_ENVIRONMENT.load(SAMPLES.resolve("demo.yaml"));
    }

    static Stream<Path> sampleConfigs() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            List<Path> yaml = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).isNotEmpty();
            return yaml.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sampleConfigs")
    void everySampleConfigLoadsWithoutProblems(Path config) {
        assertThatCode(() -> NO_ENVIRONMENT.load(config)).doesNotThrowAnyException();
    }

    @Test
    void demoLoadsItsSystemsFlowsAndDefaultDataDir() {
        Pipeline demo = demo();

        assertThat(demo.name()).isEqualTo("demo");
        assertThat(demo.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".headwater", "demo"));
        assertThat(demo.systems()).extracting(SystemSpec::id).containsExactly("pg", "kafka", "ledger", "search", "cache", "analytics", "blobs");
        assertThat(demo.flows()).hasSize(11);
        assertThat(demo.system("ledger").orElseThrow().eventSourced()).as("the ledger is an event-sourced record").isTrue();
        assertThat(demo.system("kafka").orElseThrow().eventSourced()).isFalse();
        assertThat(demo.flow("ledger-balances").orElseThrow().from()).isEqualTo(new DatasetRef("ledger", "postings"));
        assertThat(demo.requireDataset(new DatasetRef("kafka", "transfers")).key()).containsExactly("request_id");
        assertThat(demo.requireDataset(new DatasetRef("kafka", "customers")).physicalName()).isEqualTo("demo.public.customers");
        assertThat(demo.flow("daily-totals").orElseThrow().groupBy()).containsExactly("day");
        assertThat(demo.flow("daily-totals").orElseThrow().apply()).isEqualTo(io.headwater.engine.model.ApplyMode.IDEMPOTENT);
        assertThat(demo.flow("daily-totals-naive").orElseThrow().apply()).isEqualTo(io.headwater.engine.model.ApplyMode.NAIVE);
    }

    @Test
    void postgresDebeziumTakesConnectionsAndPasswordFromEnvironment() {
        Map<String, String> env = Map.of("PG_HOST", "db.internal", "PG_PASSWORD", "from-env", "KAFKA_BOOTSTRAP", "k1:9092,k2:9092");
        Pipeline pipeline = new PipelineLoader(env::get).load(SAMPLES.resolve("postgres-debezium.yaml"));

        SystemSpec pg = pipeline.system("pg").orElseThrow();
        assertThat(pg.embedded()).isFalse();
        assertThat(pg.connection().address()).isEqualTo("db.internal:5432");
        assertThat(pg.connection().password().source()).isEqualTo("${PG_PASSWORD}");
        assertThat(pg.connection().password().reveal()).isEqualTo("from-env");
        assertThat(pipeline.system("kafka").orElseThrow().connection().address()).isEqualTo("k1:9092,k2:9092");
        assertThat(pipeline.requireDataset(new DatasetRef("kafka", "accounts")).physicalName()).isEqualTo("bank.public.accounts");
        assertThat(pg.attached()).isTrue();
        assertThat(pg.mayWrite()).as("attached systems are read-only unless declared writable").isFalse();
        assertThat(pipeline.flows()).as("every flow runs outside headwater").allMatch(f -> f.external());
        assertThat(pipeline.flow("capture-customers").orElseThrow().observe().slot()).isEqualTo("bank_slot");
        assertThat(pipeline.flow("sink-customers").orElseThrow().observe().consumerGroup()).isEqualTo("bank-sink");
        assertThat(pipeline.toString()).doesNotContain("from-env");
    }
}
