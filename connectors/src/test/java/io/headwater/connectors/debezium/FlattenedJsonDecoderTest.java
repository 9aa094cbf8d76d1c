package io.headwater.connectors.debezium;

import static io.headwater.connectors.debezium.ConnectSamples.ROW;
import static io.headwater.connectors.debezium.ConnectSamples.ROW_STRING_DECIMALS;
import static io.headwater.connectors.debezium.ConnectSamples.change;
import static io.headwater.connectors.debezium.ConnectSamples.flattened;
import static io.headwater.connectors.debezium.ConnectSamples.json;
import static io.headwater.connectors.debezium.KafkaFormatsDecodingTest.TOPIC;
import static io.headwater.connectors.debezium.KafkaFormatsDecodingTest.ann;
import static io.headwater.connectors.debezium.KafkaFormatsDecodingTest.annRow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.ChangeOp;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Records after Debezium's real {@code ExtractNewRecordState}, serialized by the real JsonConverter. */
class FlattenedJsonDecoderTest {
    private static final Dataset FLAT = ConnectSamples.dataset(TOPIC, LogFormat.FLATTENED);
    private static final Instant RECORD_TIME = Instant.parse("2024-05-02T09:00:00Z");
    private final FlattenedJsonDecoder decoder = new FlattenedJsonDecoder();

    /** Create, update, delete and the connector's tombstone for account 1. */
    private static List<SourceRecord> history(Schema schema) {
        SourceRecord delete = change('d', ann(schema, "12.00"), null, 1714640003000L, 103);
        return List.of(change('c', null, ann(schema, "10.00"), 1714640000000L, 100),
                change('u', ann(schema, "10.00"), ann(schema, "12.00"), 1714640002000L, 102), delete, ConnectSamples.tombstone(delete));
    }

    private List<ChangeEvent> decodeAll(List<SourceRecord> records, boolean schemas, Dataset dataset) {
        List<ChangeEvent> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            decoder.decode(json(records.get(i), schemas).at(TOPIC, i, RECORD_TIME), dataset).ifPresent(out::add);
        }
        return out;
    }

    @Test
    void aDeleteAsATombstoneDeletesTheKeyAndRowsAreUpsertsAtTheRecordTime() {
        List<SourceRecord> flat = flattened(history(ROW_STRING_DECIMALS), Map.of("delete.tombstone.handling.mode", "tombstone"));
        // the transform turned the delete into a tombstone and dropped the connector's own
        assertThat(flat).hasSize(3).extracting(SourceRecord::value).element(2).isNull();

        List<ChangeEvent> events = decodeAll(flat, false, FLAT);

        assertThat(events).extracting(ChangeEvent::op).containsExactly(ChangeOp.UPDATE, ChangeOp.UPDATE, ChangeOp.DELETE);
        assertThat(events.get(0).after()).isEqualTo(annRow("10.00"));
        assertThat(events.get(1).after()).isEqualTo(annRow("12.00"));
        assertThat(events.get(1).committedAt()).isEqualTo(RECORD_TIME);
        assertThat(events.get(2).key()).isEqualTo(Row.of("id", 1L));
        assertThat(events.get(2).before()).isNull();
        assertThat(events.get(2).after()).isNull();
    }

    @Test
    void aRewrittenDeleteCarriesTheRowAndTheAddedFieldsAreMetadataNotColumns() throws IOException {
        Map<String, String> rewrite = Map.of("delete.tombstone.handling.mode", "rewrite", "add.fields", "op,table,lsn,source.ts_ms");
        List<SourceRecord> flat = flattened(history(ROW_STRING_DECIMALS), rewrite);
        String deleteJson = new String(json(flat.get(2), false).value());
        assertThat(new ObjectMapper().readTree(deleteJson).get("__deleted").asText()).isEqualTo("true");
        assertThat(deleteJson).contains("\"__op\":\"d\"", "\"__table\":\"accounts\"", "\"__lsn\":103", "\"__source_ts_ms\":1714640003000");

        List<ChangeEvent> events = decodeAll(flat, false, FLAT);

        assertThat(events).extracting(ChangeEvent::op).containsExactly(ChangeOp.CREATE, ChangeOp.UPDATE, ChangeOp.DELETE);
        assertThat(events.get(0).after()).isEqualTo(annRow("10.00"));
        assertThat(events.get(0).committedAt()).isEqualTo(Instant.ofEpochMilli(1714640000000L));
        assertThat(events.get(0).eventId()).isEqualTo("100:kafka.accounts:{\"id\":1}");
        assertThat(events.get(2).before()).isEqualTo(annRow("12.00"));
        assertThat(events.get(2).after()).isNull();
        assertThat(events.get(2).committedAt()).isEqualTo(Instant.ofEpochMilli(1714640003000L));

        Dataset untyped = new Dataset(FLAT.ref(), TOPIC, List.of(), List.of(), null, LogFormat.FLATTENED);
        Row natural = decodeAll(flat.subList(0, 1), false, untyped).get(0).after();
        assertThat(natural.asMap().keySet()).containsExactly("id", "owner", "balance", "opened_at", "updated_at", "opened_on", "ref");
    }

    @Test
    void readsTheSchemaEnvelopeOfFlattenedRecordsExactly() {
        Map<String, String> rewrite = Map.of("delete.tombstone.handling.mode", "rewrite-with-tombstone", "add.fields", "op");
        List<SourceRecord> flat = flattened(history(ROW), rewrite);

        List<ChangeEvent> events = decodeAll(flat, true, FLAT);

        assertThat(events).extracting(ChangeEvent::op)
                .containsExactly(ChangeOp.CREATE, ChangeOp.UPDATE, ChangeOp.DELETE, ChangeOp.DELETE); // rewritten, then a tombstone
        assertThat(events.get(1).after()).isEqualTo(annRow("12.00"));
        assertThat(events.get(2).before()).isEqualTo(annRow("12.00"));
        assertThat(events.get(3).before()).isNull();
        assertThat(events.get(3).key()).isEqualTo(Row.of("id", 1L));
    }
}
