package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigFixture.BASE;
import static io.headwater.engine.config.ConfigFixture.insertAfter;
import static io.headwater.engine.config.ConfigFixture.load;
import static io.headwater.engine.config.ConfigFixture.problem;
import static io.headwater.engine.config.ConfigFixture.problems;
import static io.headwater.engine.config.ConfigFixture.withLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.Pipeline;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code format} key of kafka systems and their datasets. Line numbers matter. */
class LogFormatConfigTest {
    private static final String EVENT_SOURCED = """
            pipeline: t
            systems:
              - id: ledger
                kind: kafka
                role: record
                embedded: true
                datasets:
                  - id: payments
                    key: id
                    fields: { id: string, amount: decimal }
                  - id: corrections
                    format: flattened
                    key: id
                    fields: { id: string, amount: decimal }
            """;

    private static Optional<LogFormat> format(Pipeline p, String system, String dataset) {
        return p.requireDataset(new DatasetRef(system, dataset)).format();
    }

    @Test
    void logTopicsDefaultToDebeziumAndOtherDatasetsHaveNoFormat() {
        Pipeline p = load(BASE);

        assertThat(format(p, "kafka", "customers")).contains(LogFormat.DEBEZIUM);
        assertThat(format(p, "pg", "customers")).isEmpty();
        assertThat(format(p, "search", "customers")).isEmpty();
    }

    @Test
    void eventSourcedRecordTopicsDefaultToEventsUnlessTheyDeclareAnother() {
        Pipeline p = load(EVENT_SOURCED);

        assertThat(format(p, "ledger", "payments")).contains(LogFormat.EVENTS);
        assertThat(format(p, "ledger", "corrections")).contains(LogFormat.FLATTENED);
    }

    @Test
    void acceptsEveryFormatOnADataset() {
        for (LogFormat f : LogFormat.values()) {
            Pipeline p = load(withLine(19, "      - { id: customers, format: " + f.configName() + " }"));

            assertThat(format(p, "kafka", "customers")).contains(f);
        }
    }

    @Test
    void aSystemFormatIsTheDefaultOfItsDatasetsAndADatasetFormatOverridesIt() {
        String flattened = insertAfter(BASE, 17, "    format: flattened");
        assertThat(format(load(flattened), "kafka", "customers")).contains(LogFormat.FLATTENED);

        String overridden = withLine(flattened, 20, "      - { id: customers, format: debezium }");
        assertThat(format(load(overridden), "kafka", "customers")).contains(LogFormat.DEBEZIUM);
    }

    @Test
    void reportsAnUnknownFormatWithItsLineAndTheAcceptedValues() {
        assertThat(problems(withLine(19, "      - { id: customers, format: avro }"))).containsExactly(
                problem(19, "systems[1].datasets[0].format", "'avro' is invalid: expected one of debezium, flattened, events"));
        assertThat(problems(insertAfter(BASE, 17, "    format: json"))).containsExactly(
                problem(18, "systems[1].format", "'json' is invalid: expected one of debezium, flattened, events"));
    }

    @Test
    void reportsAFormatOnSystemsAndDatasetsThatAreNotKafkaTogether() {
        String onPostgres = insertAfter(insertAfter(BASE, 8, "        format: debezium"), 6, "    format: flattened");

        assertThat(problems(onPostgres)).containsExactly(
                problem(7, "systems[0].format", "is the format of a topic's records: only a kafka system or dataset has one, not a postgres one"),
                problem(10, "systems[0].datasets[0].format",
                        "is the format of a topic's records: only a kafka system or dataset has one, not a postgres one"));
    }

    @Test
    void reportsAFormatOnALuceneDatasetEvenWhenItsValueIsValid() {
        assertThat(problems(insertAfter(BASE, 25, "        format: events"))).containsExactly(
                problem(26, "systems[2].datasets[0].format", "is the format of a topic's records: only a kafka system or dataset has one, not a lucene one"));
    }
}
