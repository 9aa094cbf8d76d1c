package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigFixture.load;
import static io.headwater.engine.config.ConfigFixture.problem;
import static io.headwater.engine.config.ConfigFixture.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.FlowRunner;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Attached systems, who runs a flow, how an external flow is observed, copy flows. Line numbers matter. */
class AttachConfigTest {
    private static final String ATTACHED = """
            pipeline: bank
            systems:
              - id: pg
                kind: postgres
                role: record
                address: db.internal:5432
                database: bank
                user: reader
                properties: { sslmode: require, sslpassword: "${SSL_PW:-unset}" }
                datasets:
                  - id: customers
                    name: public.customers
                    key: id
                    timestamp: updated_at
                    fields: { id: integer, email: string, updated_at: timestamp }
              - id: kafka
                kind: kafka
                role: log
                address: k1:9092
                datasets:
                  - { id: customers, name: bank.public.customers }
              - id: replica
                kind: mariadb
                role: derived
                address: 127.0.0.1:3306
                database: bank
                user: root
                datasets:
                  - id: customers
                    key: id
                    fields: { id: integer, email: string }
              - id: sink
                kind: postgres
                role: derived
                writable: true
                address: db.internal:5432
                database: sink
                user: writer
                datasets:
                  - id: customers
                    key: id
                    fields: { id: integer, email: string }
            flows:
              - { id: capture, kind: cdc, from: pg.customers, to: kafka.customers, connector: bank-source, slot: h5_bank }
              - { id: to-sink, kind: consume, from: kafka.customers, to: sink.customers, consumer-group: connect-sink }
              - id: replicate
                kind: copy
                from: pg.customers
                to: replica.customers
                in-flight: 5m
                grace: 30s
            """;

    @Test
    void attachedSystemsAreReadOnlyUnlessWritableAndCarryTheirClientProperties() {
        Pipeline p = load(ATTACHED, Map.of("SSL_PW", "s3cret"));

        SystemSpec pg = p.system("pg").orElseThrow();
        assertThat(pg.attached()).isTrue();
        assertThat(pg.mayWrite()).isFalse();
        assertThat(pg.properties().get("sslmode").reveal()).isEqualTo("require");
        assertThat(pg.properties().get("sslpassword").source()).isEqualTo("${SSL_PW}");
        assertThat(pg.toString()).doesNotContain("s3cret");
        assertThat(p.system("sink").orElseThrow().mayWrite()).isTrue();
        assertThat(p.system("replica").orElseThrow().kind()).as("mariadb is read as mysql").isEqualTo(SystemKind.MYSQL);
        assertThat(p.fullyHosted()).isFalse();
        assertThat(p.allowingWrites(java.util.List.of("pg")).system("pg").orElseThrow().mayWrite()).isTrue();
    }

    @Test
    void flowsWithAnAttachedEndRunExternallyAndKeepHowTheyAreObserved() {
        Pipeline p = load(ATTACHED);

        assertThat(p.flows()).allMatch(f -> f.runs() == FlowRunner.EXTERNAL);
        assertThat(p.flow("capture").orElseThrow().observe().slot()).isEqualTo("h5_bank");
        assertThat(p.flow("capture").orElseThrow().observe().connector()).isEqualTo("bank-source");
        assertThat(p.flow("to-sink").orElseThrow().observe().consumerGroup()).isEqualTo("connect-sink");
        assertThat(p.flow("replicate").orElseThrow().kind()).isEqualTo(FlowKind.COPY);
        assertThat(p.flow("replicate").orElseThrow().observe().inFlight()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.flow("replicate").orElseThrow().observe().grace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void flowsBetweenHostedSystemsRunInHeadwater() {
        assertThat(load(ConfigFixture.BASE).flows()).allMatch(f -> f.runs() == FlowRunner.HEADWATER);
    }

    @Test
    void refusesToRunAFlowThatWouldWriteIntoAReadOnlyAttachedSystem() {
        String text = ATTACHED.replace("kind: cdc, from: pg.customers, to: kafka.customers, connector: bank-source, slot: h5_bank",
                "kind: cdc, from: pg.customers, to: kafka.customers, runs: headwater");

        assertThat(problems(text)).containsExactly(problem(44, "flows[0].runs",
                "headwater would write into attached system pg, kafka to run this flow (a replication slot, a publication and "
                        + "produced records): write runs: external to observe the flow, or writable: true on the system to allow it"));
    }

    @Test
    void letsHeadwaterRunAConsumerIntoAWritableSystem() {
        String text = ATTACHED.replace("to: sink.customers, consumer-group: connect-sink", "to: sink.customers, runs: headwater");

        assertThat(load(text).flow("to-sink").orElseThrow().runs()).isEqualTo(FlowRunner.HEADWATER);
    }

    @Test
    void reportsObservationKeysThatDoNotFitTheFlow() {
        String text = ATTACHED.replace("consumer-group: connect-sink", "slot: wrong").replace("in-flight: 5m", "in-flight: soon");

        assertThat(problems(text)).containsExactly(
                problem(45, "flows[1].slot", "is a PostgreSQL replication slot: only a cdc flow from a postgres system has one"),
                problem(50, "flows[2].in-flight", "'soon' is invalid: expected a duration such as 30s, 5m or 2h"));
    }

    @Test
    void aCopyMustEndInADerivedSystem() {
        String text = ATTACHED.replace("to: replica.customers", "to: kafka.customers");

        assertThat(problems(text)).extracting(ConfigProblem::toString).anySatisfy(s -> assertThat(s)
                .contains("flows[2].kind copy must go from a record or derived system to a derived system, not record -> log"));
    }
}
