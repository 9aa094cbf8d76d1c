package io.headwater.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.connectors.mvstore.SinkFixtures;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL a table sink sends, per dialect: upserts, DDL and the rename swap. */
class SqlTableStatementsTest {
    private static final Dataset POSITIONS = SinkFixtures.composite("sales.Positions");

    @Test
    void upsertsByKeyInEachDialect() {
        assertThat(new TableLayout(SqlDialect.POSTGRES).upsert(POSITIONS)).isEqualTo("INSERT INTO \"sales\".\"positions\" (\"region\", \"seq\", \"note\")"
                + " VALUES (?, ?, ?) ON CONFLICT (\"region\", \"seq\") DO UPDATE SET \"note\" = EXCLUDED.\"note\"");
        assertThat(new TableLayout(SqlDialect.MYSQL).upsert(POSITIONS)).isEqualTo("INSERT INTO `sales`.`Positions` (`region`, `seq`, `note`)"
                + " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE `note` = VALUES(`note`)");
        assertThat(new TableLayout(SqlDialect.H2).upsert(POSITIONS)).isEqualTo("MERGE INTO \"SALES\".\"POSITIONS\" (\"REGION\", \"SEQ\", \"NOTE\")"
                + " KEY (\"REGION\", \"SEQ\") VALUES (?, ?, ?)");
    }

    @Test
    void aTableOfKeyColumnsOnlyIsLeftAloneOnConflict() {
        Dataset keys = new Dataset(new DatasetRef("d", "k"), "k", List.of("id"), List.of(new Field("id", FieldType.INTEGER)), null);
        assertThat(new TableLayout(SqlDialect.POSTGRES).upsert(keys)).endsWith("ON CONFLICT (\"id\") DO NOTHING");
        assertThat(new TableLayout(SqlDialect.MYSQL).upsert(keys)).endsWith("ON DUPLICATE KEY UPDATE `id` = VALUES(`id`)");
    }

    @Test
    void mysqlStringKeysShareTheIndexLimitAndOtherStringsHaveAnyLength() {
        String ddl = new TableLayout(SqlDialect.MYSQL).createDdl(POSITIONS);
        assertThat(ddl).contains("`region` VARCHAR(732) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL")
                .contains("`note` LONGTEXT").contains("PRIMARY KEY (`region`, `seq`)");
        assertThat(new TableLayout(SqlDialect.POSTGRES).createDdl(POSITIONS)).contains("\"region\" TEXT NOT NULL").contains("\"note\" TEXT");
    }

    @Test
    void postgresSwapsWithTwoRenamesAndMysqlWithOneStatement() {
        CheckpointTable pg = CheckpointTable.beside(SqlDialect.POSTGRES, "sales.customers");
        RenameSwap postgres = new RenameSwap(SqlDialect.POSTGRES, pg, "sales.customers");
        String previous = postgres.previous(Instant.parse("2026-12-04T21:30:05Z"));
        assertThat(previous).isEqualTo("sales.customers__hw_prev_20261204213005");
        assertThat(postgres.statements(previous)).containsExactly(
                "ALTER TABLE \"sales\".\"customers\" RENAME TO \"customers__hw_prev_20261204213005\"",
                "ALTER TABLE \"sales\".\"customers__hw_shadow\" RENAME TO \"customers\"");
        assertThat(postgres.describe(previous)).startsWith("one transaction: ALTER TABLE").contains("kept as customers__hw_prev_20261204213005")
                .contains("DROP TABLE \"sales\".\"customers__hw_prev_20261204213005\"");
        assertThat(pg.physicalName()).isEqualTo("sales.headwater_checkpoints");

        RenameSwap mysql = new RenameSwap(SqlDialect.MYSQL, CheckpointTable.beside(SqlDialect.MYSQL, "customers"), "customers");
        assertThat(mysql.statements("customers__hw_prev_1")).containsExactly(
                "RENAME TABLE `customers` TO `customers__hw_prev_1`, `customers__hw_shadow` TO `customers`");
    }

    @Test
    void aTableNameTooLongForTheRebuildsNamesIsRefusedBeforeItStarts() {
        String name = "a".repeat(40);
        RenameSwap swap = new RenameSwap(SqlDialect.POSTGRES, CheckpointTable.beside(SqlDialect.POSTGRES, name), name);
        assertThatThrownBy(() -> swap.requireNamesFit("db:5432")).isInstanceOf(StoreException.class)
                .hasMessageContaining("table " + name + " at db:5432").hasMessageContaining("63 bytes");
        new RenameSwap(SqlDialect.POSTGRES, CheckpointTable.beside(SqlDialect.POSTGRES, "a".repeat(39)), "a".repeat(39)).requireNamesFit("db:5432");
    }
}
