package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.ConnectionSource;
import io.headwater.connectors.jdbc.SqlDialect;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL verify side on an H2 file database. H2 orders strings by UTF-16 code unit, which differs
 * from code point order only between supplementary characters and U+E000..U+FFFF; those are left
 * out of the ordering test.
 */
class SqlVerifySideH2IT extends SqlVerifySideContract {
    @TempDir
    static Path dir;

    @Override
    ConnectionSource connections() {
        return () -> DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("verify") + ";QUERY_CACHE_SIZE=0");
    }

    @Override
    SqlDialect dialect() {
        return SqlDialect.H2;
    }

    @Override
    boolean ordersSupplementaryByCodePoint() {
        return false;
    }
}
