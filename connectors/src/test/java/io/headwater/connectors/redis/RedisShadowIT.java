package io.headwater.connectors.redis;

import static io.headwater.connectors.mvstore.SinkFixtures.create;
import static io.headwater.connectors.mvstore.SinkFixtures.customer;
import static io.headwater.connectors.mvstore.SinkFixtures.customers;
import static io.headwater.connectors.mvstore.SinkFixtures.customersFlow;
import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.RedisKeyspace;
import io.headwater.engine.model.RedisLayout;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rebuilding a Redis dataset into a shadow generation and swapping it in key by key, on the machine's Redis. */
class RedisShadowIT {
    private MachineRedis redis;
    private RedisEndpoint endpoint;
    private Dataset dataset;

    @BeforeEach
    void connect() {
        redis = MachineRedis.open("shadow-it");
        endpoint = redis.endpoint();
        dataset = customers("customers").withKeyspace(new RedisKeyspace(RedisLayout.HASH, redis.prefix + "customer:"));
    }

    @AfterEach
    void removeKeys() {
        if (redis != null) {
            redis.close();
        }
    }

    private RedisSink openLive(Flow flow) {
        return RedisSink.open(endpoint, dataset, flow, Duration.ofSeconds(10));
    }

    private static List<String> names(DatasetReader reader) {
        List<String> out = new ArrayList<>();
        reader.scan(r -> out.add((String) r.get("name")));
        return out;
    }

