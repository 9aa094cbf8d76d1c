package io.headwater.engine.replay;

import static io.headwater.engine.replay.ReplayFixtures.CUSTOMERS;
import static io.headwater.engine.replay.ReplayFixtures.at;
import static io.headwater.engine.replay.ReplayFixtures.customer;
import static io.headwater.engine.replay.ReplayFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.Cancelled;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.MappingFunction;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.PartitionRef;
import io.headwater.engine.spi.ProgressListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeTravelTest {
    private final MemoryLog log = new MemoryLog();

    private Materialized asOf(AsOf point) {
        return new TimeTravel(log, log.decoder(), CUSTOMERS).materialize(point, new Cancellation(), ProgressListener.NONE);
    }

    /** Offsets 0..6: two customers created, one updated, one deleted and created again, a tombstone. */
    private void sixChanges() {
        log.change(ChangeOp.CREATE, key(10), null, customer(10, "Ann", "ann@a", "DE"), at(0))
                .change(ChangeOp.CREATE, key(2), null, customer(2, "Bob", "bob@b", "FR"), at(10))
                .change(ChangeOp.UPDATE, key(10), customer(10, "Ann", "ann@a", "DE"), customer(10, "Ann", "ann@new", "DE"), at(20))
                .change(ChangeOp.DELETE, key(2), customer(2, "Bob", "bob@b", "FR"), null, at(30))
                .tombstone(key(2), at(30))
                .change(ChangeOp.CREATE, key(2), null, customer(2, "Bo", "bo@b", "IT"), at(40))
                .change(ChangeOp.UPDATE, key(10), customer(10, "Ann", "ann@new", "DE"), customer(10, "Ann", "ann@new", "AT"), at(50));
    }

    @Test
    void offsetZeroIsEmpty() {
        sixChanges();

        Materialized m = asOf(AsOf.offset(0));

        assertThat(m.rows()).isEmpty();
        assertThat(m.eventsApplied()).isZero();
        assertThat(m.through().next(MemoryLog.P0)).isZero();
    }

    @Test
    void foldsEveryChangeIntoTheLatestRecordPerKeyInKeyOrder() {
        sixChanges();

        Materialized m = asOf(AsOf.offset(log.size()));

        // 2 before 10: integer order, not text order
        assertThat(m.rows()).containsExactly(customer(2, "Bo", "bo@b", "IT"), customer(10, "Ann", "ann@new", "AT"));
        assertThat(m.eventsApplied()).as("the tombstone is no change").isEqualTo(6);
        assertThat(m.through().nextOffsets()).isEqualTo(Map.of(MemoryLog.P0, 7L));
        assertThat(m.dataset()).isEqualTo(CUSTOMERS);
        assertThat(m.headTrimmed()).isFalse();
    }

    @Test
    void anOffsetIncludesExactlyTheRecordsBeforeIt() {
        sixChanges();

        assertThat(asOf(AsOf.offset(1)).rows()).containsExactly(customer(10, "Ann", "ann@a", "DE"));
        assertThat(asOf(AsOf.offset(3)).rows()).containsExactly(customer(2, "Bob", "bob@b", "FR"), customer(10, "Ann", "ann@new", "DE"));
        assertThat(asOf(AsOf.offset(4)).rows()).as("after the delete").containsExactly(customer(10, "Ann", "ann@new", "DE"));
        assertThat(asOf(AsOf.offset(5)).rows()).as("after the tombstone, before the re-create").containsExactly(customer(10, "Ann", "ann@new", "DE"));
        assertThat(asOf(AsOf.offset(6)).rows()).as("re-created").containsExactly(customer(2, "Bo", "bo@b", "IT"), customer(10, "Ann", "ann@new", "DE"));
        assertThat(asOf(AsOf.offset(5)).through().next(MemoryLog.P0)).isEqualTo(5);
    }

    @Test
    void anOffsetBeyondTheEndReadsTheWholeLogAndSaysWhereItStopped() {
        sixChanges();

        Materialized m = asOf(AsOf.offset(1_000));

        assertThat(m.rows()).hasSize(2);
        assertThat(m.through().next(MemoryLog.P0)).isEqualTo(7);
    }

    @Test
    void anInstantIncludesTheChangesCommittedAtOrBeforeIt() {
        sixChanges();

        assertThat(asOf(AsOf.instant(at(0).minusMillis(1))).rows()).isEmpty();
        assertThat(asOf(AsOf.instant(at(0))).rows()).as("at exactly the commit").containsExactly(customer(10, "Ann", "ann@a", "DE"));
        assertThat(asOf(AsOf.instant(at(25))).rows()).as("between the update and the delete")
                .containsExactly(customer(2, "Bob", "bob@b", "FR"), customer(10, "Ann", "ann@new", "DE"));
        assertThat(asOf(AsOf.instant(at(35))).rows()).containsExactly(customer(10, "Ann", "ann@new", "DE"));
        Materialized all = asOf(AsOf.instant(at(3600)));
        assertThat(all.rows()).containsExactly(customer(2, "Bo", "bo@b", "IT"), customer(10, "Ann", "ann@new", "AT"));
        assertThat(all.through().next(MemoryLog.P0)).isEqualTo(7);
    }

    @Test
    void anInstantUsesTheCommitTimeNotTheRecordTime() {
        // captured late: committed at 0 s, written to the log at 100 s
        log.change(ChangeOp.CREATE, key(1), null, customer(1, "A", "a@a", "DE"), at(0), at(100))
                .change(ChangeOp.CREATE, key(2), null, customer(2, "B", "b@b", "DE"), null, at(5));

        assertThat(asOf(AsOf.instant(at(1))).rows()).as("commit time of 1, record time of 2 (it has no commit time)")
                .containsExactly(customer(1, "A", "a@a", "DE"));
        assertThat(asOf(AsOf.instant(at(5))).rows()).hasSize(2);
    }

    @Test
    void snapshotReadsAreAppliedLikeCreates() {
        log.change(ChangeOp.SNAPSHOT, key(1), null, customer(1, "A", "a@a", "DE"), at(0))
                .change(ChangeOp.SNAPSHOT, key(2), null, customer(2, "B", "b@b", "DE"), at(0))
                .change(ChangeOp.DELETE, key(1), customer(1, "A", "a@a", "DE"), null, at(1));

        assertThat(asOf(AsOf.offset(2)).rows()).containsExactly(customer(1, "A", "a@a", "DE"), customer(2, "B", "b@b", "DE"));
        assertThat(asOf(AsOf.offset(3)).rows()).containsExactly(customer(2, "B", "b@b", "DE"));
    }

    @Test
    void aLiveTopicIsReadOnlyToTheEndOffsetsOfTheStart() {
        sixChanges();
        int[] appended = {0};
        log.onPoll(() -> {
            log.change(ChangeOp.CREATE, key(100 + appended[0]), null, customer(100 + appended[0], "N", "n@n", "DE"), at(60));
            appended[0]++;
        });

        Materialized m = asOf(AsOf.instant(at(3600)));

        assertThat(appended[0]).isPositive();
        assertThat(m.rows()).as("nothing appended after the start").hasSize(2);
        assertThat(m.through().next(MemoryLog.P0)).isEqualTo(7);
    }

    @Test
    void aTrimmedHeadIsReported() {
        sixChanges();
        log.trimmedTo(3);

        Materialized m = asOf(AsOf.offset(7));

        assertThat(m.headTrimmed()).isTrue();
        assertThat(m.logStart().next(MemoryLog.P0)).isEqualTo(3);
        assertThat(m.eventsApplied()).isEqualTo(3);
    }

    @Test
    void anOffsetOnASeveralPartitionTopicIsRefused() {
        log.withPartitions(3);

        assertThatThrownBy(() -> asOf(AsOf.offset(5))).isInstanceOf(HeadwaterException.class)
                .hasMessageContaining("3 partitions").hasMessageContaining("use an instant");
    }

    @Test
    void aLogThatStopsDeliveringFailsNamingTheSystemAndTopic() {
        sixChanges();
        log.silent();
        int probesBefore = log.probes;
        TimeTravel travel = new TimeTravel(log, log.decoder(), CUSTOMERS, Duration.ofMillis(200));

        assertThatThrownBy(() -> travel.materialize(AsOf.offset(7), new Cancellation(), ProgressListener.NONE))
                .isInstanceOf(ConnectionException.class).hasMessageContaining("'memlog'").hasMessageContaining(MemoryLog.TOPIC)
                .hasMessageContaining("7 remain");
        assertThat(log.probes).as("begin, end and the reachability probe").isEqualTo(probesBefore + 3);
    }

    @Test
    void cancellationStopsTheRead() {
        sixChanges();
        Cancellation cancel = new Cancellation();
        log.onPoll(cancel::cancel);

        assertThatThrownBy(() -> new TimeTravel(log, log.decoder(), CUSTOMERS).materialize(AsOf.offset(7), cancel, ProgressListener.NONE))
                .isInstanceOf(Cancelled.class);
    }

    @Test
    void progressCountsTheRecordsToRead() {
        sixChanges();
        List<long[]> seen = new ArrayList<>();

        new TimeTravel(log, log.decoder(), CUSTOMERS).materialize(AsOf.offset(5), new Cancellation(), (done, total, unit) -> seen.add(new long[] {done, total}));

        assertThat(seen).isNotEmpty();
        assertThat(seen.get(seen.size() - 1)).containsExactly(5, 5);
    }

    @Test
    void aScalarFlowMapsTheRecordsIntoItsTarget() {
        sixChanges();
        Dataset index = new Dataset(new DatasetRef("search", "customers"), "customers", List.of("cid"),
                List.of(new Field("cid", FieldType.INTEGER), new Field("email", FieldType.STRING)), null);
        Flow flow = new Flow("index", FlowKind.CONSUME, CUSTOMERS.ref(), index.ref(), List.of(
                new MappedField("cid", new Expression.Column("id")),
                new MappedField("email", new Expression.Call(MappingFunction.UPPER, List.of(new Expression.Column("email"))))));

        Materialized m = new TimeTravel(log, log.decoder(), CUSTOMERS).materialize(AsOf.offset(3), flow, index, new Cancellation(), ProgressListener.NONE);

        assertThat(m.dataset()).isEqualTo(index);
        assertThat(m.rows()).containsExactly(Row.of("cid", 2L, "email", "BOB@B"), Row.of("cid", 10L, "email", "ANN@NEW"));
    }

    @Test
    void anIdentityFlowKeepsOnlyTheTargetsFields() {
        sixChanges();
        Dataset cache = new Dataset(new DatasetRef("cache", "customers"), "customers", List.of("id"),
                List.of(new Field("id", FieldType.INTEGER), new Field("name", FieldType.STRING)), null);
        Flow flow = new Flow("cache", FlowKind.CONSUME, CUSTOMERS.ref(), cache.ref(), List.of());

        Materialized m = new TimeTravel(log, log.decoder(), CUSTOMERS).materialize(AsOf.offset(7), flow, cache, new Cancellation(), ProgressListener.NONE);

        assertThat(m.rows()).containsExactly(Row.of("id", 2L, "name", "Bo"), Row.of("id", 10L, "name", "Ann"));
    }

    @Test
    void anAggregateFlowFoldsTheRecordsIntoGroups() {
        sixChanges();
        Dataset perCountry = new Dataset(new DatasetRef("analytics", "per_country"), "PER_COUNTRY", List.of("country"),
                List.of(new Field("country", FieldType.STRING), new Field("customers", FieldType.INTEGER), new Field("first", FieldType.INTEGER)), null);
        Flow flow = new Flow("per-country", FlowKind.CONSUME, CUSTOMERS.ref(), perCountry.ref(), List.of(
                new MappedField("country", new Expression.Column("country")),
                new MappedField("customers", new Expression.Call(MappingFunction.COUNT, List.of())),
                new MappedField("first", new Expression.Call(MappingFunction.MIN, List.of(new Expression.Column("id"))))));
        TimeTravel travel = new TimeTravel(log, log.decoder(), CUSTOMERS);

        assertThat(travel.materialize(AsOf.offset(3), flow, perCountry, new Cancellation(), ProgressListener.NONE).rows())
                .containsExactly(Row.of("country", "DE", "customers", 1L, "first", 10L), Row.of("country", "FR", "customers", 1L, "first", 2L));
        assertThat(travel.materialize(AsOf.offset(7), flow, perCountry, new Cancellation(), ProgressListener.NONE).rows())
                .containsExactly(Row.of("country", "AT", "customers", 1L, "first", 10L), Row.of("country", "IT", "customers", 1L, "first", 2L));
    }

    @Test
    void aFlowFromAnotherDatasetIsRefused() {
        Dataset other = new Dataset(new DatasetRef("x", "y"), "y", List.of("id"), List.of(new Field("id", FieldType.INTEGER)), null);
        Flow flow = new Flow("f", FlowKind.CONSUME, other.ref(), other.ref(), List.of());

        assertThatThrownBy(() -> new TimeTravel(log, log.decoder(), CUSTOMERS).materialize(AsOf.offset(1), flow, other, new Cancellation(), ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flow f");
    }

    @Test
    void asOfParsesOffsetsAndInstants() {
        assertThat(AsOf.parse("120")).isEqualTo(AsOf.offset(120));
        assertThat(AsOf.parse("2024-05-01T10:00:00Z")).isEqualTo(AsOf.instant(ReplayFixtures.T0));
        assertThatThrownBy(() -> AsOf.parse("yesterday")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset").hasMessageContaining("instant");
        assertThatThrownBy(() -> AsOf.offset(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyOrMissingTopicIsEmpty() {
        Materialized m = asOf(AsOf.instant(at(0)));

        assertThat(m.rows()).isEmpty();
        assertThat(m.through().nextOffsets()).isEqualTo(Map.of(new PartitionRef(MemoryLog.TOPIC, 0), 0L));
    }
}
