package io.headwater.connectors.connect;

import io.headwater.connectors.jdbc.JdbcEndpoint;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.discover.SchemaCatalog;
import io.headwater.engine.model.Secret;
import io.headwater.engine.model.SystemKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A database's tables, columns and primary keys from its {@code information_schema}, over a read-only
 * connection ({@link JdbcEndpoint#readOnly()}); the password, if any, is read from the environment
 * variable the discovered config names. PostgreSQL: every schema but the system ones; MySQL/MariaDB:
 * the connected database. A server that cannot be reached fails with the {@code ConnectionException} of
 * {@link JdbcEndpoint#readOnly()}. Thread-safe: each call opens and closes its own connection.
 */
public final class InformationSchemaCatalog implements SchemaCatalog {
    private static final String COLUMNS = """
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE t.table_type = 'BASE TABLE' AND %s
            ORDER BY c.table_schema, c.table_name, c.ordinal_position""";
    private static final String KEYS = """
            SELECT k.table_schema, k.table_name, k.column_name
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name
             AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name
            WHERE tc.constraint_type = 'PRIMARY KEY' AND %s
            ORDER BY k.table_schema, k.table_name, k.ordinal_position""";

    private final Function<String, String> environment;

    /** @param environment the environment variables passwords are read from */
    public InformationSchemaCatalog(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public List<TableSchema> tables(Target target) {
        SqlDialect dialect = target.kind() == SystemKind.MYSQL ? SqlDialect.MYSQL : SqlDialect.POSTGRES;
        if (target.kind() != SystemKind.MYSQL && target.kind() != SystemKind.POSTGRES) {
            throw new HeadwaterException(target.describe() + " is not a SQL database");
        }
        Secret password = null;
        if (target.passwordVariable() != null) {
            String value = environment.apply(target.passwordVariable());
            if (value == null) {
                throw new HeadwaterException("the connector logs in to " + target.describe() + " with a password: set "
                        + target.passwordVariable() + " to read its tables");
            }
            password = Secret.fromEnvironment(target.passwordVariable(), value);
        }
        String scheme = dialect == SqlDialect.POSTGRES ? "jdbc:postgresql://" : "jdbc:mariadb://";
        JdbcEndpoint endpoint = new JdbcEndpoint(dialect, scheme + target.address() + "/" + target.database(), target.user(), password,
                Map.of(), target.address(), target.database());
        String where = dialect == SqlDialect.POSTGRES
                ? "c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg\\_%'"
                : "c.table_schema = DATABASE()";
        try (Connection c = endpoint.readOnly().open()) {
            Map<String, List<Column>> columns = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(COLUMNS.formatted(where)); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1) + "." + rs.getString(2), k -> new ArrayList<>())
                            .add(SchemaCatalog.column(rs.getString(3), rs.getString(4)));
                }
            }
            Map<String, List<String>> keys = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(KEYS.formatted(where.replace("c.table_schema", "k.table_schema")));
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.computeIfAbsent(rs.getString(1) + "." + rs.getString(2), k -> new ArrayList<>()).add(rs.getString(3));
                }
            }
            List<TableSchema> out = new ArrayList<>();
            columns.forEach((qualified, cols) -> {
                int dot = qualified.indexOf('.');
                out.add(new TableSchema(qualified.substring(0, dot), qualified.substring(dot + 1), cols, keys.getOrDefault(qualified, List.of())));
            });
            return out;
        } catch (SQLException e) {
            throw new HeadwaterException("cannot read the tables of " + target.describe() + ": " + e.getMessage(), e);
        }
    }
}
