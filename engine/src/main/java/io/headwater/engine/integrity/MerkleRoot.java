package io.headwater.engine.integrity;

import io.headwater.engine.model.Field;
import io.headwater.engine.model.Row;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Merkle root an audit quotes: a hash of the source's top-level segments that anyone holding
 * the same records and the same segment bounds can recompute.
 * <p>A leaf is the SHA-256 of the UTF-8 text
 * <pre>
 *   hw1-segment|&lt;from&gt;|&lt;to&gt;|&lt;count&gt;|&lt;sum&gt;
 * </pre>
 * where a bound is its key values in canonical value text ({@link CanonicalForm#valueText}) joined
 * with {@code |}, or {@code \-inf} / {@code \+inf} when unbounded (no value text starts with a lone
 * backslash and a sign); count is decimal and sum is the segment's checksum sum as an unsigned
 * decimal. Leaves are taken in key order; an inner node is the SHA-256 of its two children's 32
 * bytes, the last node of an odd level being paired with itself. The root is lower-case hex.
 */
public final class MerkleRoot {
    private MerkleRoot() {
    }

    /** The hex root over segments (ascending ranges and their checksums, as many of each). */
    public static String of(List<KeyRange> ranges, List<SegmentChecksum> checksums, KeyOrder order) {
        if (ranges.size() != checksums.size() || ranges.isEmpty()) {
            throw new IllegalArgumentException(ranges.size() + " ranges and " + checksums.size() + " checksums");
        }
        List<byte[]> level = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            level.add(FingerprintAlgorithm.sha256(leafText(ranges.get(i), checksums.get(i), order).getBytes(StandardCharsets.UTF_8)));
        }
        while (level.size() > 1) {
            level = parents(level);
        }
        return HexFormat.of().formatHex(level.get(0));
    }

    /** The text a leaf hashes. */
    public static String leafText(KeyRange range, SegmentChecksum checksum, KeyOrder order) {
        return "hw1-segment|" + bound(range.from(), order, "\\-inf") + "|" + bound(range.to(), order, "\\+inf")
                + "|" + checksum.count() + "|" + Long.toUnsignedString(checksum.sum());
    }

    private static String bound(Row key, KeyOrder order, String unbounded) {
        if (key == null) {
            return unbounded;
        }
        List<String> texts = new ArrayList<>();
        for (Field f : order.keyFields()) {
            texts.add(CanonicalForm.valueText(f.type(), key.get(f.name())));
        }
        return String.join("|", texts);
    }

    private static List<byte[]> parents(List<byte[]> level) {
        List<byte[]> up = new ArrayList<>((level.size() + 1) / 2);
        for (int i = 0; i < level.size(); i += 2) {
            byte[] left = level.get(i);
            byte[] right = i + 1 < level.size() ? level.get(i + 1) : left;
            byte[] both = new byte[left.length + right.length];
            System.arraycopy(left, 0, both, 0, left.length);
            System.arraycopy(right, 0, both, left.length, right.length);
            up.add(FingerprintAlgorithm.sha256(both));
        }
        return up;
    }
}
