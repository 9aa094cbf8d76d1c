package io.headwater.connectors.jdbc;

import io.headwater.engine.ConnectionException;
import io.headwater.engine.HeadwaterException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns a failed connection attempt into a {@link ConnectionException} a user can act on, by SQL
 * state: {@code 28xxx} (invalid authorization; MySQL error 1045) is a refused login, {@code 3D000}
 * (PostgreSQL) or MySQL error 1049 a missing database, H2's 90146 a missing database file, and
 * anything else a server that could not be reached. Messages name the system, the user and the
 * address; the password is never in them, even when a driver quotes it. Stateless.
 */
final class ConnectFailure {
    private static final int MYSQL_ACCESS_DENIED = 1045;
    private static final int MYSQL_UNKNOWN_DATABASE = 1049;
    private static final int H2_DATABASE_NOT_FOUND = 90146;

    private ConnectFailure() {
    }

    static HeadwaterException classify(JdbcEndpoint endpoint, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = endpoint.displayAddress();
        String system = "system '" + endpoint.systemId() + "': ";
        if (state.startsWith("28") || e.getErrorCode() == MYSQL_ACCESS_DENIED) {
            return ConnectionException.refused(endpoint.systemId(), where,
                    system + "authentication failed for user '" + endpoint.user() + "' at " + where, e);
        }
        if (state.equals("3D000") || e.getErrorCode() == MYSQL_UNKNOWN_DATABASE || e.getErrorCode() == H2_DATABASE_NOT_FOUND) {
            return ConnectionException.refused(endpoint.systemId(), where,
                    system + "no such database at " + where + ": " + scrub(endpoint, e.getMessage()), e);
        }
        return ConnectionException.refused(endpoint.systemId(), where, system + "cannot reach " + where + ": " + reason(endpoint, e), e);
    }

    /** The innermost cause's message (a socket's "Connection refused"), or the driver's. */
    private static String reason(JdbcEndpoint endpoint, SQLException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t instanceof UnknownHostException ? "unknown host " + t.getMessage() : t.getMessage();
        return scrub(endpoint, m == null ? t.getClass().getSimpleName() : m);
    }

    private static String scrub(JdbcEndpoint endpoint, String message) {
        String m = message == null ? "" : message;
        if (endpoint.password() != null && !endpoint.password().reveal().isEmpty()) {
            m = m.replace(endpoint.password().reveal(), "******");
        }
        return SqlFailures.address(m);
    }
}
