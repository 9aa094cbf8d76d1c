package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigFixture.BASE;
import static io.headwater.engine.config.ConfigFixture.insertAfter;
import static io.headwater.engine.config.ConfigFixture.load;
import static io.headwater.engine.config.ConfigFixture.problem;
import static io.headwater.engine.config.ConfigFixture.problems;
import static io.headwater.engine.config.ConfigFixture.withLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.DeleteHandling;
import io.headwater.engine.model.Pipeline;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code key-field} of an opensearch or elasticsearch dataset and the {@code deletes} of a flow. Line numbers matter. */
class SearchIndexConfigTest {
    private static final String SEARCH = """
            pipeline: t
            systems:
              - id: pg
                kind: postgres
                role: record
                address: 127.0.0.1:5432
                database: shop
                user: reader
                datasets:
                  - { id: customers, key: id, fields: { id: integer, email: string } }
              - id: search
                kind: opensearch
                role: derived
                address: 127.0.0.1:9200
                user: headwater
                password: ${SEARCH_PASSWORD}
                datasets:
                  - id: customers
                    key-field: customer_id
                    key: id
                    fields: { id: integer, email: string }
            flows:
              - id: index
                kind: copy
                runs: external
                from: pg.customers
                to: search.customers
                deletes: keep
            """;
    private static final Map<String, String> ENV = Map.of("SEARCH_PASSWORD", "s3cret");

    @Test
    void aSearchDatasetCarriesItsKeyFieldAndTheFlowItsDeleteHandling() {
        Pipeline p = ConfigFixture.load(SEARCH, ENV);

        assertThat(p.requireDataset(new DatasetRef("search", "customers")).sortFieldOpt()).contains("customer_id");
        assertThat(p.flows().get(0).observe().deleteHandling()).isEqualTo(DeleteHandling.KEEP);
        assertThat(p.systems().get(1).connection().user()).isEqualTo("headwater");
        assertThat(p.systems().get(1).connection().schemeOpt()).isEmpty();
    }

    @Test
    void aSearchSystemMayAnswerOverHttpsAndOnlyASearchSystemTakesAScheme() {
        Pipeline p = ConfigFixture.load(withLine(SEARCH, 14, "    address: 127.0.0.1:9200\n    scheme: https"), ENV);
        assertThat(p.systems().get(1).connection().schemeOpt()).contains("https");

        assertThat(ConfigFixture.problems(withLine(SEARCH, 14, "    address: 127.0.0.1:9200\n    scheme: ftp"), ENV)).containsExactly(
                problem(15, "systems[1].scheme", "'ftp' is invalid: expected one of http, https"));
        assertThat(ConfigFixture.problems(withLine(SEARCH, 6, "    address: 127.0.0.1:5432\n    scheme: https"), ENV)).containsExactly(
                problem(7, "systems[0].scheme", "applies to an opensearch or elasticsearch system only, not a postgres one"));
    }

    @Test
    void withoutKeyFieldTheScanGoesByIdAndDeletesDefaultToDelete() {
        Pipeline p = ConfigFixture.load(withLine(SEARCH, 19, "        name: customers-live"), ENV);

        assertThat(p.requireDataset(new DatasetRef("search", "customers")).sortFieldOpt()).isEmpty();
        assertThat(load(BASE).flows().get(1).observe().deleteHandling()).isEqualTo(DeleteHandling.DELETE);
    }

    @Test
    void reportsKeyFieldOnADatasetThatIsNotASearchIndex() {
        assertThat(problems(insertAfter(BASE, 26, "        key-field: id"))).containsExactly(
                problem(27, "systems[2].datasets[0].key-field", "applies to an opensearch or elasticsearch dataset only, not a lucene one"));
    }

    @Test
    void reportsKeyFieldOnACompositeKey() {
        assertThat(ConfigFixture.problems(withLine(SEARCH, 20, "        key: [id, email]"), ENV)).containsExactly(
                problem(19, "systems[1].datasets[0].key-field",
                        "names one document field, but the key of search.customers has 2 fields [id, email]: declare a single key field"));
    }

    @Test
    void reportsAnUnknownDeleteHandlingAndDeletesOnAFlowThatHasNoSink() {
        assertThat(ConfigFixture.problems(withLine(SEARCH, 28, "    deletes: sometimes"), ENV)).containsExactly(
                problem(28, "flows[0].deletes", "'sometimes' is invalid: expected one of delete, keep"));
        assertThat(problems(withLine(BASE, 31, "  - { id: capture, kind: cdc, from: pg.customers, to: kafka.customers, runs: external, deletes: keep }")))
                .contains(problem(31, "flows[0].deletes", "says what a sink does with deleted records: only consume and copy flows take it"));
    }
}
