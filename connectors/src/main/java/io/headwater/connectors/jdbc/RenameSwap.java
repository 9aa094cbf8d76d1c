package io.headwater.connectors.jdbc;

import io.headwater.engine.StoreException;
import io.headwater.engine.spi.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * How a rebuilt shadow table replaces the live one in PostgreSQL or MySQL/MariaDB: by renaming.
 * The live table {@code T} becomes {@code T__hw_prev_<UTC yyyyMMddHHmmss>} and the shadow
 * {@code T__hw_shadow} becomes {@code T}.
 *
 * <p>PostgreSQL: both {@code ALTER TABLE ... RENAME TO} and the checkpoint rows' move commit in one
 * transaction (PostgreSQL DDL is transactional): all or nothing, even after a crash.
 *
 * <p>MySQL/MariaDB: one {@code RENAME TABLE T TO prev, shadow TO T}, atomic as documented, but DDL
 * commits on its own, so the checkpoint rows cannot move in the same transaction. A marker row
 * {@code T#swapped-to=prev} holding the shadow's checkpoint is committed first; after the rename
 * the live row takes the shadow's checkpoint and the marker goes. {@link #recover} finishes or
 * undoes a swap cut between those steps: the previous table exists, so the rename happened.
 *
 * <p>The previous table, with its checkpoint row, is kept until the user drops it. Stateless apart
 * from its names; uses the caller's connection. Thread-safe.
 */
final class RenameSwap {
    static final String SHADOW_SUFFIX = "__hw_shadow";
    static final String PREVIOUS_INFIX = "__hw_prev_";
    private static final String MARKER = "#swapped-to=";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final int POSTGRES_MAX_NAME_BYTES = 63;
    private static final int MYSQL_MAX_NAME_CHARS = 64;

    private final SqlDialect dialect;
    private final TableLayout layout;
    private final CheckpointTable checkpoints;
    private final String live;

    /** @param live the live table's physical name (the dataset's) */
    RenameSwap(SqlDialect dialect, CheckpointTable checkpoints, String live) {
        this.dialect = dialect;
        this.layout = new TableLayout(dialect);
        this.checkpoints = checkpoints;
        this.live = live;
    }

    /** The shadow table's physical name. */
    String shadow() {
        return live + SHADOW_SUFFIX;
    }

    /** The name the live table takes when a swap at {@code at} replaces it. */
    String previous(Instant at) {
        return live + PREVIOUS_INFIX + STAMP.format(at);
    }

    /** Fails before a rebuild starts when the database would cut the shadow's or previous table's name short. */
    void requireNamesFit(String address) {
        for (String name : List.of(shadow(), previous(Instant.EPOCH))) {
            String table = layout.nameOf(name);
            boolean fits = dialect == SqlDialect.MYSQL ? table.length() <= MYSQL_MAX_NAME_CHARS
                    : table.getBytes(StandardCharsets.UTF_8).length <= POSTGRES_MAX_NAME_BYTES;
            if (!fits) {
                throw new StoreException("table " + live + " at " + address + ": its rebuild needs table " + table + ", longer than "
                        + (dialect == SqlDialect.MYSQL ? MYSQL_MAX_NAME_CHARS + " characters" : POSTGRES_MAX_NAME_BYTES + " bytes")
                        + ", the longest name the database keeps; give the dataset a shorter table name");
            }
        }
    }

    /** The statements of the swap, as run. */
    List<String> statements(String previous) {
        if (dialect == SqlDialect.MYSQL) {
            return List.of("RENAME TABLE " + layout.table(live) + " TO " + layout.table(previous) + ", " + layout.table(shadow()) + " TO "
                    + layout.table(live));
        }
        return List.of("ALTER TABLE " + layout.table(live) + " RENAME TO " + layout.unqualified(previous),
                "ALTER TABLE " + layout.table(shadow()) + " RENAME TO " + layout.unqualified(live));
    }

    /** The swap in a user's words: which statement, which tables, what stays behind. */
    String describe(String previous) {
        String how = dialect == SqlDialect.MYSQL ? "one atomic statement " + statements(previous).get(0)
                : "one transaction: " + String.join("; ", statements(previous));
        return how + " (the rebuilt " + layout.nameOf(shadow()) + " becomes " + layout.nameOf(live) + "); the previous table is kept as "
                + layout.nameOf(previous) + " until you drop it (DROP TABLE " + layout.table(previous) + ")";
    }

    /**
     * Renames the live table to {@code previous} and the shadow to the live name, and moves the
     * checkpoint rows with them: the live row takes {@code shadowCheckpoint}, the previous table's
     * row keeps {@code liveCheckpoint}. Commits.
     */
    void swap(Connection c, String previous, Checkpoint liveCheckpoint, Checkpoint shadowCheckpoint) throws SQLException {
        checkpoints.write(c, previous, liveCheckpoint);
        if (dialect == SqlDialect.MYSQL) {
            checkpoints.write(c, live + MARKER + previous, shadowCheckpoint);
            c.commit();
            execute(c, statements(previous));
            finish(c, previous, shadowCheckpoint);
            return;
        }
        execute(c, statements(previous));
        checkpoints.write(c, live, shadowCheckpoint);
        checkpoints.delete(c, shadow());
        c.commit();
    }

    /** MySQL: completes a swap whose rename happened, forgets one whose rename did not. Commits. */
    void recover(Connection c, TableCatalog catalog) throws SQLException {
        if (dialect != SqlDialect.MYSQL) {
            return;
        }
        String prefix = live + MARKER;
        for (String key : checkpoints.keys(c)) {
            if (key.startsWith(prefix)) {
                String previous = key.substring(prefix.length());
                if (catalog.exists(c, previous)) {
                    finish(c, previous, checkpoints.read(c, key));
                } else {
                    checkpoints.delete(c, previous);
                    checkpoints.delete(c, key);
                    c.commit();
                }
            }
        }
    }

    private void finish(Connection c, String previous, Checkpoint shadowCheckpoint) throws SQLException {
        checkpoints.write(c, live, shadowCheckpoint);
        checkpoints.delete(c, shadow());
        checkpoints.delete(c, live + MARKER + previous);
        c.commit();
    }

    private static void execute(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
