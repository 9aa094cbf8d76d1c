package io.headwater.connectors.debezium;

import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DebeziumJsonDecoderTest {
    private static final LogPosition POS = new LogPosition(new PartitionRef("t", 0), 7);
    private static final Dataset TYPED = new Dataset(new DatasetRef("kafka", "t"), "t", List.of("id"),
            List.of(new Field("id", FieldType.INTEGER), new Field("amount", FieldType.DECIMAL), new Field("at", FieldType.TIMESTAMP)), null);
    private static final Dataset UNTYPED = new Dataset(new DatasetRef("kafka", "t"), "t", List.of(), List.of(), null);
    private final DebeziumJsonDecoder decoder = new DebeziumJsonDecoder();

    private static LogRecord record(String key, String value) {
        return new LogRecord(POS, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }

    @Test
    void prefersMicrosecondCommitTimeAndBuildsAStableEventId() {
        String value = "{\"before\":null,\"after\":{\"id\":5,\"amount\":\"-0.50\",\"at\":1714979289123456,\"extra\":1},"
                + "\"source\":{\"ts_ms\":1714979290000,\"ts_us\":1714979290000123,\"lsn\":2468,\"schema\":\"public\",\"table\":\"t\"},\"op\":\"c\"}";
        ChangeEvent e = decoder.decode(record("{\"id\":5}", value), TYPED).orElseThrow();

        assertThat(e.op()).isEqualTo(ChangeOp.CREATE);
        assertThat(e.committedAt()).isEqualTo(Instant.parse("2024-05-06T07:08:10.000123Z"));
        assertThat(e.eventId()).isEqualTo("2468:public.t:{\"id\":5}");
        assertThat(e.after()).isEqualTo(Row.of("id", 5L, "amount", new BigDecimal("-0.50"), "at", Instant.parse("2024-05-06T07:08:09.123456Z")));
        assertThat(e.position()).isEqualTo(POS);
    }

    @Test
    void keepsEveryFieldWithItsNaturalTypeWhenTheDatasetDeclaresNone() {
        String value = "{\"before\":{\"id\":5,\"name\":\"x\"},\"after\":null,\"source\":{\"ts_ms\":1000,\"lsn\":1,\"schema\":\"public\",\"table\":\"t\"},\"op\":\"d\"}";
        ChangeEvent e = decoder.decode(record("{\"id\":5}", value), UNTYPED).orElseThrow();

        assertThat(e.op()).isEqualTo(ChangeOp.DELETE);
        assertThat(e.key()).isEqualTo(Row.of("id", 5L));
        assertThat(e.before()).isEqualTo(Row.of("id", 5L, "name", "x"));
        assertThat(e.after()).isNull();
        assertThat(e.committedAt()).isEqualTo(Instant.ofEpochMilli(1000));
    }

    @Test
    void tombstonesAndRecordsWithoutAnOpCarryNoChange() {
        assertThat(decoder.decode(record("{\"id\":5}", null), TYPED)).isEmpty();
        assertThat(decoder.decode(record(null, "{\"heartbeat\":1}"), TYPED)).isEmpty();
    }

    @Test
    void reportsTheRecordPositionWhenTheValueIsNotJson() {
        assertThatThrownBy(() -> decoder.decode(record("{}", "{not json"), TYPED))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("t-0@7");
    }
}
