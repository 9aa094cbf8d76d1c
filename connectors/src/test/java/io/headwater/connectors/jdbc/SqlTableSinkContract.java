package io.headwater.connectors.jdbc;

import static io.headwater.connectors.mvstore.SinkFixtures.create;
import static io.headwater.connectors.mvstore.SinkFixtures.customer;
import static io.headwater.connectors.mvstore.SinkFixtures.customers;
import static io.headwater.connectors.mvstore.SinkFixtures.customersFlow;
import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.connectors.bench.BenchDatabase;
import io.headwater.connectors.mvstore.SinkContract;
import io.headwater.connectors.mvstore.SinkFixtures;
import io.headwater.engine.ReadOnlyException;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.MappedField;
import io.headwater.engine.model.MappingFunction;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SqlTableSink} on a real server of the machine, a database of its own per test: the shared
 * sink contract, plus what a SQL table adds (an existing table that cannot hold the dataset, the
 * shadow table and the rename swap, what the swap does to the user's indexes and views).
 */
abstract class SqlTableSinkContract extends SinkContract {
    private static final Dataset CUSTOMERS = customers("customers");

    private BenchDatabase database;
    private JdbcEndpoint endpoint;

    protected abstract SqlDialect dialect();

    protected abstract String hostPort();

    protected abstract String user();

    /** Whether a view over the live table reads the swapped-in table afterwards (else it follows the renamed previous one). */
    protected abstract boolean viewFollowsTheName();

    /** A statement creating an index on {@code customers(email)} and one counting indexes on {@code table}. */
    protected abstract String[] indexOnEmail();

    protected abstract String countIndexedOnEmail(String table);

    @BeforeEach
    void createDatabase() {
        String server = (dialect() == SqlDialect.POSTGRES ? "jdbc:postgresql://" : "jdbc:mariadb://") + hostPort() + "/"
                + (dialect() == SqlDialect.POSTGRES ? "postgres" : "");
        try (java.sql.Connection c = DriverManager.getConnection(server, user(), "")) {
            Assumptions.assumeTrue(c.isValid(2), "no " + dialect() + " at " + hostPort() + ": its table sink tests are skipped");
        } catch (SQLException e) {
            Assumptions.abort("no " + dialect() + " at " + hostPort() + " (" + e.getMessage() + "): its table sink tests are skipped");
        }
        database = BenchDatabase.create(dialect(), hostPort(), user());
        endpoint = database.endpoint("warehouse");
    }

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected DerivedSink openSink(Dataset dataset, Flow flow) {
        return SqlTableSink.open(endpoint, dataset, flow);
    }

    @Override
    protected DatasetReader openReader(Dataset dataset) {
        return JdbcTableReader.open(endpoint.readOnly(), endpoint.displayAddress(), dialect(), dataset);
    }

    protected void execute(String... statements) throws SQLException {
        try (java.sql.Connection c = database.writable().open(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    protected List<String> strings(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.Connection c = database.writable().open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private List<String> names(String table) throws SQLException {
        return strings("SELECT name FROM " + table + " ORDER BY customer_id");
    }

    protected SqlTableSink openLive() {
        return SqlTableSink.open(endpoint, CUSTOMERS, customersFlow());
    }

    /** Live holds Ann and Bob through offset 1; the shadow holds Xavier through offset 7. */
    protected DerivedSink liveWithShadow(SqlTableSink live) {
        live.apply(List.of(create(0, customer(1, "Ann", "a@x.org")), create(1, customer(2, "Bob", "b@x.org"))), through(1));
        DerivedSink shadow = live.openShadow();
        shadow.apply(List.of(create(7, customer(9, "Xavier", "x@x.org"))), through(7));
        return shadow;
    }

    private String previousTable() throws SQLException {
        List<String> previous = strings("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'customers\\_\\_hw\\_prev\\_%'"
                + (dialect() == SqlDialect.MYSQL ? " AND table_schema = DATABASE()" : ""));
        assertThat(previous).hasSize(1);
        return previous.get(0);
    }

    @Test
    void aTableThatExistsWithOtherColumnsIsRefusedNamingTableAndColumn() throws SQLException {
        execute("CREATE TABLE customers (customer_id BIGINT PRIMARY KEY, nom VARCHAR(20))");

        assertThatThrownBy(this::openLive).isInstanceOf(StoreException.class)
                .hasMessageContaining("table customers at " + hostPort()).hasMessageContaining("without column 'name'")
                .hasMessageContaining("customer_id, nom");
    }

    @Test
    void anAggregatingFlowIsRefusedNamingTheTable() {
        Flow counts = new Flow("count-customers", FlowKind.CONSUME, new DatasetRef("kafka", "customers"), CUSTOMERS.ref(), List.of(
                new MappedField("customer_id", SinkFixtures.col("id")), new MappedField("name", new Expression.Call(MappingFunction.COUNT, List.of()))));

        assertThatThrownBy(() -> SqlTableSink.open(endpoint, CUSTOMERS, counts)).isInstanceOf(StoreException.class)
                .hasMessageContaining("flow count-customers aggregates").hasMessageContaining("table customers at " + hostPort());
    }

    @Test
    void aSystemNotDeclaredWritableRefusesASink() {
        SystemKind kind = dialect() == SqlDialect.POSTGRES ? SystemKind.POSTGRES : SystemKind.MYSQL;
        SystemSpec readOnly = new SystemSpec("warehouse", kind, Role.DERIVED, false, false,
                new Connection(hostPort(), database.name(), user(), null, null), Map.of(), List.of(CUSTOMERS));
        SqlSystemAdapter adapter = new SqlSystemAdapter(readOnly, endpoint, (d, f) -> SqlTableSink.open(endpoint, d, f));

        assertThatThrownBy(() -> adapter.sink(CUSTOMERS, customersFlow())).isInstanceOf(ReadOnlyException.class);
    }

    @Test
    void aRebuiltShadowIsSwappedInByRenameAndThePreviousTableIsKept() throws SQLException {
        try (SqlTableSink live = openLive(); DerivedSink shadow = liveWithShadow(live)) {
            assertThat(live.hasShadow()).isTrue();
            assertThat(names("customers")).as("readers of the live table do not see the shadow").containsExactly("Ann", "Bob");
            String step = live.swapStep();
            assertThat(step).contains(dialect() == SqlDialect.MYSQL ? "RENAME TABLE" : "ALTER TABLE").contains("customers__hw_shadow")
                    .contains("customers__hw_prev_");

            live.promote(shadow);

            assertThat(names("customers")).containsExactly("Xavier");
            String previous = previousTable();
            assertThat(step).contains(previous);
            assertThat(names(previous)).containsExactly("Ann", "Bob");
            assertThat(((SqlTableSink) shadow).tableName()).isEqualTo("customers");
            shadow.apply(List.of(create(8, customer(10, "Yvonne", "y@x.org"))), through(8));
        }
        assertThat(names("customers")).containsExactly("Xavier", "Yvonne");
        try (SqlTableSink reopened = openLive()) {
            assertThat(reopened.checkpoint()).isEqualTo(through(8));
            assertThat(reopened.hasShadow()).isFalse();
        }
    }

    @Test
    void anInterruptedShadowIsReopenedAsCommittedAndADiscardedOneIsGone() throws SQLException {
        try (SqlTableSink live = openLive()) {
            liveWithShadow(live).close();
        }
        try (SqlTableSink live = openLive()) {
            assertThat(live.hasShadow()).isTrue();
            try (DerivedSink shadow = live.openShadow()) {
                assertThat(shadow.checkpoint()).isEqualTo(through(7));
                assertThat(shadow.count()).isEqualTo(1);
            }
            live.discardShadow();
            assertThat(live.hasShadow()).isFalse();
            assertThat(live.checkpoint()).isEqualTo(through(1));
            try (DerivedSink fresh = live.openShadow()) {
                assertThat(fresh.count()).isZero();
                assertThat(fresh.checkpoint()).isEqualTo(io.headwater.engine.spi.Checkpoint.EMPTY);
            }
        }
        assertThat(names("customers")).containsExactly("Ann", "Bob");
    }

    @Test
    void theUsersIndexComesAlongAndAViewFollowsTheNameOrTheTableAsTheDatabaseBindsIt() throws SQLException {
        try (SqlTableSink live = openLive()) {
            live.apply(List.of(create(0, customer(1, "Ann", "a@x.org"))), through(0));
            execute(indexOnEmail());
            execute("CREATE VIEW customer_names AS SELECT customer_id, name FROM customers");
            try (DerivedSink shadow = live.openShadow()) {
                shadow.apply(List.of(create(7, customer(9, "Xavier", "x@x.org"))), through(7));
                live.promote(shadow);
            }
        }
        assertThat(strings(countIndexedOnEmail("customers"))).as("the shadow was created like the live table").containsExactly("1");
        assertThat(strings("SELECT name FROM customer_names")).containsExactly(viewFollowsTheName() ? "Xavier" : "Ann");
    }
}
