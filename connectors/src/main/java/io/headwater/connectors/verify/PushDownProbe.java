package io.headwater.connectors.verify;

import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.LevelPlan;
import io.headwater.engine.integrity.SegmentChecksum;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides by cost whether checksum push-down pays for two tables in one engine. It reads the first
 * {@value #SAMPLE_ROWS} rows of each side in key order (once to warm the caches, once timed), then
 * has the databases compute the checksums of the same key range cut into {@value #SEGMENTS}
 * segments, with the algorithm the verification will use: a sampled first level of the bisection.
 * Where that level is dense with differences ({@link LevelPlan}: bisection would stop at once and
 * every row would pass through the databases' fingerprints and then be read), the rows are read
 * and hashed in Java. Otherwise the cheaper of the two timings wins: on a local socket reading rows
 * could beat SHA-256 (it costs PostgreSQL more per row than sending the row); over a slow network
 * the checksums win. Used from one thread.
 */
final class PushDownProbe {
    /** Rows per side in the sample. */
    static final int SAMPLE_ROWS = 20_000;
    /** Segments the sample is cut into. */
    static final int SEGMENTS = 16;

    /**
     * The choice and why.
     *
     * @param pushDown whether the databases should compute the checksums
     * @param reason   the measured times, for the user
     */
    record Verdict(boolean pushDown, String reason) {
    }

    private PushDownProbe() {
    }

    static Verdict measure(CrossEngineSides.SidePair pushed, NormalisedTableReader source, NormalisedTableReader target) {
        List<String> keyNames = pushed.source().keyOrder().keyNames();
        List<Row> bounds = new ArrayList<>();
        Row[] last = new Row[1];
        long[] rows = new long[1];
        source.scan(SAMPLE_ROWS, r -> {
            last[0] = r.project(keyNames);
            if (rows[0] > 0 && rows[0] % (SAMPLE_ROWS / SEGMENTS) == 0) {
                bounds.add(last[0]);
            }
            rows[0]++;
        });
        if (last[0] == null) {
            return new Verdict(false, "the source is empty");
        }
        sample(target);
        List<KeyRange> ranges = segments(bounds, rows[0] == SAMPLE_ROWS ? last[0] : null);
        FingerprintAlgorithm algorithm = VerifyOptions.defaults().algorithmFor(pushed.source(), pushed.target());
        long t0 = System.nanoTime();
        List<SegmentChecksum> s = pushed.source().checksums(ranges, algorithm);
        List<SegmentChecksum> t = pushed.target().checksums(ranges, algorithm);
        long pushNanos = System.nanoTime() - t0;
        t0 = System.nanoTime();
        sample(source);
        sample(target);
        long readNanos = System.nanoTime() - t0;
        return decide(LevelPlan.of(s, t, VerifyOptions.DEFAULT_LEAF_SIZE), rows[0], pushNanos, readNanos);
    }

    /**
     * The choice from a sampled first level and the two timings.
     *
     * @param level     the plan of the sampled level
     * @param rows      rows per side in the sample
     * @param pushNanos the databases' checksums of the sample
     * @param readNanos reading the sample from both sides
     */
    static Verdict decide(LevelPlan.Plan level, long rows, long pushNanos, long readNanos) {
        long unequal = level.steps().size() - level.count(LevelPlan.Step.EQUAL);
        if (level.bulk()) {
            return new Verdict(false, String.format("sample of %,d rows per side: %d of %d segments differ, too many to bisect:"
                    + " rows read and hashed in Java", rows, unequal, level.steps().size()));
        }
        boolean push = pushNanos < readNanos;
        return new Verdict(push, String.format("sample of %,d rows per side: database checksums %d ms, reading the rows %d ms: %s", rows,
                pushNanos / 1_000_000, readNanos / 1_000_000, push ? "checksums pushed down" : "rows read and hashed in Java"));
    }

    /** Segments between the sampled bounds, up to {@code end} (exclusive; null when the sample is the whole table). */
    private static List<KeyRange> segments(List<Row> bounds, Row end) {
        List<KeyRange> out = new ArrayList<>();
        Row from = null;
        for (Row bound : bounds) {
            out.add(new KeyRange(from, bound));
            from = bound;
        }
        out.add(new KeyRange(from, end));
        return out;
    }

    private static void sample(NormalisedTableReader reader) {
        reader.scan(SAMPLE_ROWS, r -> { });
    }
}
