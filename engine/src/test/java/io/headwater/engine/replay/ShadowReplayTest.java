package io.headwater.engine.replay;

import static io.headwater.engine.replay.ReplayFixtures.CUSTOMERS;
import static io.headwater.engine.replay.ReplayFixtures.at;
import static io.headwater.engine.replay.ReplayFixtures.customer;
import static io.headwater.engine.replay.ReplayFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.Cancelled;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Row;
import io.headwater.engine.rebuild.ShadowReplay;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A replay interrupted after any batch (the log here delivers the last record of each poll again,
 * as a consumer may) resumes from the shadow's checkpoint and ends with exactly
 * the state the whole log folds to: nothing lost, nothing applied twice (each event is counted).
 */
class ShadowReplayTest {
    private static final Flow IDENTITY = new Flow("f", FlowKind.CONSUME, CUSTOMERS.ref(), CUSTOMERS.ref(), List.of());

    /** A store in memory whose apply is atomic and can be made to fail (a crash) after some batches. */
    private static final class MapSink implements DerivedSink {
        final Map<Long, Row> rows = new TreeMap<>();
        final Map<String, Integer> appliedTimes = new LinkedHashMap<>();
        Checkpoint checkpoint = Checkpoint.EMPTY;
        int batchesUntilCrash = Integer.MAX_VALUE;

        @Override
        public Dataset dataset() {
            return CUSTOMERS;
        }

        @Override
        public Flow flow() {
            return IDENTITY;
        }

        @Override
        public Checkpoint checkpoint() {
            return checkpoint;
        }

        @Override
        public void apply(List<ChangeEvent> events, Checkpoint through) {
            if (batchesUntilCrash-- <= 0) {
                throw new IllegalStateException("crash");
            }
            for (ChangeEvent e : events) {
                appliedTimes.merge(e.eventId(), 1, Integer::sum);
                long id = (Long) e.key().get("id");
                if (e.op().removes()) {
                    rows.remove(id);
                } else {
                    rows.put(id, e.after());
                }
            }
            checkpoint = through;
        }

        @Override
        public long count() {
            return rows.size();
        }

        @Override
        public void close() {
        }
    }

    private static MemoryLog log(long seed) {
        Random r = new Random(seed);
        MemoryLog log = new MemoryLog();
        Map<Long, Row> state = new TreeMap<>();
        for (int i = 0; i < 700; i++) {
            long id = 1 + r.nextInt(200);
            Row before = state.get(id);
            if (before != null && r.nextInt(5) == 0) {
                log.change(ChangeOp.DELETE, key(id), before, null, at(i));
                state.remove(id);
            } else {
                Row after = customer(id, "n" + i, "e" + i + "@x", "DE");
                log.change(before == null ? ChangeOp.CREATE : ChangeOp.UPDATE, key(id), before, after, at(i));
                state.put(id, after);
            }
        }
        return log;
    }

    static Stream<Object[]> crashes() {
        Random r = new Random(99);
        return IntStream.range(0, 12).mapToObj(i -> new Object[] {r.nextLong(), 1 + r.nextInt(6)});
    }

    @ParameterizedTest(name = "seed {0}, crash every {1} batches")
    @MethodSource("crashes")
    void replayCrashedAfterAnyBatchResumesToExactlyTheFoldedLog(long seed, int batchesPerRun) {
        MemoryLog log = log(seed);
        MapSink shadow = new MapSink();
        int runs = 0;
        while (true) {
            shadow.batchesUntilCrash = batchesPerRun;
            runs++;
            try {
                new ShadowReplay(IDENTITY, CUSTOMERS, log, log.decoder(), 5_000).catchUp(shadow, new Cancellation(), ProgressListener.NONE);
                break;
            } catch (IllegalStateException crash) {
                assertThat(runs).isLessThan(2_000);
            }
        }
        List<Row> folded = new TimeTravel(log, log.decoder(), CUSTOMERS).materialize(AsOf.offset(log.size()), new Cancellation(),
                ProgressListener.NONE).rows();

        assertThat(runs).isGreaterThan(1);
        assertThat(new ArrayList<>(shadow.rows.values())).isEqualTo(folded);
        assertThat(shadow.appliedTimes).hasSize(log.size());
        assertThat(shadow.appliedTimes.values()).containsOnly(1);
        assertThat(shadow.checkpoint.next(MemoryLog.P0)).isEqualTo(log.size());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("crashes")
    void cancellationStopsBetweenBatchesKeepingEveryCommittedOne(long seed, int ignored) {
        MemoryLog log = log(seed);
        MapSink shadow = new MapSink();
        Cancellation cancel = new Cancellation();
        ProgressListener cancelHalfWay = (done, total, unit) -> {
            if (done > total / 2) {
                cancel.cancel();
            }
        };

        assertThatThrownBy(() -> new ShadowReplay(IDENTITY, CUSTOMERS, log, log.decoder(), 10_000).catchUp(shadow, cancel, cancelHalfWay))
                .isInstanceOf(Cancelled.class);

        long next = shadow.checkpoint.next(MemoryLog.P0);
        assertThat(next).isGreaterThan(log.size() / 2).isLessThan(log.size());
        assertThat(shadow.appliedTimes).hasSize((int) next);
    }
}
