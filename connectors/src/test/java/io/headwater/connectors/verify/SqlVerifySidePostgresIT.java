package io.headwater.connectors.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.postgres.EmbeddedPostgresServer;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.KeyRange;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL verify side on a real (embedded) PostgreSQL 14. */
class SqlVerifySidePostgresIT extends SqlVerifySideContract {
    @TempDir
    static Path dir;
    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedPostgresServer.start(dir.resolve("pg"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    ConnectionSource connections() {
        return () -> server.dataSource().getConnection();
    }

    @Override
    SqlDialect dialect() {
        return SqlDialect.POSTGRES;
    }

    @Override
    boolean ordersSupplementaryByCodePoint() {
        return true;
    }

    @Test
    void aStoppedServerIsAConnectionProblemNotAResult(@TempDir Path own) throws SQLException {
        EmbeddedPostgresServer mine = EmbeddedPostgresServer.start(own.resolve("pg"));
        ConnectionSource connections = () -> mine.dataSource().getConnection();
        List<Field> fields = List.of(new Field("id", FieldType.INTEGER), new Field("s", FieldType.STRING));
        try (Connection c = connections.open()) {
            VerifyFixtures.createTable(c, SqlDialect.POSTGRES, "gone", fields, List.of("id"));
            VerifyFixtures.insert(c, "gone", fields, List.of(Row.of("id", 1L, "s", "x")));
        }
        try (SqlVerifySide side = SqlVerifySide.open(connections, SqlDialect.POSTGRES, VerifyFixtures.dataset("pg", "gone", List.of("id"), fields),
                List.of(fields.get(0)), VerifyFixtures.asIs(fields), false, "pg.gone")) {
            assertThat(side.count()).isEqualTo(1);
            mine.close();
            assertThatThrownBy(side::count).isInstanceOf(ConnectionException.class).hasMessageContaining("localhost");
            assertThatThrownBy(() -> side.checksums(List.of(KeyRange.ALL), FingerprintAlgorithm.SHA256_64))
                    .isInstanceOf(ConnectionException.class);
            assertThatThrownBy(() -> side.scan(KeyRange.ALL, FingerprintAlgorithm.SHA256_64, true, r -> { }))
                    .isInstanceOf(ConnectionException.class);
        }
    }
}
