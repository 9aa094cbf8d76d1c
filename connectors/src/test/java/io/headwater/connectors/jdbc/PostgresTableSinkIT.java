package io.headwater.connectors.jdbc;

/** {@link SqlTableSink} on the machine's PostgreSQL (127.0.0.1:5432, trust), a database per test. */
class PostgresTableSinkIT extends SqlTableSinkContract {
    @Override
    protected SqlDialect dialect() {
        return SqlDialect.POSTGRES;
    }

    @Override
    protected String hostPort() {
        return "127.0.0.1:5432";
    }

    @Override
    protected String user() {
        return "postgres";
    }

    /** PostgreSQL binds a view to the table's OID: after the swap it reads the renamed previous table. */
    @Override
    protected boolean viewFollowsTheName() {
        return false;
    }

    @Override
    protected String[] indexOnEmail() {
        return new String[] {"CREATE INDEX customers_email ON customers (email)"};
    }

    @Override
    protected String countIndexedOnEmail(String table) {
        return "SELECT count(*) FROM pg_indexes WHERE tablename = '" + table + "' AND indexdef LIKE '%(email)%'";
    }
}
