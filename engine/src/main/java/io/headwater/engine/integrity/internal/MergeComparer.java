package io.headwater.engine.integrity.internal;

import io.headwater.engine.integrity.BisectionListener;
import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingSink;
import io.headwater.engine.integrity.FindingType;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.FingerprintedRow;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.VerificationException;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.VerifySide;
import java.util.List;
import java.util.function.Consumer;

/**
 * Compares two sides record by record over ascending, disjoint ranges: both sides stream their
 * records in key order at the same time (the target on a {@link BackgroundScan} thread), and one
 * merge pass classifies every key. Each side is scanned once, whatever the number of ranges. Used
 * from one thread.
 */
public final class MergeComparer {
    /** What one merge saw. */
    public record Stats(long sourceRows, long targetRows, long keys) {
    }

    private final VerifySide source;
    private final VerifySide target;
    private final FingerprintAlgorithm algorithm;
    private final CanonicalForm form;
    private final KeyOrder order;
    private final FindingSink findings;
    private final Progress progress;
    private final Cancellation cancellation;
    private final BisectionListener steps;

    public MergeComparer(VerifySide source, VerifySide target, FingerprintAlgorithm algorithm, FindingSink findings,
            Progress progress, Cancellation cancellation, BisectionListener steps) {
        this.source = source;
        this.target = target;
        this.algorithm = algorithm;
        this.form = source.form();
        this.order = source.keyOrder();
        this.findings = findings;
        this.progress = progress;
        this.cancellation = cancellation;
        this.steps = steps;
    }

    /**
     * Merges the ranges.
     *
     * @param sourceTap sees every source record, in key order (for audit checksums)
     */
    public Stats merge(List<KeyRange> ranges, Consumer<FingerprintedRow> sourceTap) {
        if (ranges.isEmpty()) {
            return new Stats(0, 0, 0);
        }
        Pass pass = new Pass(ranges);
        try (BackgroundScan targetRows = new BackgroundScan(target.describe(),
                sink -> target.scanRanges(ranges, algorithm, true, sink), cancellation)) {
            pass.targetScan = targetRows;
            source.scanRanges(ranges, algorithm, true, s -> {
                sourceTap.accept(s);
                pass.onSource(s);
            });
            pass.drainTarget();
        }
        progress.checkpoint();
        for (int i = 0; i < ranges.size(); i++) {
            steps.leafMerged(ranges.get(i), pass.perRange[i]);
        }
        return new Stats(pass.sourceRows, pass.targetRows, pass.keys);
    }

    /** The state of one merge pass. */
    private final class Pass {
        private final RangeCursor cursor;
        private final long[] perRange;
        private BackgroundScan targetScan;
        private Row lastSource;
        private Row lastTarget;
        private long sourceRows;
        private long targetRows;
        private long keys;

        Pass(List<KeyRange> ranges) {
            this.cursor = new RangeCursor(ranges, order);
            this.perRange = new long[ranges.size()];
        }

        void onSource(FingerprintedRow s) {
            lastSource = ascending(source, lastSource, s.key());
            sourceRows++;
            while (targetScan.hasNext() && order.compare(targetScan.peek().key(), s.key()) < 0) {
                extra(targetScan.next());
            }
            if (targetScan.hasNext() && order.compare(targetScan.peek().key(), s.key()) == 0) {
                both(s, targetScan.next());
            } else {
                found(Finding.missing(s.key(), s.values()));
                counted();
            }
        }

        void drainTarget() {
            while (targetScan.hasNext()) {
                extra(targetScan.next());
            }
        }

        private void extra(FingerprintedRow t) {
            targetSeen(t);
            found(Finding.extra(t.key(), t.values()));
            counted();
        }

        private void both(FingerprintedRow s, FingerprintedRow t) {
            targetSeen(t);
            if (s.fingerprint() != t.fingerprint()) {
                List<String> fields = FieldDiff.differingFields(form, s.values(), t.values());
                found(new Finding(FindingType.MISMATCHED, s.key(), fields, s.values(), t.values()));
            }
            counted();
        }

        private void targetSeen(FingerprintedRow t) {
            lastTarget = ascending(target, lastTarget, t.key());
            targetRows++;
        }

        private void found(Finding f) {
            int i = cursor.indexOf(f.key());
            if (i >= 0) {
                perRange[i]++;
            }
            findings.accept(f);
        }

        private void counted() {
            keys++;
            progress.row();
        }

        private Row ascending(VerifySide side, Row previous, Row key) {
            if (previous != null && order.compare(previous, key) >= 0) {
                throw new VerificationException(side.describe() + " does not stream keys in key order: " + key + " came after " + previous);
            }
            return key;
        }
    }
}
