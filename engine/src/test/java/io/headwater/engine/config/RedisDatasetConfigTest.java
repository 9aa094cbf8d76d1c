package io.headwater.engine.config;

import static io.headwater.engine.config.ConfigFixture.BASE;
import static io.headwater.engine.config.ConfigFixture.insertAfter;
import static io.headwater.engine.config.ConfigFixture.load;
import static io.headwater.engine.config.ConfigFixture.problem;
import static io.headwater.engine.config.ConfigFixture.problems;
import static io.headwater.engine.config.ConfigFixture.withLine;
import static io.headwater.engine.config.ConfigFixture.withoutLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.RedisKeyspace;
import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.model.Pipeline;
import org.junit.jupiter.api.Test;

/** The {@code layout} and {@code key-prefix} keys of redis datasets. Line numbers matter. */
class RedisDatasetConfigTest {
    private static final String REDIS = """
            pipeline: t
            systems:
              - id: cache
                kind: redis
                role: derived
                address: 127.0.0.1:6379
                database: "2"
                datasets:
                  - id: customers
                    layout: hash
                    key-prefix: "customer:"
                    key: id
                    fields: { id: integer, email: string }
            """;

    @Test
    void aRedisDatasetCarriesItsLayoutAndKeyPrefixAndItsSystemTheDatabaseNumber() {
        Pipeline p = load(REDIS);

        Dataset d = p.requireDataset(new DatasetRef("cache", "customers"));
        assertThat(d.redisKeyspace()).contains(new RedisKeyspace(RedisLayout.HASH, "customer:"));
        SystemSpec cache = p.systems().stream().filter(s -> s.id().equals("cache")).findFirst().orElseThrow();
        assertThat(cache.connection().database()).isEqualTo("2");
        assertThat(cache.connection().address()).isEqualTo("127.0.0.1:6379");
    }

    @Test
    void acceptsEveryLayout() {
        for (RedisLayout layout : RedisLayout.values()) {
            Pipeline p = load(withLine(REDIS, 10, "        layout: " + layout.configName()));

            assertThat(p.requireDataset(new DatasetRef("cache", "customers")).redisKeyspace().orElseThrow().layout()).isEqualTo(layout);
        }
    }

    @Test
    void datasetsOfOtherKindsHaveNoKeyspace() {
        assertThat(load(BASE).requireDataset(new DatasetRef("search", "customers")).redisKeyspace()).isEmpty();
    }

    @Test
    void reportsAnUnknownLayoutWithItsLineAndTheAcceptedValues() {
        assertThat(problems(withLine(REDIS, 10, "        layout: list"))).containsExactly(
                problem(10, "systems[0].datasets[0].layout", "'list' is invalid: expected one of hash, json, string"));
    }

    @Test
    void reportsAMissingLayoutOrKeyPrefixOnARedisDataset() {
        assertThat(problems(withoutLines(REDIS, 10, 11)))
                .containsExactly(
                        problem(9, "systems[0].datasets[0].layout", "is required on a redis dataset: one of hash, json, string"),
                        problem(9, "systems[0].datasets[0].key-prefix", "is required on a redis dataset, e.g. 'customer:'"));
    }

    @Test
    void reportsLayoutAndKeyPrefixOnADatasetThatIsNotRedis() {
        String onLucene = insertAfter(insertAfter(BASE, 26, "        key-prefix: \"c:\""), 26, "        layout: hash");

        assertThat(problems(onLucene)).containsExactly(
                problem(27, "systems[2].datasets[0].layout", "applies to a redis dataset only, not a lucene one"),
                problem(28, "systems[2].datasets[0].key-prefix", "applies to a redis dataset only, not a lucene one"));
    }
}
