package io.headwater.engine.integrity;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a verification found.
 *
 * @param source           the source side, as described by it
 * @param target           the derived side, as described by it
 * @param algorithm        the fingerprint algorithm used
 * @param sourceCount      records on the source side
 * @param targetCount      records on the derived side
 * @param compared         keys compared (by segment checksum or record by record)
 * @param counts           the exact number of findings of each type
 * @param findings         findings ordered by type, then key; at most {@link VerifyOptions#maxKeysListed}
 *                         of each type, those with the smallest keys
 * @param elapsed          wall time
 * @param rowsPerSecond    {@code compared} per second of {@code elapsed}
 * @param merkleRoot       in audit mode, the hex Merkle root over the source's top-level segments
 *                         (see {@link MerkleRoot}); otherwise null
 * @param segmentsCompared segment checksums compared, over all levels
 * @param segmentsSplit    unequal segments split into smaller ones
 */
public record VerificationResult(String source, String target, FingerprintAlgorithm algorithm, long sourceCount, long targetCount,
        long compared, FindingCounts counts, List<Finding> findings, Duration elapsed, double rowsPerSecond, String merkleRoot,
        int segmentsCompared, int segmentsSplit) {
    public VerificationResult {
        Objects.requireNonNull(counts, "counts");
        findings = List.copyOf(findings);
    }

    /** Whether the derived store holds exactly what the source says (in-flight findings aside). */
    public boolean clean() {
        return counts.corrupt() == 0;
    }

    /** The listed findings of one type. */
    public List<Finding> findings(FindingType type) {
        return findings.stream().filter(f -> f.type() == type).toList();
    }

    /** The listed findings that mean corruption. */
    public List<Finding> corruptFindings() {
        return findings.stream().filter(f -> f.type().isCorrupt()).toList();
    }

    /** This result with other findings and counts (after a re-check), and more time spent. */
    public VerificationResult withFindings(FindingCounts newCounts, List<Finding> newFindings, Duration extraTime) {
        return new VerificationResult(source, target, algorithm, sourceCount, targetCount, compared, newCounts, newFindings,
                elapsed.plus(extraTime), rowsPerSecond, merkleRoot, segmentsCompared, segmentsSplit);
    }
}
