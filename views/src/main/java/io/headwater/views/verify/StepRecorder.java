package io.headwater.views.verify;

import io.headwater.engine.integrity.BisectionListener;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.SegmentChecksum;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a verification's bisection steps as text, keeping at most {@code limit} of them (a big
 * table compares thousands of segments; the step-through is for teaching, not for auditing).
 * Called from the verifying thread; {@link #steps()} is read after the verification returned.
 */
final class StepRecorder implements BisectionListener {
    private final int limit;
    private final List<BisectionStep> steps = new ArrayList<>();
    private long omitted;

    StepRecorder(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void segmentCompared(int level, KeyRange range, SegmentChecksum source, SegmentChecksum target, boolean equal) {
        add(new BisectionStep(equal ? BisectionStep.Kind.EQUAL : BisectionStep.Kind.DIFFERENT, level,
                String.format("compared segment %s: system of record %,d rows, derived %,d rows — %s", range, source.count(), target.count(),
                        equal ? "checksums equal" : "checksums DIFFER")));
    }

    @Override
    public synchronized void segmentSplit(int level, KeyRange range, List<KeyRange> parts) {
        add(new BisectionStep(BisectionStep.Kind.SPLIT, level, "split " + range + " into " + parts.size() + " parts to narrow it down"));
    }

    @Override
    public synchronized void bisectionStopped(int level, int unequal, int segments) {
        add(new BisectionStep(BisectionStep.Kind.STOPPED, level,
                unequal + " of " + segments + " segments differ: comparing them record by record instead of splitting further"));
    }

    @Override
    public synchronized void leafMerged(KeyRange range, long findings) {
        add(new BisectionStep(BisectionStep.Kind.MERGED, Math.max(0, lastLevel() + 1),
                "compared " + range + " record by record: " + (findings == 0 ? "no difference" : findings + " differing key(s)")));
    }

    private int lastLevel() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).level();
    }

    private void add(BisectionStep step) {
        if (steps.size() < limit) {
            steps.add(step);
        } else {
            omitted++;
        }
    }

    /** The recorded steps, followed by a note of those left out, and the keys narrowed down to. */
    synchronized List<BisectionStep> steps(List<String> narrowedKeys) {
        List<BisectionStep> out = new ArrayList<>(steps);
        if (omitted > 0) {
            out.add(new BisectionStep(BisectionStep.Kind.OMITTED, 0, String.format("… %,d more steps not kept", omitted)));
        }
        if (!narrowedKeys.isEmpty()) {
            out.add(new BisectionStep(BisectionStep.Kind.NARROWED, 0, "narrowed down to the differing keys: " + String.join(", ", narrowedKeys)));
        } else if (!out.isEmpty()) {
            out.add(new BisectionStep(BisectionStep.Kind.NARROWED, 0, "every segment matched: nothing to narrow down"));
        }
        return out;
    }
}
