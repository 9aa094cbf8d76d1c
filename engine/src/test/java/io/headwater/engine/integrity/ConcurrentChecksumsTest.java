package io.headwater.engine.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.spi.VerifySide;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Both sides compute each level's checksums at the same time. The proof needs no clock: the
 * source's checksums wait until the target's have started, which a verifier asking the source and
 * then the target would never let happen (the generous bound only keeps a broken build from hanging).
 */
class ConcurrentChecksumsTest {
    /** A side whose checksums first pass through a hook. */
    private static VerifySide hooked(VerifySide side, Runnable beforeChecksums) {
        return new DelegatingVerifySide() {
            @Override
            protected VerifySide delegate() {
                return side;
            }

            @Override
            public List<SegmentChecksum> checksums(List<KeyRange> ranges, FingerprintAlgorithm algorithm) {
                beforeChecksums.run();
                return super.checksums(ranges, algorithm);
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).as("the other side's checksums ran at the same time").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void asksBothSidesForEachLevelAtTheSameTimeAndStillFindsEveryDifference() {
        Scenario s = Scenario.of(Fixtures.KeyKind.INTEGER, 20_000, 5, 21L);
        List<CountDownLatch> targetStarted = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            targetStarted.add(new CountDownLatch(1));
        }
        AtomicInteger sourceLevel = new AtomicInteger();
        AtomicInteger targetLevel = new AtomicInteger();
        List<String> threads = new ArrayList<>();
        // The source is asked first on the verifier's thread: it can only go on once the target has started.
        VerifySide source = hooked(s.sourceSide(true), () -> await(targetStarted.get(sourceLevel.getAndIncrement())));
        VerifySide target = hooked(s.derivedSide(true), () -> {
            synchronized (threads) {
                threads.add(Thread.currentThread().getName());
            }
            targetStarted.get(targetLevel.getAndIncrement()).countDown();
        });
        List<Finding> all = new ArrayList<>();
        VerificationResult result = new Verifier(VerifyOptions.defaults().withLeafSize(100)).withFindingSink(all::add).verify(source, target);
        s.assertFoundExactly(all, result);
        assertThat(sourceLevel.get()).isGreaterThan(1).isEqualTo(targetLevel.get());
        assertThat(threads).allSatisfy(name -> assertThat(name).startsWith("headwater-verify-checksums-"));
    }

    @Test
    void reportsTheTargetsFailureAfterTheSourceFinished() {
        Scenario s = Scenario.of(Fixtures.KeyKind.INTEGER, 2_000, 0, 22L);
        VerifySide target = hooked(s.derivedSide(true), () -> {
            throw new ConnectionException("copy", "localhost:5432", "connection reset", null);
        });
        assertThatThrownBy(() -> new Verifier(VerifyOptions.defaults()).verify(s.sourceSide(true), target))
                .isInstanceOf(ConnectionException.class).hasMessageContaining("connection reset");
    }

    @Test
    void keepsTheSourcesFailureAndTheTargetsAsSuppressed() {
        Scenario s = Scenario.of(Fixtures.KeyKind.INTEGER, 2_000, 0, 23L);
        VerifySide source = hooked(s.sourceSide(true), () -> {
            throw new ConnectionException("pg", "localhost:5432", "source gone", null);
        });
        VerifySide target = hooked(s.derivedSide(true), () -> {
            throw new ConnectionException("copy", "localhost:5433", "target gone", null);
        });
        assertThatThrownBy(() -> new Verifier(VerifyOptions.defaults()).verify(source, target))
                .isInstanceOf(ConnectionException.class).hasMessageContaining("source gone")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).anySatisfy(m -> assertThat(m).contains("target gone")));
    }
}
