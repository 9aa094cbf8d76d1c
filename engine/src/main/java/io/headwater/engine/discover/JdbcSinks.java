package io.headwater.engine.discover;

import io.headwater.engine.model.SystemKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads JDBC sink connectors: Confluent's ({@code pk.mode}, {@code pk.fields}, {@code insert.mode},
 * {@code delete.enabled}, {@code table.name.format}), Debezium's ({@code primary.key.mode},
 * {@code primary.key.fields}, {@code connection.username}; topic dots become underscores in table
 * names) and Aiven's (Confluent's keys); any other sink with a {@code jdbc:} {@code connection.url}
 * by the same keys, as a guess. Stateless.
 */
final class JdbcSinks {
    static final String CONFLUENT = "io.confluent.connect.jdbc.JdbcSinkConnector";
    static final String DEBEZIUM = "io.debezium.connector.jdbc.JdbcSinkConnector";
    static final String AIVEN = "io.aiven.connect.jdbc.JdbcSinkConnector";
    private static final Set<String> KNOWN = Set.of(CONFLUENT, DEBEZIUM, AIVEN);

    private JdbcSinks() {
    }

    static boolean handles(ConnectorSnapshot snapshot) {
        return KNOWN.contains(snapshot.connectorClass())
                || (!snapshot.type().equals("source") && snapshot.config().getOrDefault("connection.url", "").startsWith("jdbc:")
                && (snapshot.config().containsKey("topics") || snapshot.config().containsKey("topics.regex")));
    }

    static ConnectorReading read(ConnectorSnapshot snapshot) {
        SinkBasics b = new SinkBasics(snapshot);
        String cls = snapshot.connectorClass();
        boolean debezium = cls.equals(DEBEZIUM);
        if (!KNOWN.contains(cls)) {
            b.guesses.add("connector.class " + cls + " is not a JDBC sink discovery knows; read as one by its keys "
                    + "(connection.url, topics, pk.mode, insert.mode, table.name.format)");
        }
        String url = b.config.getOr("connection.url", "");
        Optional<Endpoints.Url> parsed = Endpoints.jdbc(url);
        SystemKind kind = parsed.map(u -> switch (u.scheme()) {
            case "postgresql" -> SystemKind.POSTGRES;
            case "mysql", "mariadb" -> SystemKind.MYSQL;
            default -> null;
        }).orElse(null);
        if (parsed.isEmpty() || kind == null) {
            b.unread("connection.url " + url.replaceAll("password=[^&;]*", "password=***"),
                    "not a PostgreSQL or MySQL/MariaDB JDBC URL Headwater can attach; its tables are not verified");
        }
        Endpoints.Url u = parsed.orElse(new Endpoints.Url("unknown", "unknown", -1, "", null, false));
        int defaultPort = kind == SystemKind.MYSQL ? 3306 : 5432;
        String user = b.config.get("connection.user", "connection.username").orElse(u.user());
        boolean password = b.hasPassword("connection.password") || u.password();
        if (u.password()) {
            b.guesses.add("connection.url carries a password: not copied, give it as ${VAR}");
        }
        SinkStore store = new SinkStore(kind, u.scheme(), u.host() + ":" + u.portOr(defaultPort), u.path().isEmpty() ? null : u.path(),
                user, password, null);

        String pkMode = b.config.get("primary.key.mode", "pk.mode").orElse("none").toLowerCase(Locale.ROOT);
        List<String> pkFields = b.config.list("primary.key.fields", "pk.fields");
        boolean fromRecordKey = pkMode.equals("record_key");
        switch (pkMode) {
            case "record_key", "record_value" -> {
                if (pkMode.equals("record_value") && pkFields.isEmpty()) {
                    b.guesses.add("pk.mode record_value without pk.fields: every value field is the key; the table's primary key is taken");
                }
            }
            case "kafka" -> b.guesses.add("pk.mode kafka: rows are keyed by topic, partition and offset, an append log; "
                    + "the table's primary key is taken, so a record updated twice shows as extra rows");
            default -> b.guesses.add("pk.mode " + pkMode + ": the sink writes no key; the table's primary key is taken");
        }
        String insertMode = b.config.getOr("insert.mode", "insert").toLowerCase(Locale.ROOT);
        if (insertMode.equals("insert")) {
            b.guesses.add("insert.mode insert: an update or a redelivered record fails or duplicates a row");
        }
        boolean deletes = b.config.bool("delete.enabled", false);
        if (!deletes) {
            b.guesses.add("delete.enabled is false: rows deleted upstream stay in the table");
        }
        String format = b.config.get("table.name.format", "collection.name.format").orElse("${topic}");
        UnaryOperator<String> naming = topic -> {
            String name = format.replace("${topic}", topic);
            return debezium ? name.replace('.', '_') : name;
        };
        return new SinkReading(snapshot.name(), cls, store, b.topics, b.topicsRegex, b.transforms, naming,
                pkFields, fromRecordKey && pkFields.isEmpty(), deletes, insertMode, b.consumerGroup,
                b.guesses, b.unread);
    }
}
