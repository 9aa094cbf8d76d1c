package io.headwater.engine.discover;

import java.util.List;

/**
 * A change-capture source connector (Debezium's connectors, in Kafka Connect or Debezium Server) as
 * its configuration describes it. Immutable.
 *
 * @param connector      the connector's name
 * @param connectorClass its {@code connector.class}
 * @param database       the captured database
 * @param tables         which tables it captures
 * @param topicPrefix    {@code topic.prefix} (or the older {@code database.server.name})
 * @param databaseInTopic whether topics name the database as well as the schema ({@code prefix.db.schema.table},
 *                       SQL Server); MySQL's databases stand in the schema's place
 * @param transforms     what its transforms do to topics and records
 * @param slot           its PostgreSQL replication slot, or null
 * @param plugin         its logical decoding plugin, or null
 * @param snapshotMode   its snapshot mode, or null
 * @param guesses        where discovery guessed
 * @param notUnderstood  what was not understood
 */
public record CaptureReading(String connector, String connectorClass, DatabaseRef database, TableFilter tables, String topicPrefix,
                             boolean databaseInTopic, TopicTransforms transforms, String slot, String plugin, String snapshotMode,
                             List<String> guesses, List<NotUnderstood> notUnderstood) implements ConnectorReading {
    public CaptureReading {
        guesses = List.copyOf(guesses);
        notUnderstood = List.copyOf(notUnderstood);
    }

    /** The topic the table {@code schema.table} is written to, after the transforms' renames. */
    public String topicOf(String schema, String table) {
        String raw = databaseInTopic && database.database() != null
                ? topicPrefix + "." + database.database() + "." + schema + "." + table
                : topicPrefix + "." + schema + "." + table;
        return transforms.route(raw);
    }
}
