package io.headwater.engine.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.Cancelled;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.integrity.Fixtures.KeyKind;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.VerifySide;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VerifierTest {
    private static final Verifier DEFAULT = new Verifier(VerifyOptions.defaults());

    /** A result and every finding of it. */
    record Run(VerificationResult result, List<Finding> all) {
        static Run of(Verifier verifier, VerifySide source, VerifySide target) {
            List<Finding> all = new ArrayList<>();
            return new Run(verifier.withFindingSink(all::add).verify(source, target), all);
        }

        static Run of(Verifier verifier, Scenario s, boolean pushesDown) {
            return of(verifier, s.sourceSide(pushesDown), s.derivedSide(pushesDown));
        }

        List<String> described(Scenario s) {
            return all.stream().sorted(Comparator.comparing(Finding::key, s.kind.order()))
                    .map(f -> f.type() + " " + f.key() + " " + f.differingFields()).toList();
        }
    }

    static Stream<Arguments> keyKindsAndPaths() {
        return Stream.of(KeyKind.values()).flatMap(k -> Stream.of(Arguments.of(k, false), Arguments.of(k, true)));
    }

    @ParameterizedTest(name = "{0} key, push-down {1}")
    @MethodSource("keyKindsAndPaths")
    void findsMissingExtraAndMismatchedKeysOfEveryKeyKind(KeyKind kind, boolean pushesDown) {
        Scenario s = Scenario.of(kind, 3_000, 12, 11L + kind.ordinal());
        Run run = Run.of(DEFAULT, s, pushesDown);
        s.assertFoundExactly(run.all(), run.result());
        VerificationResult result = run.result();
        assertThat(result.findings()).hasSize(12);
        assertThat(result.findings(FindingType.MISMATCHED)).hasSize(4).allSatisfy(f -> {
            String field = f.differingFields().get(0);
            assertThat(f.sourceValues().get(field)).isNotEqualTo(f.targetValues().get(field));
        });
        assertThat(result.findings(FindingType.MISSING)).hasSize(4).allSatisfy(f -> assertThat(f.targetValues()).isNull());
        assertThat(result.findings(FindingType.EXTRA)).hasSize(4).allSatisfy(f -> assertThat(f.sourceValues()).isNull());
    }

    @ParameterizedTest(name = "{0} key, push-down {1}")
    @MethodSource("keyKindsAndPaths")
    void reportsIdenticalSidesCleanWithExactCounts(KeyKind kind, boolean pushesDown) {
        Scenario s = Scenario.of(kind, 5_000, 0, 3L);
        VerificationResult result = DEFAULT.verify(s.sourceSide(pushesDown), s.derivedSide(pushesDown));
        assertThat(result.clean()).isTrue();
        assertThat(result.findings()).isEmpty();
        assertThat(result.counts()).isEqualTo(FindingCounts.NONE);
        assertThat(result.sourceCount()).isEqualTo(5_000);
        assertThat(result.targetCount()).isEqualTo(5_000);
        assertThat(result.compared()).isEqualTo(5_000);
        assertThat(result.merkleRoot()).isNull();
        assertThat(result.algorithm()).isEqualTo(pushesDown ? FingerprintAlgorithm.SHA256_64 : FingerprintAlgorithm.XXH3_64);
    }

    @Test
    void findsOnePercentDifferencesAmongHundredThousandRecordsExactlyOnBothPaths() {
        Scenario s = Scenario.of(KeyKind.INTEGER, 100_000, 1_000, 100L);
        // XXH3 on the push-down path too: SHA-256 is covered elsewhere and slower.
        Verifier fast = new Verifier(VerifyOptions.defaults().withAlgorithm(FingerprintAlgorithm.XXH3_64));
        for (boolean pushesDown : new boolean[] {false, true}) {
            Run run = Run.of(fast, s, pushesDown);
            s.assertFoundExactly(run.all(), run.result());
            assertThat(run.result().findings()).hasSize(300);
            assertThat(run.result().compared()).isEqualTo(100_000 + s.extra.size());
        }
    }

    @Test
    void bisectsDownToSmallSegmentsAndFindsWhatTheMergeOnlyPathFinds() {
        Scenario s = Scenario.of(KeyKind.COMPOSITE, 30_000, 6, 7L);
        Verifier verifier = new Verifier(VerifyOptions.defaults().withSegments(32).withLeafSize(10));
        List<KeyRange> leaves = new ArrayList<>();
        AtomicInteger deepest = new AtomicInteger();
        BisectionListener steps = new BisectionListener() {
            @Override
            public void segmentCompared(int level, KeyRange range, SegmentChecksum source, SegmentChecksum target, boolean equal) {
                deepest.accumulateAndGet(level, Math::max);
            }

            @Override
            public void leafMerged(KeyRange range, long findings) {
                leaves.add(range);
            }
        };
        Run bisected = Run.of(verifier.withSteps(steps), s, true);
        Run merged = Run.of(verifier, s, false);

        assertThat(bisected.result().segmentsSplit()).isPositive();
        assertThat(bisected.result().segmentsCompared()).isGreaterThan(32);
        assertThat(deepest.get()).isGreaterThanOrEqualTo(2);
        assertThat(merged.result().segmentsCompared()).isZero();
        s.assertFoundExactly(bisected.all(), bisected.result());
        s.assertFoundExactly(merged.all(), merged.result());
        assertThat(bisected.described(s)).isEqualTo(merged.described(s));
        assertThat(bisected.result().findings()).isEqualTo(merged.result().findings());
        assertThat(bisected.result().compared()).isEqualTo(merged.result().compared());
        RowsVerifySide source = s.sourceSide(false);
        long rowsMerged = source.checksums(leaves, FingerprintAlgorithm.XXH3_64).stream().mapToLong(SegmentChecksum::count).sum();
        assertThat(rowsMerged).isPositive().isLessThan(6 * 2 * 10);
    }

    @Test
    void staysExactWhenHalfTheRecordsDiffer() {
        Scenario s = Scenario.of(KeyKind.STRING, 10_000, 5_000, 50L);
        AtomicInteger stopped = new AtomicInteger();
        BisectionListener steps = new BisectionListener() {
            @Override
            public void bisectionStopped(int level, int unequal, int segments) {
                stopped.incrementAndGet();
            }
        };
        Run bisected = Run.of(DEFAULT.withSteps(steps), s, true);
        Run merged = Run.of(DEFAULT, s, false);
        s.assertFoundExactly(bisected.all(), bisected.result());
        s.assertFoundExactly(merged.all(), merged.result());
        assertThat(stopped.get()).isEqualTo(1);
        assertThat(bisected.result().segmentsSplit()).isZero();
    }

    @Test
    void listsTheSmallestKeysOfEachTypeButCountsAll() {
        Scenario s = Scenario.of(KeyKind.UUID, 2_000, 300, 9L);
        Run run = Run.of(new Verifier(VerifyOptions.defaults().withMaxKeysListed(5)), s, false);
        assertThat(run.result().counts()).isEqualTo(new FindingCounts(100, 100, 100, 0));
        assertThat(run.result().findings(FindingType.MISSING)).extracting(Finding::key)
                .containsExactlyElementsOf(s.keys(run.all(), FindingType.MISSING).subList(0, 5));
        assertThat(run.result().findings()).hasSize(15);
    }

    @ParameterizedTest(name = "push-down {0}")
    @ValueSource(booleans = {false, true})
    void throwsCancelledWhenCancelledMidway(boolean pushesDown) {
        Scenario s = Scenario.of(KeyKind.INTEGER, 15_000, 5_000, 5L);
        Cancellation cancellation = new Cancellation();
        AtomicInteger reports = new AtomicInteger();
        assertThatThrownBy(() -> DEFAULT.verify(s.sourceSide(pushesDown), s.derivedSide(pushesDown), cancellation, (done, total, unit) -> {
            if (reports.incrementAndGet() == 2) {
                cancellation.cancel();
            }
        })).isInstanceOf(Cancelled.class);
        assertThat(reports.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void reportsProgressInRowsUpToTheLargerSide() {
        Scenario s = Scenario.of(KeyKind.INTEGER, 25_000, 30, 6L);
        List<long[]> reports = new ArrayList<>();
        DEFAULT.verify(s.sourceSide(false), s.derivedSide(false), new Cancellation(), (done, total, unit) -> {
            assertThat(unit).isEqualTo("rows");
            reports.add(new long[] {done, total});
        });
        assertThat(reports).hasSizeGreaterThan(2);
        assertThat(reports.get(reports.size() - 1)).containsExactly(25_010, 25_000);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("target scan", false, false, true),
                Arguments.of("source scan", false, true, false),
                Arguments.of("target checksums", true, false, true),
                Arguments.of("target leaf scan", true, false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void propagatesAnOutageInsteadOfReturningAResult(String what, boolean pushesDown, boolean failSource, boolean failTarget) {
        Scenario s = Scenario.of(KeyKind.INTEGER, 20_000, 30, 8L);
        boolean failChecksums = what.contains("checksums");
        VerifySide source = failSource ? new FailingSide(s.sourceSide(pushesDown), 12_345, false) : s.sourceSide(pushesDown);
        VerifySide target = failTarget ? new FailingSide(s.derivedSide(pushesDown), what.contains("leaf") ? 5 : 12_345, failChecksums)
                : s.derivedSide(pushesDown);
        assertThatThrownBy(() -> DEFAULT.verify(source, target)).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void quotesAStableMerkleRootOverTheSourceInAuditMode() {
        Scenario s = Scenario.of(KeyKind.INTEGER, 8_000, 30, 12L);
        Verifier audit = new Verifier(VerifyOptions.defaults().withAudit(true));
        VerificationResult first = audit.verify(s.sourceSide(false), s.derivedSide(false));
        VerificationResult again = audit.verify(s.sourceSide(false), s.derivedSide(false));
        VerificationResult bisected = audit.verify(s.sourceSide(true), s.derivedSide(true));
        VerificationResult otherTarget = audit.verify(s.sourceSide(false), s.sourceSide(false));

        assertThat(first.merkleRoot()).matches("[0-9a-f]{64}");
        assertThat(first.algorithm()).isEqualTo(FingerprintAlgorithm.SHA256_64);
        assertThat(again.merkleRoot()).isEqualTo(first.merkleRoot());
        assertThat(bisected.merkleRoot()).isEqualTo(first.merkleRoot());
        assertThat(otherTarget.merkleRoot()).isEqualTo(first.merkleRoot());
        assertThat(otherTarget.clean()).isTrue();
    }

    @Test
    void changesTheMerkleRootWhenOneSourceRecordChanges() {
        Scenario s = Scenario.of(KeyKind.INTEGER, 8_000, 0, 13L);
        Verifier audit = new Verifier(VerifyOptions.defaults().withAudit(true));
        RowsVerifySide source = s.sourceSide(false);
        String before = audit.verify(source, s.derivedSide(false)).merkleRoot();
        Row one = s.source.get(4_321);
        source.put(Fixtures.with(one, "name", one.get("name") + "?"));
        VerificationResult after = audit.verify(source, s.derivedSide(false));
        assertThat(after.merkleRoot()).isNotEqualTo(before);
        assertThat(after.counts().mismatched()).isEqualTo(1);
    }

    @Test
    void refusesSidesThatCompareDifferentFields() {
        Scenario s = Scenario.of(KeyKind.INTEGER, 10, 0, 1L);
        RowsVerifySide other = new RowsVerifySide("other", new io.headwater.engine.integrity.CanonicalForm(KeyKind.INTEGER.keyFields),
                KeyKind.INTEGER.order(), s.source);
        assertThatThrownBy(() -> DEFAULT.verify(s.sourceSide(false), other)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("compares");
    }

    @Test
    void findsEverythingWhenOneSideIsEmpty() {
        Scenario s = Scenario.of(KeyKind.STRING, 5_000, 0, 14L);
        RowsVerifySide empty = Fixtures.side("empty", KeyKind.STRING, List.of(), true);
        VerificationResult missing = DEFAULT.verify(s.sourceSide(true), empty);
        VerificationResult extra = DEFAULT.verify(empty, s.sourceSide(true));
        assertThat(missing.counts()).isEqualTo(new FindingCounts(5_000, 0, 0, 0));
        assertThat(extra.counts()).isEqualTo(new FindingCounts(0, 5_000, 0, 0));
    }
}
