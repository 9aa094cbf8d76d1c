package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.connectors.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Flow sides with PostgreSQL as the system of record. */
class SqlFlowSidePostgresIT extends SqlFlowSideContract {
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
}
