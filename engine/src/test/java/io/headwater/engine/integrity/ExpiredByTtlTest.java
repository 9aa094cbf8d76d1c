package io.headwater.engine.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.integrity.Fixtures.KeyKind;
import io.headwater.engine.model.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpiredByTtlTest {
    private static final KeyKind KIND = KeyKind.INTEGER;

    @Test
    void countsEveryMissingKeyAsExpiredExactlyAndLeavesMismatchesAndOrphansCorrupt() {
        List<Row> rows = Fixtures.randomRows(KIND, 300, new Random(7));
        RowsVerifySide source = Fixtures.side("source", KIND, rows, false);
        RowsVerifySide target = Fixtures.side("cache", KIND, rows, false);
        for (int i = 0; i < 40; i++) {
            target.remove(Fixtures.keyOf(KIND).apply(rows.get(i * 7)));
        }
        target.put(Fixtures.with(rows.get(1), "name", "stale"));
        List<Finding> all = new ArrayList<>();
        VerificationResult first = new Verifier(VerifyOptions.defaults().withMaxKeysListed(5)).withFindingSink(all::add).verify(source, target,
                new io.headwater.engine.spi.Cancellation(), io.headwater.engine.spi.ProgressListener.NONE);
        assertThat(first.counts()).isEqualTo(new FindingCounts(40, 0, 1, 0, 0, 0));

        VerificationResult r = new ExpiredByTtl(Duration.ofHours(1), 5).reclassify(first, all, source.keyOrder());

        assertThat(r.counts()).isEqualTo(new FindingCounts(0, 0, 1, 0, 40, 0));
        assertThat(r.clean()).isFalse();
        assertThat(r.findings(FindingType.EXPIRED)).hasSize(5).allSatisfy(f -> assertThat(f.note()).contains("ttl 1h"));
        assertThat(r.findings(FindingType.MISMATCHED)).hasSize(1);
        assertThat(all).filteredOn(f -> f.type() == FindingType.EXPIRED).hasSize(40);
        assertThat(all).noneMatch(f -> f.type() == FindingType.MISSING);
    }

    @Test
    void aCacheMissingOnlyExpiredKeysIsClean() {
        List<Row> rows = Fixtures.randomRows(KIND, 50, new Random(8));
        RowsVerifySide source = Fixtures.side("source", KIND, rows, false);
        RowsVerifySide target = Fixtures.side("cache", KIND, rows, false);
        target.remove(Fixtures.keyOf(KIND).apply(rows.get(3)));
        List<Finding> all = new ArrayList<>();
        VerificationResult first = new Verifier(VerifyOptions.defaults()).withFindingSink(all::add).verify(source, target,
                new io.headwater.engine.spi.Cancellation(), io.headwater.engine.spi.ProgressListener.NONE);

        VerificationResult r = new ExpiredByTtl(Duration.ofMinutes(90), 10).reclassify(first, all, source.keyOrder());

        assertThat(first.clean()).isFalse();
        assertThat(r.clean()).isTrue();
        assertThat(r.counts().expired()).isEqualTo(1);
        assertThat(r.findings(FindingType.EXPIRED).get(0).note()).contains("90m");
    }
}
