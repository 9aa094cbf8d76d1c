package io.headwater.connectors.h2;

import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generations of one derived table in H2 and the DDL that switches between them. The dataset's
 * name ({@code BALANCES}) is a view over the live generation's table ({@code BALANCES_G2}), so every
 * reader that names the dataset (plain SQL, {@link H2TableReader}, the verifier) reads the live
 * generation; which one that is, the view's definition says, and nothing else: switching is the one
 * statement {@code CREATE OR REPLACE VIEW}, atomic for readers and after a crash. A shadow is a
 * generation table numbered above the live one; one numbered below is a leftover of a promotion
 * interrupted before it dropped it.
 *
 * <p>H2 commits every DDL statement on its own (and the open transaction with it), so no sequence
 * of DDL here is one transaction; each step is ordered so that a crash between two of them leaves
 * the live generation readable, and {@link #settle} finishes or cleans up what was left. Stateless
 * apart from the dataset; uses the caller's connection.
 */
final class TableGenerations {
    /** How a generation's tables are created (the flow's table writer); idempotent. */
    @FunctionalInterface
    interface Creator {
        void create(Connection c, TableGeneration generation) throws SQLException;
    }

    private final Dataset dataset;
    private final String schema;
    private final String name;
    private final Pattern generationTable;
    private final Pattern viewSource;

    TableGenerations(Dataset dataset) {
        this.dataset = dataset;
        this.schema = TargetTable.schemaOf(dataset.physicalName());
        this.name = TargetTable.nameOf(dataset.physicalName());
        this.generationTable = Pattern.compile(Pattern.quote(name + TableGeneration.SUFFIX) + "(\\d+)");
        this.viewSource = Pattern.compile("\"" + Pattern.quote(name + TableGeneration.SUFFIX) + "(\\d+)\"");
    }

    /**
     * The generation the dataset's name shows: the view's, or the in-place one for a plain table;
     * empty when the name is absent or is a view Headwater did not make.
     */
    Optional<TableGeneration> live(Connection c) throws SQLException {
        String type = tableType(c, name);
        if ("BASE TABLE".equals(type)) {
            return Optional.of(TableGeneration.inPlace(dataset.physicalName()));
        }
        if ("VIEW".equals(type)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
                ps.setString(1, schema(c));
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    Matcher m = rs.next() && rs.getString(1) != null ? viewSource.matcher(rs.getString(1)) : null;
                    if (m != null && m.find()) {
                        return Optional.of(TableGeneration.of(dataset.physicalName(), Integer.parseInt(m.group(1))));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The numbers of the generation tables present, ascending. */
    List<Integer> numbers(Connection c) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME LIKE ? ESCAPE '!' ORDER BY TABLE_NAME")) {
            ps.setString(1, schema(c));
            ps.setString(2, (name + TableGeneration.SUFFIX).replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Matcher m = generationTable.matcher(rs.getString(1));
                    if (m.matches()) {
                        out.add(Integer.parseInt(m.group(1)));
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * On opening the live sink: the live generation, after finishing what a crash interrupted. A
     * plain table stays as it is (in place). A view: its generation (tables created if missing),
     * leftovers of an interrupted promotion dropped. Neither: a fresh dataset, or a move aside cut
     * between renaming the table and creating the view; the lowest generation present (else a new
     * generation 0) becomes live.
     */
    TableGeneration settle(Connection c, Creator creator) throws SQLException {
        String type = tableType(c, name);
        if (type != null) {
            TableGeneration live = live(c).orElseThrow(() -> new StoreException("table " + dataset.physicalName() + " for " + dataset.ref()
                    + " is a view that Headwater did not create; drop it or choose another physical name"));
            creator.create(c, live);
            for (int n : numbers(c)) {
                if (n < live.number()) {
                    drop(c, TableGeneration.of(dataset.physicalName(), n));
                }
            }
            return live;
        }
        List<Integer> present = numbers(c);
        TableGeneration first = TableGeneration.of(dataset.physicalName(), present.isEmpty() ? 0 : present.get(0));
        if (first.number() == 0) {
            renameLegacyStage(c, first);
        }
        creator.create(c, first);
        pointAt(c, first);
        return first;
    }

    /**
     * Turns the in-place table into generation 0 behind a view of the dataset's name. Between the
     * rename and the view (two DDL commits) the name is briefly absent: a reader opened in that
     * instant fails, and after a crash there the next {@link #settle} creates the view. This happens
     * once per table written before rebuilds existed; tables created since start as views.
     */
    TableGeneration moveAside(Connection c, Creator creator) throws SQLException {
        TableGeneration g0 = TableGeneration.of(dataset.physicalName(), 0);
        execute(c, "ALTER TABLE IF EXISTS " + TargetTable.table(dataset.physicalName()) + " RENAME TO " + quotedName(g0.physicalName()));
        renameLegacyStage(c, g0);
        creator.create(c, g0);
        pointAt(c, g0);
        return g0;
    }

    /** Moves the in-place staging table (and its index) to generation 0's names, if it is there. */
    private void renameLegacyStage(Connection c, TableGeneration g0) throws SQLException {
        String legacyStage = TargetTable.sibling(dataset.physicalName(), AggregateTableWriter.STAGE_PREFIX);
        if (tableType(c, TargetTable.nameOf(AggregateTableWriter.STAGE_PREFIX + name)) != null) {
            execute(c, "ALTER TABLE " + legacyStage + " RENAME TO " + quotedName(AggregateTableWriter.STAGE_PREFIX + g0.physicalName()));
            execute(c, "ALTER INDEX IF EXISTS " + TargetTable.sibling(dataset.physicalName(), AggregateTableWriter.STAGE_INDEX_PREFIX)
                    + " RENAME TO " + quotedName(AggregateTableWriter.STAGE_INDEX_PREFIX + g0.physicalName()));
        }
    }

    /** The switch: the dataset's name shows {@code generation} from this statement on. One DDL commit. */
    void pointAt(Connection c, TableGeneration generation) throws SQLException {
        execute(c, "CREATE OR REPLACE VIEW " + TargetTable.table(dataset.physicalName()) + " AS SELECT "
                + TargetTable.columns(dataset.fieldNames()) + " FROM " + generation.table());
    }

    /**
     * Drops a generation that is not live: staging table, checkpoint row, then the table itself last,
     * because the table is what marks a generation as present; a crash midway leaves a table without
     * checkpoint, which {@link H2AnalyticsSink#openShadow()} recreates from nothing.
     */
    void drop(Connection c, TableGeneration generation) throws SQLException {
        execute(c, "DROP TABLE IF EXISTS " + generation.stage());
        TargetTable.CHECKPOINTS.delete(c, generation.checkpointKey());
        if (!c.getAutoCommit()) {
            c.commit();
        }
        execute(c, "DROP TABLE IF EXISTS " + generation.table());
    }

    /** The table type (BASE TABLE, VIEW) of {@code table} in the dataset's schema, or null when absent. */
    private String tableType(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, schema(c));
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private String schema(Connection c) throws SQLException {
        return schema != null ? schema : c.getSchema();
    }

    /** The quoted name of a table in the dataset's schema, without the schema (for RENAME TO). */
    private static String quotedName(String physicalName) {
        return SqlDialect.quote(TargetTable.nameOf(physicalName));
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
