package io.headwater.connectors.verify;

import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Row;
import java.util.List;

/**
 * Decides by measurement whether checksum push-down pays for two tables in one engine. It reads the
 * first {@value #SAMPLE_ROWS} rows of each side in key order (once to warm the caches, once timed),
 * then times the databases' checksums of the same key range on both sides, and chooses the cheaper.
 * The checksums use the algorithm the verification will (LOOKUP3_64 when both databases compute
 * it). On a local socket reading rows could win against SHA-256 (it costs PostgreSQL more per row
 * than sending the row); over a slow network the checksums win. Once push-down is chosen, the verifier still
 * falls back to reading whole segments when more than a quarter of a level's segments differ.
 * Used from one thread.
 */
final class PushDownProbe {
    /** Rows per side in the sample. */
    static final int SAMPLE_ROWS = 20_000;

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
        Row[] last = new Row[1];
        long[] rows = new long[1];
        sample(source, keyNames, last, rows);
        if (last[0] == null) {
            return new Verdict(false, "the source is empty");
        }
        sample(target, keyNames, new Row[1], new long[1]);
        Row end = last[0];
        KeyRange range = new KeyRange(null, end);
        long t0 = System.nanoTime();
        FingerprintAlgorithm algorithm = VerifyOptions.defaults().algorithmFor(pushed.source(), pushed.target());
        pushed.source().checksums(List.of(range), algorithm);
        pushed.target().checksums(List.of(range), algorithm);
        long pushNanos = System.nanoTime() - t0;
        t0 = System.nanoTime();
        sample(source, keyNames, new Row[1], new long[1]);
        sample(target, keyNames, new Row[1], new long[1]);
        long readNanos = System.nanoTime() - t0;
        boolean push = pushNanos < readNanos;
        String reason = String.format("sample of %,d rows per side: database checksums %d ms, reading the rows %d ms: %s", rows[0],
                pushNanos / 1_000_000, readNanos / 1_000_000, push ? "checksums pushed down" : "rows read and hashed in Java");
        return new Verdict(push, reason);
    }

    private static void sample(NormalisedTableReader reader, List<String> keyNames, Row[] last, long[] rows) {
        reader.scan(SAMPLE_ROWS, r -> {
            last[0] = r.project(keyNames);
            rows[0]++;
        });
    }
}
