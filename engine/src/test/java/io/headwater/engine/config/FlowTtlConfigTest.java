package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigFixture.load;
import static io.headwater.engine.config.ConfigFixture.problem;
import static io.headwater.engine.config.ConfigFixture.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code ttl} key of a flow into a redis cache. Line numbers matter. */
class FlowTtlConfigTest {
    private static final String CACHE = """
            pipeline: t
            systems:
              - id: main
                kind: postgres
                role: record
                address: 127.0.0.1:5432
                database: d
                user: u
                datasets:
                  - { id: customers, name: public.customers, key: id, fields: { id: integer, email: string } }
              - id: cache
                kind: redis
                role: derived
                address: 127.0.0.1:6379
                datasets:
                  - { id: customers, layout: hash, key-prefix: "c:", key: id, fields: { id: integer, email: string } }
              - id: copy
                kind: postgres
                role: derived
                address: 127.0.0.1:5432
                database: d
                user: u
                datasets:
                  - { id: customers, name: public.copy, key: id, fields: { id: integer, email: string } }
            flows:
              - id: cache-customers
                kind: copy
                from: main.customers
                to: %s
                ttl: %s
            """;

    @Test
    void aFlowIntoARedisCacheDeclaresHowLongItsKeysLive() {
        assertThat(load(CACHE.formatted("cache.customers", "90m")).flow("cache-customers").orElseThrow().ttl()).isEqualTo(Duration.ofMinutes(90));
        assertThat(load(CACHE.formatted("cache.customers", "1h").replace("    ttl: 1h\n", "")).flow("cache-customers").orElseThrow().ttlOpt())
                .isEmpty();
    }

    @Test
    void reportsATtlOnAFlowIntoAStoreThatDoesNotExpireKeys() {
        assertThat(problems(CACHE.formatted("copy.customers", "1h"))).containsExactly(
                problem(30, "flows[0].ttl", "says the target cache expires its keys: only a redis dataset does, and copy.customers is in a postgres system"));
    }

    @Test
    void reportsATtlThatIsNotADuration() {
        assertThat(problems(CACHE.formatted("cache.customers", "soon"))).containsExactly(
                problem(30, "flows[0].ttl", "'soon' is invalid: expected a duration such as 30s, 5m or 2h"));
    }
}