    private static List<ChangeEvent> creates(long fromOffset, int n, String name) {
        List<ChangeEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(create(fromOffset + i, customer(i + 1, name + (i + 1), "c@x.org")));
        }
        return out;
    }

    /** Live holds Ann, Bob and Cy through offset 2; the shadow holds a new Bob and Xavier through offset 7. */
    private DerivedSink liveWithShadow(RedisSink live) {
        live.apply(List.of(create(0, customer(1, "Ann", "a@x.org")), create(1, customer(2, "Bob", "b@x.org")),
                create(2, customer(3, "Cy", "c@x.org"))), through(2));
        DerivedSink shadow = live.openShadow();
        assertThat(shadow.count()).isZero();
        assertThat(shadow.checkpoint()).isEqualTo(Checkpoint.EMPTY);
        shadow.apply(List.of(create(6, customer(2, "Bobby", "b@x.org")), create(7, customer(9, "Xavier", "x@x.org"))), through(7));
        return shadow;
    }

    @Test
    void theShadowStartsEmptyWithItsOwnCheckpointAndLiveReadersDoNotSeeIt() {
        try (RedisSink live = openLive(customersFlow()); DerivedSink shadow = liveWithShadow(live); DatasetReader reader = live.reader()) {
            assertThat(live.hasShadow()).isTrue();
            assertThat(shadow.checkpoint()).isEqualTo(through(7));
            assertThat(live.checkpoint()).isEqualTo(through(2));
            assertThat(names(reader)).containsExactly("Ann", "Bob", "Cy");
            assertThat(live.count()).isEqualTo(3);
            try (DatasetReader shadowReader = shadow.reader()) {
                assertThat(names(shadowReader)).containsExactly("Bobby", "Xavier");
            }
        }
    }

    @Test
    void theShadowSurvivesReopenSoTheRebuildResumesFromItsCheckpoint() {
        try (RedisSink live = openLive(customersFlow()); DerivedSink shadow = liveWithShadow(live)) {
            assertThat(shadow.count()).isEqualTo(2);
        }
        try (RedisSink live = openLive(customersFlow()); DerivedSink shadow = live.openShadow()) {
            assertThat(live.hasShadow()).isTrue();
            assertThat(shadow.checkpoint()).isEqualTo(through(7));
            assertThat(shadow.count()).isEqualTo(2);
        }
    }

    @Test
    void promoteRenamesShadowKeysOverLiveOnesDeletesTheKeysTheShadowLacksAndMovesTheCheckpointLast() {
        RedisSink live = openLive(customersFlow().withTtl(Duration.ofHours(2)));
        DerivedSink shadow = liveWithShadow(live);
        String swap = live.swapStep();
        live.promote(shadow);
        live.close();
        try (shadow; DatasetReader reader = shadow.reader()) {
            assertThat(swap).contains("RENAME").contains("atomic per key").contains(redis.prefix + "customer:");
            assertThat(names(reader)).containsExactly("Bobby", "Xavier");
            assertThat(shadow.checkpoint()).isEqualTo(through(7));
            assertThat(shadow.hasShadow()).isFalse();
            assertThat(redis.keys()).containsExactlyInAnyOrder(redis.prefix + "customer:2", redis.prefix + "customer:9",
                    redis.prefix + "customer:__hw:checkpoint", redis.prefix + "customer:__hw:generation");
            assertThat(redis.admin.sync().pttl(redis.prefix + "customer:9")).as("the expiry moves with the key").isPositive();
            shadow.apply(List.of(create(8, customer(4, "Dee", "d@x.org"))), through(8));
            assertThat(redis.admin.sync().exists(redis.prefix + "customer:4")).isEqualTo(1L);
            assertThatThrownBy(() -> live.apply(List.of(create(9, customer(5, "Eve", "e@x.org"))), through(9)))
                    .isInstanceOf(StoreException.class);
        }
    }

    @Test
    void discardingTheShadowDeletesEveryShadowKeyInBatchesAndLeavesTheLiveKeysAlone() {
        try (RedisSink live = openLive(customersFlow())) {
            live.apply(creates(0, 10, "live"), through(9));
            try (DerivedSink shadow = live.openShadow()) {
                shadow.apply(creates(0, 2500, "shadow"), through(2499));
            }
            assertThat(redis.keys()).hasSize(10 + 2500 + 4);
            live.discardShadow();
            assertThat(live.hasShadow()).isFalse();
            assertThat(redis.keys()).hasSize(10 + 2);
            try (DatasetReader r = live.reader()) {
                assertThat(r.count()).isEqualTo(10);
                assertThat(r.lookup(Row.of("customer_id", 1L))).map(x -> x.get("name")).contains("live1");
            }
            try (DerivedSink next = live.openShadow()) {
                assertThat(next.count()).as("a new shadow starts empty").isZero();
                assertThat(next.checkpoint()).isEqualTo(Checkpoint.EMPTY);
            }
        }
    }

    @Test
    void aSwapInterruptedHalfWayThroughItsRenamesIsFinishedWhenTheSinkOpensAgain() {
        long generation;
        try (RedisSink live = openLive(customersFlow())) {
            live.apply(creates(0, 30, "old"), through(29));
            try (RedisSink shadow = (RedisSink) live.openShadow()) {
                shadow.apply(creates(100, 20, "new"), through(119));
                generation = Long.parseLong(redis.admin.sync().get(live.names().shadowPointer()));
                // what promote had done when the process died: keys 21..30 deleted, keys 1..8 renamed over their live keys
                redis.admin.sync().set(live.names().swapMarker(), "rename:" + generation);
                for (int i = 21; i <= 30; i++) {
                    redis.admin.sync().del(redis.prefix + "customer:" + i);
                }
                for (int i = 1; i <= 8; i++) {
                    redis.admin.sync().rename(live.names().shadowPrefix(generation) + i, redis.prefix + "customer:" + i);
                }
            }
        }
        try (RedisSink reopened = openLive(customersFlow()); DatasetReader r = reopened.reader()) {
            assertThat(names(r)).hasSize(20).allMatch(n -> n.startsWith("new"));
            assertThat(reopened.checkpoint()).isEqualTo(through(119));
            assertThat(reopened.hasShadow()).isFalse();
            Set<String> keys = redis.keys();
            assertThat(keys).noneMatch(k -> k.matches(".*__hw:g\\d+:.*") || k.endsWith("__hw:swap") || k.endsWith("__hw:shadow"));
        }
    }

    @Test
    void aSwapInterruptedWhileDeletingIsRedoneFromTheDeletions() {
        try (RedisSink live = openLive(customersFlow())) {
            live.apply(creates(0, 5, "old"), through(4));
            try (RedisSink shadow = (RedisSink) live.openShadow()) {
                shadow.apply(creates(10, 3, "new"), through(12));
                long generation = Long.parseLong(redis.admin.sync().get(live.names().shadowPointer()));
                redis.admin.sync().set(live.names().swapMarker(), "delete:" + generation);
            }
        }
        try (RedisSink reopened = openLive(customersFlow()); DatasetReader r = reopened.reader()) {
            assertThat(names(r)).containsExactly("new1", "new2", "new3");
            assertThat(reopened.checkpoint()).isEqualTo(through(12));
        }
    }
}
