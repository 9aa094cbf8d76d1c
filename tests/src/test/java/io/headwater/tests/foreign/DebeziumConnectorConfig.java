package io.headwater.tests.foreign;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration of the user's Debezium PostgreSQL connector, as a user would submit it to Kafka
 * Connect: {@code pgoutput}, a filtered publication it creates itself, decimals as strings, JSON
 * converters with or without schemas, and optionally {@code ExtractNewRecordState}.
 */
final class DebeziumConnectorConfig {
    private DebeziumConnectorConfig() {
    }

    static Map<String, String> of(ForeignPipelineOptions options, CapturePostgres.Server server) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        c.put("tasks.max", "1");
        c.put("database.hostname", server.host());
        c.put("database.port", Integer.toString(server.port()));
        c.put("database.user", server.user());
        c.put("database.password", server.user());
        c.put("database.dbname", options.sourceDatabase());
        c.put("topic.prefix", options.topicPrefix());
        c.put("plugin.name", "pgoutput");
        c.put("slot.name", options.slotName());
        c.put("publication.name", options.publicationName());
        c.put("publication.autocreate.mode", "filtered");
        c.put("table.include.list", "public." + BankSchema.CUSTOMERS.name() + ",public." + BankSchema.ACCOUNTS.name());
        c.put("decimal.handling.mode", "string");
        c.put("snapshot.mode", "initial");
        c.put("poll.interval.ms", "100");
        // as a careful user sets it: on a quiet database the driver confirms the server's keepalive position,
        // and a heartbeat every second carries it into the committed offsets and so to the slot; without this
        // the slot stays at the start of the last commit record and holds WAL that other databases write
        c.put("lsn.flush.mode", "connector_and_driver");
        c.put("heartbeat.interval.ms", "1000");
        c.put("status.update.interval.ms", "1000");
        String schemas = Boolean.toString(options.withSchemas());
        c.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("key.converter.schemas.enable", schemas);
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", schemas);
        if (options.flattening() != ForeignPipelineOptions.Flattening.NONE) {
            c.put("transforms", "unwrap");
            c.put("transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState");
            c.put("transforms.unwrap.delete.tombstone.handling.mode",
                    options.flattening() == ForeignPipelineOptions.Flattening.DELETE_AS_TOMBSTONE ? "tombstone" : "rewrite");
        }
        return c;
    }
}
