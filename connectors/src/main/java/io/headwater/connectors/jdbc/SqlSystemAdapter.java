package io.headwater.connectors.jdbc;

import io.headwater.connectors.verify.SqlVerifySide;
import io.headwater.engine.ConnectionException;
import io.headwater.engine.ReadOnlyException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.SystemAdapter;
import io.headwater.engine.spi.VerifySide;
import io.headwater.engine.status.DatasetStatus;
import io.headwater.engine.status.SystemStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The adapter of a SQL database (PostgreSQL, MySQL/MariaDB, H2), hosted or attached: row counts for
 * status, a reader per table, both verification sides with checksums pushed down into the database
 * ({@link SqlVerifySide}), and a sink for flows Headwater runs ({@link SqlTableSink} for PostgreSQL and
 * MySQL, the H2 analytics sink for H2), refused with {@link ReadOnlyException} unless Headwater may
 * write the system. Every connection comes from the system's {@link JdbcEndpoint}, read-only unless
 * Headwater may write the system.
 * Thread-safe.
 */
public final class SqlSystemAdapter implements SystemAdapter {
    private static final int STATUS_TIMEOUT_S = 30;

    private final SystemSpec system;
    private final JdbcEndpoint endpoint;
    private final ConnectionSource connections;
    private final BiFunction<Dataset, Flow, DerivedSink> sinks;

    /**
     * @param sinks opens a sink for a hosted flow into this system; null when the kind has no sink
     */
    public SqlSystemAdapter(SystemSpec system, JdbcEndpoint endpoint, BiFunction<Dataset, Flow, DerivedSink> sinks) {
        this.system = system;
        this.endpoint = endpoint;
        this.connections = endpoint.connections(system.mayWrite());
        this.sinks = sinks;
    }

    @Override
    public SystemSpec system() {
        return system;
    }

    @Override
    public SystemStatus status() {
        try (Connection c = connections.open(); Statement st = c.createStatement()) {
            st.setQueryTimeout(STATUS_TIMEOUT_S);
            List<DatasetStatus> datasets = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Dataset d : system.datasets()) {
                datasets.add(DatasetStatus.sizeOnly(d.ref(), countRows(st, d, problems)));
            }
            return new SystemStatus(system.id(), system.kind(), system.role(), true, endpoint.displayAddress(), String.join("; ", problems), datasets);
        } catch (ConnectionException e) {
            return SystemStatus.unreachable(system.id(), system.kind(), system.role(), endpoint.displayAddress(), e.problem());
        } catch (SQLException e) {
            return SystemStatus.unreachable(system.id(), system.kind(), system.role(), endpoint.displayAddress(), e.getMessage());
        }
    }

    private long countRows(Statement st, Dataset d, List<String> problems) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + endpoint.dialect().quoteName(d.physicalName()))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            problems.add(d.physicalName() + ": " + e.getMessage());
            return -1;
        }
    }

    @Override
    public Optional<DatasetReader> reader(Dataset dataset) {
        return Optional.of(JdbcTableReader.open(connections, endpoint.displayAddress(), endpoint.dialect(), dataset));
    }

    /** Checksums in SQL for PostgreSQL and H2; a MySQL table is read in key order and hashed in Java. */
    @Override
    public Optional<VerifySide> storedSide(Dataset source, Dataset target, Flow flow) {
        if (endpoint.dialect() == SqlDialect.MYSQL) {
            return SystemAdapter.super.storedSide(source, target, flow);
        }
        return Optional.of(SqlVerifySide.forDerived(connections, endpoint.dialect(), source, target, flow));
    }

    @Override
    public Optional<VerifySide> mappedSide(Dataset source, Dataset target, Flow flow) {
        if (endpoint.dialect() == SqlDialect.MYSQL) {
            return Optional.empty();
        }
        return Optional.of(SqlVerifySide.forFlow(connections, endpoint.dialect(), source, target, flow));
    }

    @Override
    public Optional<DerivedSink> sink(Dataset dataset, Flow flow) {
        if (sinks == null) {
            return Optional.empty();
        }
        if (!system.mayWrite()) {
            throw ReadOnlyException.refusing("keeping " + dataset.ref() + " from flow " + flow.id(), system.id());
        }
        return Optional.of(sinks.apply(dataset, flow));
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type.isInstance(endpoint)) {
            return Optional.of(type.cast(endpoint));
        }
        if (type == ConnectionSource.class) {
            return Optional.of(type.cast(connections));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        // Connections are opened per call; nothing is held.
    }
}
