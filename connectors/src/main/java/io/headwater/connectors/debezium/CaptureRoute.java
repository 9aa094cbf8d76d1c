package io.headwater.connectors.debezium;

import java.util.Objects;

/**
 * One captured table and the topic its changes go to.
 *
 * @param table the table's physical name, {@code schema.table} ({@code public.customers}); a name
 *              without a schema means {@code public}
 * @param topic the target topic ({@code demo.public.customers})
 */
public record CaptureRoute(String table, String topic) {
    public CaptureRoute {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(topic, "topic");
        if (table.indexOf('.') < 0) {
            table = "public." + table;
        }
    }
}
