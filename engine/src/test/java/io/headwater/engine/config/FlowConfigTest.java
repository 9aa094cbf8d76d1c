package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigFixture.BASE;
import static io.headwater.engine.config.ConfigFixture.insertAfter;
import static io.headwater.engine.config.ConfigFixture.load;
import static io.headwater.engine.config.ConfigFixture.problem;
import static io.headwater.engine.config.ConfigFixture.problems;
import static io.headwater.engine.config.ConfigFixture.withLine;
import static io.headwater.engine.config.ConfigFixture.withoutLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.model.ApplyMode;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.MappingFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowConfigTest {

    /** A record table of transfers, its topic and a daily-totals table; line numbers matter. */
    private static final String AGGREGATE = """
            pipeline: agg
            systems:
              - id: pg
                kind: postgres
                role: record
                embedded: true
                datasets:
                  - id: transfers
                    key: id
                    fields: { id: uuid, amount: decimal, currency: string, created_at: timestamp }
              - id: kafka
                kind: kafka
                role: log
                embedded: true
                datasets: [ { id: transfers } ]
              - id: analytics
                kind: h2
                role: derived
                embedded: true
                datasets:
                  - id: totals
                    key: day
                    fields: { day: date, currency: string, n: integer, total: decimal }
            flows:
              - { id: capture, kind: cdc, from: pg.transfers, to: kafka.transfers }
              - id: totals
                kind: consume
                from: kafka.transfers
                to: analytics.totals
                mapping:
                  day: day(created_at)
                  n: count()
                  total: sum(amount)
            """;

    @Test
    void flowsApplyIdempotentlyUnlessDeclaredNaive() {
        assertThat(load(AGGREGATE).flow("totals").orElseThrow().apply()).isEqualTo(ApplyMode.IDEMPOTENT);

        Flow naive = load(insertAfter(AGGREGATE, 29, "    apply: naive")).flow("totals").orElseThrow();

        assertThat(naive.apply()).isEqualTo(ApplyMode.NAIVE);
        assertThat(naive.isNaive()).isTrue();
    }

    @Test
    void reportsAnApplyModeThatIsNoneOfTheChoices() {
        assertThat(problems(insertAfter(AGGREGATE, 29, "    apply: exactly-once"))).containsExactly(
                problem(30, "flows[1].apply", "'exactly-once' is invalid: expected one of idempotent, naive"));
    }

    @Test
    void reportsNaiveApplyOfAFlowThatDoesNotAggregate() {
        assertThat(problems(insertAfter(BASE, 35, "    apply: naive"))).containsExactly(
                problem(36, "flows[1].apply", "'naive' is invalid: naive apply is implemented for h2 tables only, and search.customers is not one"));
    }

    @Test
    void reportsNaiveApplyOfAnAggregateThatCannotBeTakenBack() {
        String text = insertAfter(withLine(AGGREGATE, 33, "      total: max(amount)"), 29, "    apply: naive");
        assertThat(problems(text)).containsExactly(
                problem(30, "flows[1].apply", "'naive' is invalid: naive apply folds count() and sum() only: min() and max() cannot be taken back on a delete"));
    }

    @Test
    void reportsNaiveApplyOnACaptureFlow() {
        String text = withLine(AGGREGATE, 25, "  - { id: capture, kind: cdc, from: pg.transfers, to: kafka.transfers, apply: naive }");
        assertThat(problems(text)).containsExactly(
                problem(25, "flows[0].apply", "'naive' is invalid: only a consume flow can apply naively, not a cdc flow"));
    }

    @Test
    void readsIdentityAndMappedFlows() {
        List<Flow> flows = load(BASE).flows();

        assertThat(flows).extracting(Flow::id).containsExactly("capture", "index");
        assertThat(flows.get(0).kind()).isEqualTo(FlowKind.CDC);
        assertThat(flows.get(0).isIdentity()).isTrue();
        assertThat(flows.get(1).mapping()).containsExactly(
                new MappedField("id", new Expression.Column("id")),
                new MappedField("email", new Expression.Call(MappingFunction.LOWER, List.of(new Expression.Column("email")))));
    }

    @Test
    void readsAggregationGroupedByTargetKey() {
        Flow totals = load(AGGREGATE).flow("totals").orElseThrow();

        assertThat(totals.isAggregate()).isTrue();
        assertThat(totals.groupBy()).containsExactly("day");
    }

    @Test
    void reportsDanglingFlowEndpointWithLine() {
        assertThat(problems(withLine(35, "    to: search.customer"))).containsExactly(
                problem(35, "flows[1].to", "'search.customer' is not a dataset of this pipeline"));
    }

    @Test
    void reportsEndpointThatIsNotSystemDotDataset() {
        assertThat(problems(withLine(34, "    from: kafka"))).containsExactly(
                problem(34, "flows[1].from", "'kafka' is invalid: expected system.dataset"));
    }

    @Test
    void reportsUnknownFlowKind() {
        assertThat(problems(withLine(33, "    kind: sync"))).containsExactly(
                problem(33, "flows[1].kind", "'sync' is invalid: expected one of cdc, consume, copy, replay, transform"));
    }

    @Test
    void reportsDuplicateFlowIdAtSecondOccurrence() {
        assertThat(problems(withLine(32, "  - id: capture"))).containsExactly(
                problem(32, "flows[1].id", "'capture' is already used by flows[0]"));
    }

    @Test
    void reportsCdcThatDoesNotGoFromRecordToLog() {
        assertThat(problems(withLine(33, "    kind: cdc"))).containsExactly(
                problem(33, "flows[1].kind", "cdc must go from a record system to a log system, not log -> derived"));
    }

    @Test
    void reportsConsumeThatDoesNotGoFromLogToDerived() {
        String text = insertAfter(BASE, 38, "  - { id: skip, kind: consume, from: pg.customers, to: search.customers }");
        assertThat(problems(text)).containsExactly(
                problem(39, "flows[2].kind", "consume must go from a log system to a derived system, not record -> derived"));
    }

    /** An event-sourced record: a Kafka topic of events is the system of record, read directly by a consumer. */
    private static final String LEDGER = """
            pipeline: ledger
            systems:
              - id: ledger
                kind: kafka
                role: record
                embedded: true
                datasets:
                  - id: entries
                    key: event_id
                    timestamp: at
                    fields: { event_id: uuid, account_id: integer, amount: decimal, at: timestamp }
              - id: analytics
                kind: h2
                role: derived
                embedded: true
                datasets:
                  - id: balances
                    key: account_id
                    fields: { account_id: integer, entries: integer, balance: decimal }
            flows:
              - id: balances
                kind: consume
                from: ledger.entries
                to: analytics.balances
                mapping: { account_id: account_id, entries: count(), balance: sum(amount) }
            """;

    @Test
    void acceptsConsumeStraightFromAnEventSourcedKafkaRecord() {
        Flow flow = load(LEDGER).flow("balances").orElseThrow();
        assertThat(flow.isAggregate()).isTrue();
    }

    @Test
    void stillRejectsConsumeStraightFromARecordDatabase() {
        String text = LEDGER.replace("kind: kafka\n    role: record", "kind: postgres\n    role: record");
        assertThat(problems(text)).anyMatch(p -> p.toString().contains("consume must go from a log system to a derived system, not record -> derived"));
    }

    @Test
    void reportsMappingTargetThatIsNotAFieldOfTheTarget() {
        assertThat(problems(withLine(38, "      emial: lower(email)"))).containsExactly(
                problem(38, "flows[1].mapping.emial", "is not a field of search.customers"));
    }

    @Test
    void reportsMappingThatReadsAMissingSourceField() {
        assertThat(problems(withLine(38, "      email: lower(emial)"))).containsExactly(
                problem(38, "flows[1].mapping.email", "'lower(emial)' reads 'emial', which is not a field of kafka.customers"));
    }

    @Test
    void reportsUnknownFunction() {
        assertThat(problems(withLine(38, "      email: upcase(email)"))).containsExactly(
                problem(38, "flows[1].mapping.email",
                        "'upcase(email)' uses unknown function 'upcase': expected one of lower, upper, trim, day, sum, count, min, max"));
    }

    @Test
    void reportsWrongNumberOfArguments() {
        assertThat(problems(withLine(38, "      email: lower(email, id)"))).containsExactly(
                problem(38, "flows[1].mapping.email", "'lower(email, id)' is invalid: lower takes 1 argument, not 2"));
    }

    @Test
    void reportsArgumentOfWrongType() {
        assertThat(problems(withLine(38, "      email: lower(id)"))).containsExactly(
                problem(38, "flows[1].mapping.email", "'lower(id)' is invalid: lower cannot take a value of type integer"));
    }

    @Test
    void reportsExpressionSyntaxErrorWithPosition() {
        assertThat(problems(withLine(38, "      email: lower(email"))).containsExactly(
                problem(38, "flows[1].mapping.email", "'lower(email' is invalid: expected ',' or ')' at position 12"));
    }

    @Test
    void reportsMappingThatDoesNotFillTargetKey() {
        assertThat(problems(withoutLines(BASE, 37, 37))).containsExactly(
                problem(36, "flows[1].mapping", "does not fill the key of search.customers: missing id"));
    }

    @Test
    void reportsIdentityFlowWhoseTargetHasFieldsTheSourceLacks() {
        String text = withoutLines(withLine(29, "          country: string"), 36, 38);
        assertThat(problems(text)).containsExactly(
                problem(32, "flows[1]", "has no mapping, so every field of search.customers must be a field of "
                        + "kafka.customers: missing country"));
    }

    @Test
    void reportsAggregationWithoutGroupKey() {
        String text = withoutLines(AGGREGATE, 31, 31);
        assertThat(problems(text)).containsExactly(
                problem(30, "flows[1].mapping", "aggregates but has no non-aggregate target to group by"));
    }

    @Test
    void reportsAggregationWhoseGroupKeyIsNotTheTargetKey() {
        String text = insertAfter(AGGREGATE, 31, "      currency: currency");
        assertThat(problems(text)).containsExactly(
                problem(30, "flows[1].mapping", "groups by [currency, day], but the key of analytics.totals is [day]: they must be equal"));
    }

    @Test
    void reportsAggregateNestedInsideAFunction() {
        String text = withLine(AGGREGATE, 31, "      day: day(max(created_at))");
        assertThat(problems(text)).contains(
                problem(31, "flows[1].mapping.day", "'day(max(created_at))' is invalid: max is an aggregate and must be the whole expression"));
    }

    @Test
    void reportsCycleOfFlows() {
        String text = insertAfter(BASE, 38,
                "  - { id: back, kind: transform, from: search.customers, to: pg.customers, mapping: { id: id, email: email } }");
        assertThat(problems(text)).containsExactly(
                problem(31, "flows[0]", "flows form a cycle: pg.customers -> kafka.customers -> search.customers -> pg.customers"));
    }

    @Test
    void reportsSecondCdcFlowIntoTheSameLog() {
        String text = insertAfter(BASE, 31, "  - { id: capture-again, kind: cdc, from: pg.customers, to: kafka.customers }");
        assertThat(problems(text)).containsExactly(
                problem(32, "flows[1].to", "'kafka.customers' is already written by the cdc flow at flows[0]"));
    }
}
