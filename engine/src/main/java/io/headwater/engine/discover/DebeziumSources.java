package io.headwater.engine.discover;

import io.headwater.engine.model.SystemKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Debezium's source connectors: PostgreSQL and MySQL/MariaDB by their documented keys, the
 * others (SQL Server, Oracle, Db2, ...) by the keys they share. Older key names
 * ({@code database.server.name}, {@code table.whitelist}, ...) are read where the current ones are
 * absent. Stateless.
 */
final class DebeziumSources {
    static final String POSTGRES = "io.debezium.connector.postgresql.PostgresConnector";
    static final String MYSQL = "io.debezium.connector.mysql.MySqlConnector";
    static final String MARIADB = "io.debezium.connector.mariadb.MariaDbConnector";
    static final String SQLSERVER = "io.debezium.connector.sqlserver.SqlServerConnector";

    private record Flavor(String name, SystemKind kind, int defaultPort) {
    }

    private static final Map<String, Flavor> FLAVORS = Map.of(
            POSTGRES, new Flavor("postgresql", SystemKind.POSTGRES, 5432),
            MYSQL, new Flavor("mysql", SystemKind.MYSQL, 3306),
            MARIADB, new Flavor("mariadb", SystemKind.MYSQL, 3306),
            SQLSERVER, new Flavor("sqlserver", null, 1433),
            "io.debezium.connector.oracle.OracleConnector", new Flavor("oracle", null, 1521),
            "io.debezium.connector.db2.Db2Connector", new Flavor("db2", null, 50000),
            "io.debezium.connector.informix.InformixConnector", new Flavor("informix", null, 9088));

    private DebeziumSources() {
    }

    /** Whether {@code snapshot} looks like a Debezium source: a known class, or Debezium's keys on a source. */
    static boolean handles(ConnectorSnapshot snapshot) {
        String cls = snapshot.connectorClass();
        if (FLAVORS.containsKey(cls)) {
            return true;
        }
        Map<String, String> c = snapshot.config();
        boolean debeziumKeys = c.containsKey("database.hostname") && (c.containsKey("topic.prefix") || c.containsKey("database.server.name"));
        return debeziumKeys && !snapshot.type().equals("sink");
    }

    static ConnectorReading read(ConnectorSnapshot snapshot) {
        String cls = snapshot.connectorClass();
        ConnectorConfig c = new ConnectorConfig(snapshot.name(), snapshot.config());
        List<String> guesses = new ArrayList<>();
        List<NotUnderstood> unread = new ArrayList<>();
        Flavor flavor = FLAVORS.get(cls);
        if (flavor == null) {
            String name = cls.startsWith("io.debezium.connector.") ? cls.split("\\.")[3] : "unknown";
            flavor = new Flavor(name, null, -1);
            guesses.add("connector.class " + cls + " is not one discovery knows; read by the keys Debezium's connectors share");
        }
        Optional<String> host = c.get("database.hostname");
        if (host.isEmpty()) {
            return new ConnectorReading.Unread(snapshot.name(), cls, List.of(new NotUnderstood(snapshot.name(),
                    "connector.class " + cls, "has no database.hostname: cannot tell which database it captures")));
        }
        int port = port(c, flavor, guesses);
        String database = database(c, flavor, guesses);
        DatabaseRef db = new DatabaseRef(flavor.kind(), flavor.name(), host.get(), port, database,
                c.get("database.user").orElse(null), c.has("database.password"));
        if (flavor.kind() == null) {
            unread.add(new NotUnderstood(snapshot.name(), "database " + db.describe(),
                    "Headwater cannot attach a " + flavor.name() + " database; its topics are listed, its tables are not verified"));
        }

        String prefix = c.get("topic.prefix", "database.server.name").orElse(null);
        if (prefix == null) {
            prefix = snapshot.name();
            guesses.add("neither topic.prefix nor database.server.name is set: topics taken to start with the connector's name");
        } else if (c.keyOf("topic.prefix", "database.server.name").orElse("").equals("database.server.name")) {
            guesses.add("topic prefix read from database.server.name (the key before Debezium 2.0)");
        }
        boolean mysqlLike = flavor.kind() == SystemKind.MYSQL;
        TableFilter tables = new TableFilter(
                mysqlLike ? c.list("database.include.list", "database.whitelist") : c.list("schema.include.list", "schema.whitelist"),
                mysqlLike ? c.list("database.exclude.list", "database.blacklist") : c.list("schema.exclude.list", "schema.blacklist"),
                c.list("table.include.list", "table.whitelist"),
                c.list("table.exclude.list", "table.blacklist"));
        for (String bad : tables.invalidPatterns()) {
            unread.add(new NotUnderstood(snapshot.name(), "table filter '" + bad + "'", "not a regular expression; ignored"));
        }
        TopicTransforms transforms = TopicTransforms.read(c);
        unread.addAll(transforms.notUnderstood());

        String slot = null;
        String plugin = null;
        if (flavor.kind() == SystemKind.POSTGRES) {
            slot = c.get("slot.name").orElse(null);
            if (slot == null) {
                slot = "debezium";
                guesses.add("slot.name is not set: Debezium's default slot 'debezium'");
            }
            plugin = c.getOr("plugin.name", "pgoutput");
        }
        return new CaptureReading(snapshot.name(), cls, db, tables, prefix, flavor.name().equals("sqlserver"), transforms, slot, plugin,
                c.getOr("snapshot.mode", "initial"), guesses, unread);
    }

    private static int port(ConnectorConfig c, Flavor flavor, List<String> guesses) {
        Optional<String> port = c.get("database.port");
        if (port.isPresent() && port.get().matches("\\d{1,5}")) {
            return Integer.parseInt(port.get());
        }
        guesses.add("database.port " + port.map(p -> "'" + p + "' is not a port").orElse("is not set") + ": the default "
                + flavor.defaultPort() + " of " + flavor.name());
        return flavor.defaultPort();
    }

    private static String database(ConnectorConfig c, Flavor flavor, List<String> guesses) {
        if (flavor.kind() == SystemKind.MYSQL) {
            // MySQL captures databases of a server; Headwater connects to one and names tables db.table
            List<String> included = c.list("database.include.list", "database.whitelist");
            if (included.size() == 1 && included.get(0).matches("[A-Za-z0-9_$]+")) {
                return included.get(0);
            }
            guesses.add("MySQL captures " + (included.isEmpty() ? "every database" : "databases " + included)
                    + " of the server; the system connects to " + (included.isEmpty() ? "'mysql'" : "the first") + " and names tables db.table");
            return included.isEmpty() ? "mysql" : included.get(0).replaceAll("[^A-Za-z0-9_$]", "");
        }
        Optional<String> db = c.get("database.dbname", "database.names");
        if (db.isPresent()) {
            List<String> names = ConnectorConfig.split(db.get());
            if (names.size() > 1) {
                guesses.add("database.names lists " + names + ": the system connects to the first");
            }
            return names.get(0);
        }
        guesses.add("database.dbname is not set: the user's default database, named after the user");
        return c.get("database.user").orElse("postgres");
    }
}
