package io.headwater.connectors.debezium;

import static io.headwater.connectors.debezium.KafkaFormatsDecodingTest.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.connectors.events.EventJsonDecoder;
import io.headwater.connectors.events.LogDecoders;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.LogFormat;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A topic written by Confluent's Avro serializer: magic byte 0, a 4-byte schema id, then Avro binary. */
class SchemaRegistryRecordsTest {
    /** Schema id 42; an Avro record {id: int 1 (zig-zag 0x02), owner: "Ann"}. */
    private static final byte[] AVRO_VALUE = {0, 0, 0, 0, 42, 0x02, 0x06, 'A', 'n', 'n'};
    private static final byte[] AVRO_KEY = {0, 0, 0, 0, 41, 0x02};

    private static LogRecord at(byte[] key, byte[] value) {
        return new LogRecord(new LogPosition(new PartitionRef(TOPIC, 3), 1207), key, value, Instant.EPOCH);
    }

    @Test
    void everyFormatRefusesAnAvroValueNamingTopicPartitionAndOffset() {
        for (LogFormat format : LogFormat.values()) {
            ChangeDecoder decoder = LogDecoders.forFormat(format);

            assertThatThrownBy(() -> decoder.decode(at(AVRO_KEY, AVRO_VALUE), ConnectSamples.dataset(TOPIC, format)))
                    .as(format.configName())
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("topic " + TOPIC + ", partition 3, offset 1207")
                    .hasMessageContaining("schema id 42")
                    .hasMessageContaining("Avro (schema registry) is not supported yet");
        }
    }

    @Test
    void anAvroKeyOfATombstoneIsRefusedToo() {
        for (ChangeDecoder decoder : List.of(new DebeziumJsonDecoder(), new FlattenedJsonDecoder(), new EventJsonDecoder())) {
            assertThatThrownBy(() -> decoder.decode(at(AVRO_KEY, null), ConnectSamples.dataset(TOPIC, LogFormat.FLATTENED)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("key")
                    .hasMessageContaining("schema id 41");
        }
    }

    @Test
    void jsonRecordsAreNotTakenForFramedOnes() {
        assertThat(new DebeziumJsonDecoder().decode(at("{\"id\":1}".getBytes(), null), ConnectSamples.dataset(TOPIC, LogFormat.DEBEZIUM)))
                .isEmpty();
    }
}
