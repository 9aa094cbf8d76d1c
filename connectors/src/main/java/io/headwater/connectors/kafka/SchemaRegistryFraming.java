package io.headwater.connectors.kafka;

import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.spi.LogRecord;

/**
 * Recognises records written by a schema-registry serializer (Confluent's Avro, Protobuf or JSON
 * Schema wire format: magic byte 0, then a 4-byte schema id). Headwater has no schema registry
 * client, so such a record is refused with a message naming the topic, partition and offset,
 * instead of being read as garbage. A JSON text never starts with byte 0. Stateless.
 */
public final class SchemaRegistryFraming {
    private static final int HEADER = 5;

    private SchemaRegistryFraming() {
    }

    /**
     * Throws when the record's key or value is framed for a schema registry.
     *
     * @throws StoreException naming the record's position, the dataset and the schema id
     */
    public static void rejectFramed(LogRecord record, Dataset logDataset) {
        reject(record, logDataset, record.value(), "value");
        reject(record, logDataset, record.key(), "key");
    }

    /** Whether {@code bytes} start with the schema-registry header. */
    public static boolean framed(byte[] bytes) {
        return bytes != null && bytes.length >= HEADER && bytes[0] == 0;
    }

    private static void reject(LogRecord record, Dataset logDataset, byte[] bytes, String part) {
        if (framed(bytes)) {
            int schemaId = ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
            throw new StoreException("topic " + record.position().partition().topic() + ", partition " + record.position().partition().partition()
                    + ", offset " + record.position().offset() + " (" + logDataset.ref() + "): the record's " + part
                    + " starts with a schema registry header (magic byte 0, schema id " + schemaId
                    + "): Avro (schema registry) is not supported yet; write the topic with Kafka Connect's JsonConverter");
        }
    }
}
