package io.headwater.engine.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.status.DatasetStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowProgressTest {
    private static final PartitionRef P0 = new PartitionRef("t", 0);
    private static final PartitionRef P1 = new PartitionRef("t", 1);
    private static final DatasetRef SINK = new DatasetRef("sink", "customers");

    private static FlowProgress records(long p0, long p1) {
        Map<PartitionRef, Long> ends = Map.of(P0, 50L, P1, 40L);
        long lag = (50 - p0) + (40 - p1);
        return new FlowProgress("f", true, lag, FlowProgress.LagUnit.RECORDS, Map.of(P0, p0, P1, p1), ends, "group g");
    }

    @Test
    void coversPositionsItHasReachedInEveryPartition() {
        FlowProgress progress = records(50, 30);

        assertThat(progress.covers(Map.of(P0, 50L, P1, 30L))).isTrue();
        assertThat(progress.covers(Map.of(P0, 50L, P1, 31L))).isFalse();
        assertThat(progress.covers(progress.ends())).isFalse();
    }

    @Test
    void aPartitionWithoutPositionIsCoveredOnlyWhenNothingIsAskedOfIt() {
        FlowProgress progress = new FlowProgress("f", true, 0, FlowProgress.LagUnit.RECORDS, Map.of(P0, 5L), Map.of(P0, 5L), "x");

        assertThat(progress.covers(Map.of(P1, 0L))).isTrue();
        assertThat(progress.covers(Map.of(P1, 1L))).isFalse();
    }

    @Test
    void anUnknownPositionCoversNothingAndHasNoLag() {
        FlowProgress unknown = FlowProgress.unknown("f", FlowProgress.LagUnit.RECORDS, "consumer group 'g' not found");

        assertThat(unknown.covers(Map.of())).isFalse();
        assertThat(unknown.lag()).isEqualTo(-1);
        assertThat(unknown.recordLag()).isEqualTo(-1);
        assertThat(unknown.lagText()).isEqualTo("unknown");
    }

    @Test
    void givesRecordLagToDatasetStatusAndWalLagAsTextOnly() {
        DatasetStatus records = records(45, 40).toDatasetStatus(SINK, 1000);
        FlowProgress wal = new FlowProgress("f", true, 1_258_291, FlowProgress.LagUnit.WAL_BYTES,
                Map.of(FlowProgress.walPartition("s"), 10L), Map.of(FlowProgress.walPartition("s"), 1_258_301L), "slot s");

        assertThat(records).isEqualTo(new DatasetStatus(SINK, 1000, 5, "t#0=45,t#1=40"));
        assertThat(records(45, 40).lagText()).isEqualTo("5 records behind");
        assertThat(wal.toDatasetStatus(SINK, 1000).lag()).isEqualTo(-1);
        assertThat(wal.lagText()).isEqualTo("1.2 MB of WAL behind");
    }

    @Test
    void writesByteCountsAsPeopleReadThem() {
        assertThat(FlowProgress.bytesText(1)).isEqualTo("1 byte");
        assertThat(FlowProgress.bytesText(1023)).isEqualTo("1023 bytes");
        assertThat(FlowProgress.bytesText(1536)).isEqualTo("1.5 kB");
        assertThat(FlowProgress.bytesText(3_435_973_837L)).isEqualTo("3.2 GB");
    }
}
