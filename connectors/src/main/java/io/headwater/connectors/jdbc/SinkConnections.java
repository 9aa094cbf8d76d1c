package io.headwater.connectors.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two writable connections of a {@link SqlTableSink}: one for its transactions (auto-commit
 * off) and one for counts (auto-commit on, so it holds no locks between calls). A connection found
 * lost (the server restarted, the network failed) is marked broken and both are opened again on the
 * next call. Not thread-safe: the sink's lock guards it.
 */
final class SinkConnections {
    private static final Logger LOG = LoggerFactory.getLogger(SinkConnections.class);
    private static final int VALID_TIMEOUT_S = 5;

    private final JdbcEndpoint endpoint;
    private Connection writes;
    private Connection reads;
    private volatile boolean broken;

    SinkConnections(JdbcEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    void open() throws SQLException {
        writes = endpoint.writable().open();
        reads = endpoint.writable().open();
        writes.setAutoCommit(false);
    }

    Connection writes() {
        return writes;
    }

    Connection reads() {
        return reads;
    }

    void markBroken() {
        broken = true;
    }

    boolean broken() {
        return broken;
    }

    /** Asks the server whether the transaction connection still holds (a round trip); marks both broken when not. */
    void check() {
        try {
            if (!broken && !writes.isValid(VALID_TIMEOUT_S)) {
                broken = true;
            }
        } catch (SQLException e) {
            LOG.debug("cannot ask {} whether a connection holds", endpoint.displayAddress(), e);
            broken = true;
        }
    }

    /**
     * Opens both connections again when they are broken.
     *
     * @return whether it did (the caller then takes its state again from the database)
     */
    boolean reopenIfBroken() throws SQLException {
        if (!broken) {
            return false;
        }
        for (Connection lost : new Connection[] {reads, writes}) {
            try {
                lost.close();
            } catch (SQLException e) {
                LOG.debug("closing a lost connection to {} failed", endpoint.displayAddress(), e);
            }
        }
        open();
        broken = false;
        return true;
    }

    /** Closes both, adding what closing throws to {@code cause}. */
    void closeQuietly(RuntimeException cause) {
        for (Connection c : new Connection[] {reads, writes}) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException e) {
                    cause.addSuppressed(e);
                }
            }
        }
    }

    /** Closes both; throws the last failure after trying both. */
    void close() throws SQLException {
        SQLException failure = null;
        for (Connection c : new Connection[] {writes, reads}) {
            try {
                if (c != null && !c.isClosed()) {
                    c.close();
                }
            } catch (SQLException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
