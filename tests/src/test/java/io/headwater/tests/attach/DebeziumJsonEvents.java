package io.headwater.tests.attach;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Change events as Debezium's PostgreSQL connector writes them with the JSON converter without
 * schemas and {@code decimal.handling.mode=string}: the key is the primary key's columns, the value an
 * envelope of {@code before}, {@code after}, {@code source} and {@code op}; a delete is followed by a
 * tombstone. {@code timestamptz} columns are ISO strings (Debezium's ZonedTimestamp), {@code numeric}
 * strings, {@code uuid} strings. Rows are read from the table, as the connector's snapshot does.
 * Not thread-safe: it counts log sequence numbers.
 */
final class DebeziumJsonEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String prefix;
    private final String database;
    private long lsn = 1_000;

    /** @param prefix the connector's {@code topic.prefix}; topics are {@code prefix.public.TABLE} */
    DebeziumJsonEvents(String prefix, String database) {
        this.prefix = prefix;
        this.database = database;
    }

    /** The rows of {@code table} as Debezium sees them, in key order. */
    static List<Map<String, Object>> rows(Connection c, String table, String key) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY " + key)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnName(i), value(rs, i, md.getColumnTypeName(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Object value(ResultSet rs, int i, String type) throws SQLException {
        return switch (type) {
            case "timestamptz" -> rs.getObject(i, OffsetDateTime.class).toInstant();
            case "numeric" -> rs.getBigDecimal(i);
            case "uuid" -> rs.getObject(i, UUID.class);
            default -> rs.getObject(i);
        };
    }

    /** A snapshot read ({@code op: r}) of {@code row}. */
    ProducerRecord<String, String> read(String table, String key, Map<String, Object> row) {
        return event(table, key, "r", null, row);
    }

    /** An update ({@code op: u}) from {@code before} to {@code after}. */
    ProducerRecord<String, String> update(String table, String key, Map<String, Object> before, Map<String, Object> after) {
        return event(table, key, "u", before, after);
    }

    /** A delete ({@code op: d}) and the tombstone that follows it. */
    List<ProducerRecord<String, String>> delete(String table, String key, Map<String, Object> before) {
        ProducerRecord<String, String> d = event(table, key, "d", before, null);
        return List.of(d, new ProducerRecord<>(d.topic(), d.key(), null));
    }

    String topic(String table) {
        return prefix + ".public." + table;
    }

    private ProducerRecord<String, String> event(String table, String key, String op, Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> image = after != null ? after : before;
        ObjectNode k = JSON.createObjectNode();
        put(k, key, image.get(key));
        long now = System.currentTimeMillis();
        ObjectNode v = JSON.createObjectNode();
        v.set("before", before == null ? null : node(before));
        v.set("after", after == null ? null : node(after));
        ObjectNode source = v.putObject("source");
        source.put("version", "2.7.3.Final").put("connector", "postgresql").put("name", prefix).put("ts_ms", now)
                .put("snapshot", op.equals("r") ? "true" : "false").put("db", database).put("schema", "public").put("table", table)
                .put("lsn", lsn += 64);
        v.put("op", op).put("ts_ms", now);
        return new ProducerRecord<>(topic(table), k.toString(), v.toString());
    }

    private static ObjectNode node(Map<String, Object> row) {
        ObjectNode n = JSON.createObjectNode();
        row.forEach((field, value) -> put(n, field, value));
        return n;
    }

    private static void put(ObjectNode n, String field, Object value) {
        if (value == null) {
            n.putNull(field);
        } else if (value instanceof Integer i) {
            n.put(field, i);
        } else if (value instanceof Long l) {
            n.put(field, l);
        } else if (value instanceof BigDecimal d) {
            n.put(field, d.toPlainString());
        } else if (value instanceof Instant t) {
            n.put(field, t.toString());
        } else {
            n.put(field, value.toString());
        }
    }
}
