package io.headwater.connectors.jdbc;

import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.spi.DerivedSink;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** {@link SqlTableSink} on the machine's MariaDB (127.0.0.1:3306, root without password), a database per test. */
class MariaDbTableSinkIT extends SqlTableSinkContract {
    @Override
    protected SqlDialect dialect() {
        return SqlDialect.MYSQL;
    }

    @Override
    protected String hostPort() {
        return "127.0.0.1:3306";
    }

    @Override
    protected String user() {
        return "root";
    }

    /** MariaDB keeps a view's table by name: after the swap it reads the swapped-in table. */
    @Override
    protected boolean viewFollowsTheName() {
        return true;
    }

    @Override
    protected String[] indexOnEmail() {
        return new String[] {"CREATE INDEX customers_email ON customers (email)"};
    }

    @Override
    protected String countIndexedOnEmail(String table) {
        return "SELECT count(*) FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = '" + table
                + "' AND column_name = 'email'";
    }

    /** The state a crash leaves between the swap's steps: checkpoint rows and marker committed, RENAME TABLE run or not. */
    private String cutSwap(boolean renamed) throws SQLException {
        try (SqlTableSink live = openLive()) {
            liveWithShadow(live).close();
        }
        String previous = "customers__hw_prev_20260101000000";
        execute("INSERT INTO headwater_checkpoints VALUES ('" + previous + "', '" + through(1).encode() + "')",
                "INSERT INTO headwater_checkpoints VALUES ('customers#swapped-to=" + previous + "', '" + through(7).encode() + "')");
        if (renamed) {
            execute("RENAME TABLE customers TO " + previous + ", customers__hw_shadow TO customers");
        }
        return previous;
    }

    @Test
    void aSwapCutOffAfterTheRenameIsFinishedWhenTheTableIsNextOpened() throws SQLException {
        String previous = cutSwap(true);

        try (SqlTableSink live = openLive()) {
            assertThat(live.checkpoint()).isEqualTo(through(7));
            assertThat(live.hasShadow()).isFalse();
            assertThat(live.count()).isEqualTo(1);
        }
        assertThat(strings("SELECT dataset FROM headwater_checkpoints ORDER BY dataset")).containsExactly("customers", previous);
    }

    @Test
    void aSwapCutOffBeforeTheRenameIsForgottenAndItsShadowResumes() throws SQLException {
        cutSwap(false);

        try (SqlTableSink live = openLive()) {
            assertThat(live.checkpoint()).isEqualTo(through(1));
            assertThat(live.count()).isEqualTo(2);
            try (DerivedSink shadow = live.openShadow()) {
                assertThat(shadow.checkpoint()).isEqualTo(through(7));
            }
        }
        assertThat(strings("SELECT dataset FROM headwater_checkpoints ORDER BY dataset")).containsExactly("customers", "customers__hw_shadow");
    }
}
