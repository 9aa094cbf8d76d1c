package io.headwater.engine.integrity;

import io.headwater.engine.Cancelled;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.integrity.internal.Bisection;
import io.headwater.engine.integrity.internal.FindingCollector;
import io.headwater.engine.integrity.internal.MergeComparer;
import io.headwater.engine.integrity.internal.Progress;
import io.headwater.engine.integrity.internal.RangeCursor;
import io.headwater.engine.integrity.internal.Ranges;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.spi.VerifySide;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Compares a source (the system of record seen through the flow's mapping) with a derived store
 * and reports every key that is missing, extra (an orphan) or mismatched.
 * <p>When both sides compute checksums where their data lives ({@link VerifySide#pushesDown()}),
 * the key space is split into segments whose order-independent checksums are compared level by
 * level, one call per side per level; unequal segments are split again until they are small, and
 * only those are streamed and compared record by record. When many segments differ, or when
 * a side does not push down (it must be read in full anyway, and one merge reads each side once,
 * where checksums plus leaf scans would read it twice), both sides are streamed
 * in key order and merged in one pass. A failure of either side propagates: an interrupted
 * verification never returns a result, let alone a clean one.
 * <p>Progress is reported in rows against the larger side's count; keys found on one side only
 * count too, so the last report may slightly exceed the total. Cancellation is checked between
 * levels and every 10,000 rows.
 * <p>Immutable and thread-safe; each {@link #verify} call uses each side from one thread at a time
 * (the target's record stream is read on a thread named {@code headwater-verify-scan-N}).
 */
public final class Verifier {
    private final VerifyOptions options;
    private final BisectionListener steps;
    private final FindingSink allFindings;

    /** A verifier with the given options. */
    public Verifier(VerifyOptions options) {
        this(options, BisectionListener.NONE, FindingSink.NONE);
    }

    private Verifier(VerifyOptions options, BisectionListener steps, FindingSink allFindings) {
        this.options = Objects.requireNonNull(options, "options");
        this.steps = Objects.requireNonNull(steps, "steps");
        this.allFindings = Objects.requireNonNull(allFindings, "allFindings");
    }

    /** This verifier, telling a listener every step (for a step-through view). */
    public Verifier withSteps(BisectionListener listener) {
        return new Verifier(options, listener, allFindings);
    }

    /** This verifier, passing every finding (not only the listed ones) to a sink. */
    public Verifier withFindingSink(FindingSink sink) {
        return new Verifier(options, steps, sink);
    }

    public VerifyOptions options() {
        return options;
    }

    /** Verifies without progress reports or cancellation. */
    public VerificationResult verify(VerifySide source, VerifySide target) {
        return verify(source, target, new Cancellation(), ProgressListener.NONE);
    }

    /**
     * Verifies the target against the source.
     *
     * @throws Cancelled             when cancelled
     * @throws HeadwaterException    when a side fails (for example a {@link io.headwater.engine.ConnectionException})
     * @throws VerificationException when the sides compare different fields or misbehave
     */
    public VerificationResult verify(VerifySide source, VerifySide target, Cancellation cancellation, ProgressListener progress) {
        requireComparable(source, target);
        try {
            return run(source, target, cancellation, progress);
        } catch (HeadwaterException e) {
            // A connector may wrap our Cancelled on its way out of a scan; the user cancelled all the same.
            if (cancellation.isCancelled() && !(e instanceof Cancelled)) {
                Cancelled c = new Cancelled("verification");
                c.addSuppressed(e);
                throw c;
            }
            throw e;
        }
    }

    private VerificationResult run(VerifySide source, VerifySide target, Cancellation cancellation, ProgressListener listener) {
        long start = System.nanoTime();
        FingerprintAlgorithm algorithm = options.algorithmFor(source, target);
        long sourceCount = source.count();
        long targetCount = target.count();
        Progress progress = new Progress(cancellation, listener, Math.max(sourceCount, targetCount));
        progress.checkpoint();
        FindingCollector findings = new FindingCollector(options.maxKeysListed(), source.keyOrder(), allFindings);
        MergeComparer merger = new MergeComparer(source, target, algorithm, findings, progress, cancellation, steps);
        int segments = options.segmentsFor(options.audit() ? sourceCount : Math.max(sourceCount, targetCount));
        Outcome o = source.pushesDown() && target.pushesDown()
                ? bisected(source, target, algorithm, segments, merger, progress)
                : merged(source, segments, merger);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return new VerificationResult(source.describe(), target.describe(), algorithm, o.sourceCount, o.targetCount, o.compared,
                findings.counts(), findings.listed(), elapsed, o.compared / seconds, o.merkleRoot, o.segmentsCompared, o.segmentsSplit);
    }

    private record Outcome(long sourceCount, long targetCount, long compared, String merkleRoot, int segmentsCompared,
            int segmentsSplit) {
    }

    private Outcome bisected(VerifySide source, VerifySide target, FingerprintAlgorithm algorithm, int segments, MergeComparer merger,
            Progress progress) {
        List<KeyRange> top = topRanges(source, target, segments);
        Bisection.Outcome b = new Bisection(source, target, algorithm, options.leafSize(), steps, progress).run(top);
        MergeComparer.Stats merged = merger.merge(b.toMerge(), r -> { });
        String root = options.audit() ? MerkleRoot.of(b.top(), b.topSource(), source.keyOrder()) : null;
        return new Outcome(b.sourceCount(), b.targetCount(), b.equalRows() + merged.keys(), root, b.segmentsCompared(), b.segmentsSplit());
    }

    /** Top-level ranges: split by the source in audit mode (the Merkle root is the source's), else by a side that pushes down. */
    private List<KeyRange> topRanges(VerifySide source, VerifySide target, int segments) {
        VerifySide first = options.audit() || source.pushesDown() || !target.pushesDown() ? source : target;
        List<Row> points = first.splitPoints(segments);
        if (points.isEmpty() && !options.audit()) {
            points = (first == source ? target : source).splitPoints(segments);
        }
        return Ranges.split(KeyRange.ALL, points, source.keyOrder());
    }

    private Outcome merged(VerifySide source, int segments, MergeComparer merger) {
        if (!options.audit()) {
            MergeComparer.Stats s = merger.merge(List.of(KeyRange.ALL), r -> { });
            return new Outcome(s.sourceRows(), s.targetRows(), s.keys(), null, 0, 0);
        }
        List<KeyRange> top = Ranges.split(KeyRange.ALL, source.splitPoints(segments), source.keyOrder());
        SegmentTally tally = new SegmentTally(top, source.keyOrder());
        MergeComparer.Stats s = merger.merge(List.of(KeyRange.ALL), tally);
        String root = MerkleRoot.of(top, tally.checksums(), source.keyOrder());
        return new Outcome(s.sourceRows(), s.targetRows(), s.keys(), root, 0, 0);
    }

    /** Sums the source's records per top-level segment while they stream past, for the Merkle root. */
    private static final class SegmentTally implements Consumer<FingerprintedRow> {
        private final RangeCursor cursor;
        private final long[] counts;
        private final long[] sums;

        SegmentTally(List<KeyRange> ranges, KeyOrder order) {
            this.cursor = new RangeCursor(ranges, order);
            this.counts = new long[ranges.size()];
            this.sums = new long[ranges.size()];
        }

        @Override
        public void accept(FingerprintedRow r) {
            int i = cursor.indexOf(r.key());
            counts[i]++;
            sums[i] += r.fingerprint();
        }

        List<SegmentChecksum> checksums() {
            return IntStream.range(0, counts.length).mapToObj(i -> new SegmentChecksum(counts[i], sums[i])).toList();
        }
    }

    private static void requireComparable(VerifySide source, VerifySide target) {
        List<String> s = signature(source.form().fields());
        List<String> t = signature(target.form().fields());
        if (!s.equals(t)) {
            throw new VerificationException(source.describe() + " compares " + s + " but " + target.describe() + " compares " + t);
        }
        List<String> sk = signature(source.keyOrder().keyFields());
        List<String> tk = signature(target.keyOrder().keyFields());
        if (!sk.equals(tk)) {
            throw new VerificationException(source.describe() + " is keyed by " + sk + " but " + target.describe() + " by " + tk);
        }
    }

    private static List<String> signature(List<Field> fields) {
        return fields.stream().map(f -> f.name() + ":" + f.type().configName()).toList();
    }
}
