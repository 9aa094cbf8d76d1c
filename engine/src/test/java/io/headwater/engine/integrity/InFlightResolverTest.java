package io.headwater.engine.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.Cancelled;
import io.headwater.engine.integrity.Fixtures.KeyKind;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.VerifySide;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InFlightResolverTest {
    private static final KeyKind KIND = KeyKind.INTEGER;

    private List<Row> rows;
    private RowsVerifySide source;
    private RowsVerifySide target;
    private final AtomicInteger waits = new AtomicInteger();

    @BeforeEach
    void createSides() {
        rows = Fixtures.randomRows(KIND, 200, new Random(42));
        source = Fixtures.side("source", KIND, rows, false);
        target = Fixtures.side("derived", KIND, rows, false);
    }

    private Row key(int i) {
        return Fixtures.keyOf(KIND).apply(rows.get(i));
    }

    /** A catch-up that runs an action (the pipeline applying changes) and reports success or timeout. */
    private CatchUp catchUp(Runnable whileWaiting, boolean caughtUp) {
        return new CatchUp() {
            @Override
            public boolean awaitCaughtUp(Duration timeout) {
                waits.incrementAndGet();
                whileWaiting.run();
                return caughtUp;
            }

            @Override
            public Duration captureGrace() {
                return Duration.ZERO;
            }
        };
    }

    private VerificationResult verify() {
        return new Verifier(VerifyOptions.defaults()).verify(source, target);
    }

    /** The target seen through the default {@link VerifySide#lookup}, which scans a one-key range. */
    private VerifySide targetWithDefaultLookup() {
        return new FailingSide(target, Long.MAX_VALUE, false);
    }

    @Test
    void reportsChangesThatArriveDuringTheWaitAsInFlight() {
        target.remove(key(5));
        target.put(Fixtures.with(rows.get(7), "name", "stale"));
        target.put(Fixtures.with(rows.get(9), "id", -1L));
        VerificationResult first = verify();
        assertThat(first.counts()).isEqualTo(new FindingCounts(1, 1, 1, 0));

        CatchUp pipelineApplies = catchUp(() -> {
            rows.forEach(target::put);
            target.remove(Row.of("id", -1L));
        }, true);
        VerificationResult resolved = new InFlightResolver(source, targetWithDefaultLookup(), pipelineApplies)
                .resolve(first, new Cancellation());

        assertThat(resolved.clean()).isTrue();
        assertThat(resolved.counts()).isEqualTo(new FindingCounts(0, 0, 0, 3));
        assertThat(resolved.findings()).hasSize(3).allSatisfy(f -> {
            assertThat(f.type()).isEqualTo(FindingType.IN_FLIGHT);
            assertThat(f.note()).contains("caught up in round 1");
        });
        assertThat(waits.get()).isEqualTo(1);
    }

    @Test
    void keepsARealCorruptionCorruptAndWaitsOncePerRoundForAllKeys() {
        target.put(Fixtures.with(rows.get(7), "active", !(Boolean) rows.get(7).get("active")));
        target.put(Fixtures.with(rows.get(8), "name", "late"));
        target.remove(key(3));
        VerificationResult first = verify();
        List<Finding> reported = new ArrayList<>();

        CatchUp onlyKey8Arrives = catchUp(() -> target.put(rows.get(8)), true);
        VerificationResult resolved = new InFlightResolver(source, target, onlyKey8Arrives).withFindingSink(reported::add)
                .resolve(first, new Cancellation());

        assertThat(resolved.clean()).isFalse();
        assertThat(resolved.counts()).isEqualTo(new FindingCounts(1, 0, 1, 1));
        Finding corrupt = resolved.findings(FindingType.MISMATCHED).get(0);
        assertThat(corrupt.key()).isEqualTo(key(7));
        assertThat(corrupt.differingFields()).containsExactly("active");
        assertThat(resolved.findings(FindingType.MISSING)).extracting(Finding::key).containsExactly(key(3));
        assertThat(resolved.findings(FindingType.IN_FLIGHT)).extracting(Finding::key).containsExactly(key(8));
        assertThat(reported).hasSize(3);
        assertThat(waits.get()).isEqualTo(1);
    }

    @Test
    void reportsASourceThatKeepsChangingAsStillChangingAfterTheLastRound() {
        target.put(Fixtures.with(rows.get(7), "name", "old"));
        VerificationResult first = verify();
        AtomicInteger version = new AtomicInteger();

        CatchUp sourceKeepsChanging = catchUp(() -> source.put(Fixtures.with(rows.get(7), "name", "v" + version.incrementAndGet())), true);
        VerificationResult resolved = new InFlightResolver(source, target, sourceKeepsChanging).withRounds(3)
                .resolve(first, new Cancellation());

        assertThat(resolved.clean()).isTrue();
        assertThat(resolved.findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.IN_FLIGHT);
            assertThat(f.note()).contains("still changing after 3 rounds").contains("MISMATCHED");
        });
        assertThat(waits.get()).isEqualTo(3);
    }

    @Test
    void keepsTheFindingWhenTheDerivedStoreNeverCatchesUp() {
        target.remove(key(11));
        VerificationResult first = verify();

        VerificationResult resolved = new InFlightResolver(source, target, catchUp(() -> { }, false)).withRounds(2)
                .resolve(first, new Cancellation());

        assertThat(resolved.clean()).isFalse();
        assertThat(resolved.findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.MISSING);
            assertThat(f.note()).contains("did not catch up");
        });
        assertThat(waits.get()).isEqualTo(2);
    }

    @Test
    void classifiesByWhatBothSidesHoldOnceTheSourceHoldsStill() {
        target.put(Fixtures.with(rows.get(4), "name", "old"));
        VerificationResult first = verify();
        AtomicInteger round = new AtomicInteger();

        CatchUp sourceDeletesInRoundOne = catchUp(() -> {
            if (round.incrementAndGet() == 1) {
                source.remove(key(4));
            }
        }, true);
        VerificationResult resolved = new InFlightResolver(source, target, sourceDeletesInRoundOne).resolve(first, new Cancellation());

        assertThat(resolved.counts()).isEqualTo(new FindingCounts(0, 1, 0, 0));
        assertThat(resolved.findings()).singleElement().satisfies(f -> assertThat(f.key()).isEqualTo(key(4)));
        assertThat(waits.get()).isEqualTo(2);
    }

    @Test
    void throwsCancelledWhenCancelledDuringTheWait() {
        target.remove(key(1));
        VerificationResult first = verify();
        Cancellation cancellation = new Cancellation();
        InFlightResolver resolver = new InFlightResolver(source, target, catchUp(cancellation::cancel, false));
        assertThatThrownBy(() -> resolver.resolve(first, cancellation)).isInstanceOf(Cancelled.class);
    }
}
