package io.headwater.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a system-of-record table created by someone else: unquoted upper-case names, a schema. */
class JdbcTableReaderTest {
    private static final Dataset CUSTOMERS = new Dataset(new DatasetRef("h2", "customers"), "app.customers", List.of("id"), List.of(
            new Field("id", FieldType.INTEGER), new Field("name", FieldType.STRING), new Field("balance", FieldType.DECIMAL),
            new Field("created_at", FieldType.TIMESTAMP), new Field("born", FieldType.DATE)), null);

    @TempDir
    Path dir;
    private String url;

    @BeforeEach
    void createTable() throws SQLException {
        url = "jdbc:h2:file:" + dir.resolve("sor");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA app");
            s.execute("CREATE TABLE app.customers (id INTEGER PRIMARY KEY, name VARCHAR(50), balance NUMERIC(12,2), created_at TIMESTAMP, born DATE)");
            s.execute("INSERT INTO app.customers VALUES (10, 'Ten', 10.50, TIMESTAMP '2024-01-01 10:00:00.123456', DATE '2000-01-10'),"
                    + " (2, 'Two', NULL, NULL, NULL), (-3, 'Minus', 1, TIMESTAMP '2024-01-01 00:00:00', DATE '2000-01-01')");
        }
    }

    private JdbcTableReader reader() {
        return JdbcTableReader.open(() -> DriverManager.getConnection(url), url, SqlDialect.H2, CUSTOMERS);
    }

    @Test
    void resolvesUnquotedNamesAndScansInKeyOrder() {
        List<Row> rows = new ArrayList<>();
        try (JdbcTableReader r = reader()) {
            r.scan(rows::add);
            assertThat(r.count()).isEqualTo(3);
        }
        assertThat(rows).extracting(row -> row.get("id")).containsExactly(-3L, 2L, 10L);
        assertThat(rows.get(1).get("balance")).isNull();
        assertThat(rows.get(2).get("created_at")).isEqualTo(Instant.parse("2024-01-01T10:00:00.123456Z"));
        assertThat(rows.get(2).get("born")).isEqualTo(LocalDate.of(2000, 1, 10));
    }

    @Test
    void looksUpByKey() {
        try (JdbcTableReader r = reader()) {
            assertThat(r.lookup(Row.of("id", 10L))).map(row -> (BigDecimal) row.get("balance"))
                    .hasValueSatisfying(b -> assertThat(b).isEqualByComparingTo("10.5"));
            assertThat(r.lookup(Row.of("id", 11))).isEmpty();
        }
    }

    @Test
    void quotesQualifiedNames() {
        assertThat(SqlDialect.quoteQualified("public.cus\"tomers")).isEqualTo("\"public\".\"cus\"\"tomers\"");
        assertThat(SqlDialect.POSTGRES.orderBy("\"name\"", FieldType.STRING)).isEqualTo("\"name\" COLLATE \"C\"");
    }
}
