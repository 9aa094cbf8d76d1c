package io.headwater.connectors.h2;

import static io.headwater.connectors.mvstore.SinkFixtures.create;
import static io.headwater.connectors.mvstore.SinkFixtures.customer;
import static io.headwater.connectors.mvstore.SinkFixtures.customers;
import static io.headwater.connectors.mvstore.SinkFixtures.customersFlow;
import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.connectors.mvstore.SinkContract;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class H2AnalyticsSinkTest extends SinkContract {

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("analytics") + ";AUTO_SERVER=TRUE";
    }

    @Override
    protected DerivedSink openSink(Dataset dataset, Flow flow) {
        return H2AnalyticsSink.open(url(), dataset, flow);
    }

    @Override
    protected DatasetReader openReader(Dataset dataset) {
        return H2TableReader.open(url(), dataset);
    }

    @Test
    void checkpointRowIsWrittenInTheSameDatabase() throws SQLException {
        try (DerivedSink sink = openSink(customers("customers"), customersFlow())) {
            sink.apply(List.of(create(0, customer(1, "Ann", "a@x.org"))), through(0));
        }
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DATASET, CHECKPOINT FROM HEADWATER_CHECKPOINTS")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("customers");
            assertThat(rs.getString(2)).isEqualTo(through(0).encode());
            assertThat(rs.next()).isFalse();
        }
        try (H2TableReader reader = H2TableReader.open(url(), customers("customers"))) {
            assertThat(reader.checkpoint()).isEqualTo(through(0));
        }
    }

    @Test
    void tableIsQueryableWithUnquotedSql() throws SQLException {
        try (DerivedSink sink = openSink(customers("customers"), customersFlow())) {
            sink.apply(List.of(create(0, customer(1, "Ann", "A@X.org"))), through(0));
        }
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT customer_id, email FROM customers")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1L);
            assertThat(rs.getString(2)).isEqualTo("a@x.org");
        }
    }

    @Test
    void failedBatchLeavesNeitherDataNorCheckpoint() {
        try (DerivedSink sink = openSink(customers("customers"), customersFlow())) {
            sink.apply(List.of(create(0, customer(1, "Ann", "a@x.org"))), through(0));
            Row badType = Row.of("id", 3L, "name", 7L);
            assertThatThrownBy(() -> sink.apply(List.of(create(1, customer(2, "Bob", "b@x.org")), create(2, badType)), through(2)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("name");
            assertThat(sink.count()).isEqualTo(1);
            assertThat(sink.checkpoint()).isEqualTo(through(0));
        }
        try (DerivedSink sink = openSink(customers("customers"), customersFlow())) {
            assertThat(sink.checkpoint()).isEqualTo(through(0));
        }
    }

    @Test
    void readerReportsMissingTable() {
        assertThatThrownBy(() -> H2TableReader.open(url(), customers("nowhere"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("nowhere");
    }
}
