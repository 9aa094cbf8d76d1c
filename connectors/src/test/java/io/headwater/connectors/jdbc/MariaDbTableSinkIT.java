package io.headwater.connectors.jdbc;

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
}
