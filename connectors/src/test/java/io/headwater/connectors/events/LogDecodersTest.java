package io.headwater.connectors.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.Pipeline;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.ChangeOp;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LogDecoders} reads each topic in its dataset's format, and in its system's default when it has none. */
class LogDecodersTest {
    private static final List<Field> FIELDS = List.of(new Field("id", FieldType.INTEGER), new Field("name", FieldType.STRING));
    private static final Dataset LEDGER = new Dataset(new DatasetRef("ledger", "payments"), "payments", List.of("id"), FIELDS, null);
    private static final Dataset CHANGES = new Dataset(new DatasetRef("kafka", "people"), "people", List.of("id"), FIELDS, null);
    private static final Pipeline PIPELINE = new Pipeline("t", Path.of("t.yaml"), Path.of("data"), List.of(
            new SystemSpec("ledger", SystemKind.KAFKA, Role.RECORD, true, Connection.NONE, List.of(LEDGER)),
            new SystemSpec("kafka", SystemKind.KAFKA, Role.LOG, true, Connection.NONE, List.of(CHANGES))), List.of());
    private static final LogRecord ROW = new LogRecord(new LogPosition(new PartitionRef("people", 0), 4),
            "{\"id\":7}".getBytes(), "{\"id\":7,\"name\":\"x\",\"__deleted\":\"true\"}".getBytes(), Instant.EPOCH);

    @Test
    void datasetsWithoutAFormatTakeTheirSystemsDefault() {
        LogDecoders decoders = LogDecoders.forPipeline(PIPELINE);

        assertThat(decoders.formatOf(LEDGER)).isEqualTo(LogFormat.EVENTS);
        assertThat(decoders.formatOf(CHANGES)).isEqualTo(LogFormat.DEBEZIUM);
        assertThat(decoders.decode(ROW, CHANGES)).as("no op: not a Debezium change").isEmpty();
        assertThat(decoders.decode(ROW, LEDGER).orElseThrow().op()).isEqualTo(ChangeOp.CREATE);
    }

    @Test
    void aDeclaredFormatChoosesTheDecoder() {
        LogDecoders decoders = LogDecoders.forPipeline(PIPELINE);

        assertThat(decoders.decode(ROW, CHANGES.withFormat(LogFormat.FLATTENED)).orElseThrow().op()).isEqualTo(ChangeOp.DELETE);
        assertThat(decoders.decode(ROW, LEDGER.withFormat(LogFormat.FLATTENED)).orElseThrow().op()).isEqualTo(ChangeOp.DELETE);
    }
}
