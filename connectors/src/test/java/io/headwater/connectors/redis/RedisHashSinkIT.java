package io.headwater.connectors.redis;

import static io.headwater.connectors.mvstore.SinkFixtures.create;
import static io.headwater.connectors.mvstore.SinkFixtures.customer;
import static io.headwater.connectors.mvstore.SinkFixtures.customersFlow;
import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.connectors.SystemAdapters;
import io.headwater.connectors.mvstore.SinkFixtures;
import io.headwater.engine.ReadOnlyException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.RedisKeyspace;
import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.Row;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.SystemAdapter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sink contract with records as hashes, and what only Redis does: expiry, reserved keys, read-only refusal, the string layout. */
class RedisHashSinkIT extends RedisSinkContract {
    @Override
    protected RedisLayout layout() {
        return RedisLayout.HASH;
    }

    private RedisSink customers(Flow flow) {
        return RedisSink.open(endpoint, customersDataset(), flow, Duration.ofSeconds(10));
    }

    @Test
    void aFlowWithTtlWritesEveryKeyWithThatExpiryAndTheCheckpointWithout() {
        try (RedisSink sink = customers(customersFlow().withTtl(Duration.ofHours(1)))) {
            sink.apply(List.of(create(0, customer(1, "Ann", "a@x.org")), create(1, customer(2, "Bob", "b@x.org"))), through(1));
            String ann = sink.redisKey(Row.of("customer_id", 1L));
            assertThat(redis.admin.sync().pttl(ann)).isBetween(Duration.ofMinutes(59).toMillis(), Duration.ofHours(1).toMillis());
            assertThat(redis.admin.sync().pttl(sink.names().checkpoint())).isEqualTo(-1L);
        }
        try (RedisSink sink = customers(customersFlow())) {
            sink.apply(List.of(create(2, customer(3, "Cy", "c@x.org"))), through(2));
            assertThat(redis.admin.sync().pttl(sink.redisKey(Row.of("customer_id", 3L)))).isEqualTo(-1L);
        }
    }

    @Test
    void theCheckpointLivesUnderThePrefixAndIsNotARecord() {
        try (RedisSink sink = customers(customersFlow())) {
            sink.apply(List.of(create(0, customer(1, "Ann", "a@x.org"))), through(0));
            assertThat(redis.admin.sync().get(redis.prefix + "customers:__hw:checkpoint")).isEqualTo(through(0).encode());
            assertThat(redis.keys()).hasSize(2);
            assertThat(sink.count()).isEqualTo(1);
            try (DatasetReader r = sink.reader()) {
                List<Row> rows = new ArrayList<>();
                r.scan(rows::add);
                assertThat(rows).extracting(x -> x.get("customer_id")).containsExactly(1L);
            }
        }
    }

    @Test
    void aRecordKeyInTheReservedNamespaceIsRefusedAndNothingOfItsBatchIsWritten() {
        Dataset tags = inRedis(new Dataset(new DatasetRef("derived", "tags"), "tags", List.of("tag"),
                List.of(new Field("tag", FieldType.STRING), new Field("note", FieldType.STRING)), null));
        try (RedisSink sink = RedisSink.open(endpoint, tags, SinkFixtures.identity(tags), Duration.ofSeconds(10))) {
            List<Row> rows = List.of(Row.of("tag", "fine", "note", "a"), Row.of("tag", "__hw:checkpoint", "note", "b"));
            assertThatThrownBy(() -> sink.apply(SinkFixtures.creates(tags, rows), through(1)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("__hw:");
            assertThat(redis.keys()).isEmpty();
        }
    }

    @Test
    void aBatchWithAValueOfTheWrongTypeLeavesNeitherDataNorCheckpoint() {
        try (RedisSink sink = customers(customersFlow())) {
            sink.apply(List.of(create(0, customer(1, "Ann", "a@x.org"))), through(0));
            Row badType = Row.of("id", 2L, "name", 12345L);
            assertThatThrownBy(() -> sink.apply(List.of(create(1, customer(3, "Cy", "c@x.org")), create(2, badType)), through(2)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("name");
            assertThat(sink.count()).isEqualTo(1);
            assertThat(sink.checkpoint()).isEqualTo(through(0));
            sink.apply(List.of(create(1, customer(3, "Cy", "c@x.org"))), through(1));
            assertThat(sink.count()).isEqualTo(2);
        }
    }

    @Test
    void aSystemNotDeclaredWritableRefusesASinkAndWritesNothing() {
        SystemSpec s = MachineRedis.system(MachineRedis.ADDRESS, false);
        try (SystemAdapter adapter = SystemAdapters.open(s, new SystemAdapters.Place(null, s.connection(), Duration.ofSeconds(5)))) {
            assertThatThrownBy(() -> adapter.sink(customersDataset(), customersFlow())).isInstanceOf(ReadOnlyException.class)
                    .hasMessageContaining("writable: true");
        }
        assertThat(redis.keys()).isEmpty();
    }

    @Test
    void theStringLayoutKeepsOneValueAndRefusesANullItCouldNotTellFromText() {
        Dataset amounts = new Dataset(new DatasetRef("derived", "amounts"), "amounts", List.of("id"),
                List.of(new Field("id", FieldType.INTEGER), new Field("amount", FieldType.DECIMAL)), null)
                .withKeyspace(new RedisKeyspace(RedisLayout.STRING, redis.prefix + "amount:"));
        try (RedisSink sink = RedisSink.open(endpoint, amounts, SinkFixtures.identity(amounts), Duration.ofSeconds(10))) {
            sink.apply(SinkFixtures.creates(amounts, List.of(Row.of("id", 5L, "amount", new BigDecimal("12.50")))), through(0));
            assertThat(redis.admin.sync().get(redis.prefix + "amount:5")).isEqualTo("12.50");
            assertThatThrownBy(() -> sink.apply(SinkFixtures.creates(amounts, List.of(Row.of("id", 6L, "amount", null))), through(1)))
                    .isInstanceOf(StoreException.class).hasMessageContaining(redis.prefix + "amount:6").hasMessageContaining("null");
            assertThat(sink.checkpoint()).isEqualTo(through(0));
            try (DatasetReader r = sink.reader()) {
                assertThat(r.lookup(Row.of("id", 5L))).map(x -> x.get("amount")).contains(new BigDecimal("12.50"));
            }
        }
    }
}
