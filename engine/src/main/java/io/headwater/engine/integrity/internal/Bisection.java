package io.headwater.engine.integrity.internal;

import io.headwater.engine.integrity.BisectionListener;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.KeyOrder;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.LevelPlan;
import io.headwater.engine.integrity.SegmentChecksum;
import io.headwater.engine.integrity.VerificationException;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.VerifySide;
import java.util.ArrayList;
import java.util.List;

/**
 * Narrows unequal segments down level by level: each level asks each side once for the checksums
 * of all its segments, both sides at the same time ({@link PairedChecksums}); equal segments are
 * done, unequal ones are split again until they hold at most a leaf's worth of records. The outcome
 * is the ranges left to compare record by record. Where differences are dense (most of a level, a
 * wide run of neighbouring segments, or counts that differ by much: {@link LevelPlan}), splitting
 * further would cost more than it saves, so those segments go to the record-by-record merge whole.
 * Used from one thread (which lends the target to a checksum thread during each level).
 */
public final class Bisection {
    /** The share of unequal segments above which a level stops bisecting ({@link LevelPlan#BULK_FRACTION}). */
    public static final double BULK_FRACTION = LevelPlan.BULK_FRACTION;
    private static final int MAX_FANOUT = 64;
    private static final int MAX_LEVELS = 64;

    /**
     * What bisection found.
     *
     * @param toMerge       ascending, disjoint ranges to compare record by record
     * @param top           the top-level ranges
     * @param topSource     the source's checksums of the top-level ranges
     * @param sourceCount   records on the source side
     * @param targetCount   records on the target side
     * @param equalRows     records in equal segments (compared by checksum)
     */
    public record Outcome(List<KeyRange> toMerge, List<KeyRange> top, List<SegmentChecksum> topSource, long sourceCount,
            long targetCount, long equalRows, int segmentsCompared, int segmentsSplit) {
    }

    private final VerifySide source;
    private final VerifySide target;
    private final FingerprintAlgorithm algorithm;
    private final KeyOrder order;
    private final int leafSize;
    private final BisectionListener steps;
    private final Progress progress;
    private final List<KeyRange> toMerge = new ArrayList<>();
    private long equalRows;
    private int compared;
    private int split;

    public Bisection(VerifySide source, VerifySide target, FingerprintAlgorithm algorithm, int leafSize, BisectionListener steps,
            Progress progress) {
        this.source = source;
        this.target = target;
        this.algorithm = algorithm;
        this.order = source.keyOrder();
        this.leafSize = leafSize;
        this.steps = steps;
        this.progress = progress;
    }

    /** Bisects from the given top-level ranges (ascending, covering every key). */
    public Outcome run(List<KeyRange> top) {
        PairedChecksums.Both first = PairedChecksums.of(source, target, top, this::checksums);
        List<SegmentChecksum> topSource = first.source();
        List<SegmentChecksum> topTarget = first.target();
        List<KeyRange> level = compareLevel(0, top, topSource, topTarget);
        for (int depth = 1; !level.isEmpty(); depth++) {
            if (depth >= MAX_LEVELS) {
                toMerge.addAll(level);
                break;
            }
            PairedChecksums.Both both = PairedChecksums.of(source, target, level, this::checksums);
            level = compareLevel(depth, level, both.source(), both.target());
        }
        return new Outcome(Ranges.sortedAndJoined(toMerge, order), top, topSource, total(topSource), total(topTarget),
                equalRows, compared, split);
    }

    /** Compares one level; returns the next level's ranges. */
    private List<KeyRange> compareLevel(int depth, List<KeyRange> ranges, List<SegmentChecksum> s, List<SegmentChecksum> t) {
        LevelPlan.Plan plan = LevelPlan.of(s, t, leafSize);
        for (int i = 0; i < ranges.size(); i++) {
            boolean equal = plan.steps().get(i) == LevelPlan.Step.EQUAL;
            compared++;
            steps.segmentCompared(depth, ranges.get(i), s.get(i), t.get(i), equal);
            if (equal) {
                equalRows += s.get(i).count();
                progress.rows(s.get(i).count());
            }
        }
        progress.checkpoint();
        if (plan.bulk()) {
            steps.bisectionStopped(depth, (int) plan.count(LevelPlan.Step.MERGE), ranges.size());
        }
        List<KeyRange> next = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            switch (plan.steps().get(i)) {
                case MERGE -> toMerge.add(ranges.get(i));
                case SPLIT -> next.addAll(narrow(depth, ranges.get(i), s.get(i).count(), t.get(i).count()));
                case EQUAL -> { }
            }
        }
        return next;
    }

    /** Splits an unequal segment, or marks it for merging when it is small or cannot be split. */
    private List<KeyRange> narrow(int depth, KeyRange range, long sourceRows, long targetRows) {
        long rows = Math.max(sourceRows, targetRows);
        if (rows <= leafSize) {
            toMerge.add(range);
            return List.of();
        }
        progress.checkCancelled();
        int fanout = (int) Math.min(MAX_FANOUT, Math.max(2, (2 * rows + leafSize - 1) / leafSize));
        List<KeyRange> parts = splitBy(preferred(sourceRows, targetRows), range, fanout);
        if (parts.size() < 2) {
            parts = splitBy(other(preferred(sourceRows, targetRows)), range, fanout);
        }
        if (parts.size() < 2) {
            toMerge.add(range);
            return List.of();
        }
        split++;
        steps.segmentSplit(depth, range, parts);
        return parts;
    }

    /** The side to ask for split points: one that pushes down, else the one with more records here. */
    private VerifySide preferred(long sourceRows, long targetRows) {
        if (source.pushesDown() != target.pushesDown()) {
            return source.pushesDown() ? source : target;
        }
        return targetRows > sourceRows ? target : source;
    }

    private VerifySide other(VerifySide side) {
        return side == source ? target : source;
    }

    private List<KeyRange> splitBy(VerifySide side, KeyRange range, int fanout) {
        List<Row> points = side.splitPoints(range, fanout);
        return Ranges.split(range, points, order);
    }

    private List<SegmentChecksum> checksums(VerifySide side, List<KeyRange> ranges) {
        List<SegmentChecksum> sums = side.checksums(ranges, algorithm);
        if (sums.size() != ranges.size()) {
            throw new VerificationException(side.describe() + " answered " + sums.size() + " checksums for " + ranges.size() + " segments");
        }
        return sums;
    }

    private static long total(List<SegmentChecksum> sums) {
        return sums.stream().mapToLong(SegmentChecksum::count).sum();
    }
}
