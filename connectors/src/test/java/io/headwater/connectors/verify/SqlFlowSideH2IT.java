package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.SqlDialect;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.io.TempDir;

/** Flow sides with H2 as the system of record (the embedded default). */
class SqlFlowSideH2IT extends SqlFlowSideContract {
    @TempDir
    static Path dir;

    @Override
    ConnectionSource connections() {
        return () -> DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("record"));
    }

    @Override
    SqlDialect dialect() {
        return SqlDialect.H2;
    }
}
