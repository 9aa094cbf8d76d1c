package io.headwater.tests.attach;

import static io.headwater.tests.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.connectors.embedded.PortFile;
import io.headwater.tests.CliRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headwater discover --debezium-server}: a Debezium Server's application.properties capturing a
 * database of the machine's PostgreSQL; the tables' columns and keys come from its information_schema.
 * And {@code discover --connect} at an address where nothing listens fails naming the URL.
 */
class DiscoverDebeziumServerIT {
    @TempDir
    Path dir;

    private String database;

    @AfterEach
    void drop() throws SQLException {
        LocalPostgres.dropDatabase(database);
    }

    @Test
    void readsTheCapturedTablesColumnsAndKeysFromTheDatabase() throws SQLException, IOException {
        LocalPostgres.assumeRunning();
        database = LocalPostgres.createDatabase("hw_dbz_server");
        LocalPostgres.execute(database,
                "CREATE TABLE orders (region text, no bigint, total numeric(10,2), placed date, PRIMARY KEY (region, no))",
                "CREATE TABLE notes (id bigint)",
                "CREATE TABLE skipped (id bigint PRIMARY KEY)");
        Path props = dir.resolve("application.properties");
        Files.writeString(props, """
                debezium.sink.type=kafka
                debezium.sink.kafka.producer.bootstrap.servers=127.0.0.1:9092
                debezium.source.connector.class=io.debezium.connector.postgresql.PostgresConnector
                debezium.source.offset.storage.file.filename=data/offsets.dat
                debezium.source.database.hostname=127.0.0.1
                debezium.source.database.port=5432
                debezium.source.database.user=postgres
                debezium.source.database.dbname=%s
                debezium.source.topic.prefix=shop
                debezium.source.table.exclude.list=public.skipped
                debezium.source.slot.name=shop_slot
                """.formatted(database));
        Path out = dir.resolve("shop.yaml");

        Result r = run("discover", "--debezium-server", props.toString(), "--out", out.toString(), "--data-dir", dir.resolve("data").toString());

        assertThat(r.code()).as(r.all()).isZero();
        String yaml = Files.readString(out);
        assertThat(yaml).contains("name: public.orders").contains("key: [region, \"no\"]").contains("\"no\": integer").contains("total: decimal").contains("placed: date")
                .contains("name: shop.public.orders").contains("slot: shop_slot").contains("connector: debezium-server")
                .contains("address: 127.0.0.1:9092").doesNotContain("public.skipped").doesNotContain("connect:");
        assertThat(r.err()).contains("not understood: debezium-server: table public.notes: has no primary key");
        Result loaded = run("lineage", "--config", out.toString());
        assertThat(loaded.code()).as(loaded.all()).isZero();
    }

    @Test
    void readsAMysqlConnectorsTablesFromMariadbsInformationSchema() throws SQLException, IOException {
        String db = "hw_dbz_my_" + Long.toHexString(System.nanoTime() & 0xffffff);
        try (Connection c = mariadb(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            Assumptions.assumeTrue(false, "no MariaDB at 127.0.0.1:3306 (" + e.getMessage() + "): skipped");
        }
        try {
            try (Connection c = mariadb(db); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40), total DECIMAL(10,2), placed DATETIME)");
                s.execute("CREATE TABLE other (id INT PRIMARY KEY)");
            }
            Path props = dir.resolve("mysql.properties");
            Files.writeString(props, """
                    debezium.sink.type=kafka
                    debezium.sink.kafka.producer.bootstrap.servers=127.0.0.1:9092
                    debezium.source.connector.class=io.debezium.connector.mysql.MySqlConnector
                    debezium.source.database.hostname=127.0.0.1
                    debezium.source.database.port=3306
                    debezium.source.database.user=root
                    debezium.source.database.server.id=85744
                    debezium.source.topic.prefix=shop
                    debezium.source.database.include.list=%s
                    debezium.source.table.include.list=%s.orders
                    """.formatted(db, db));
            Path out = dir.resolve("mysql.yaml");

            Result r = run("discover", "--debezium-server", props.toString(), "--out", out.toString(), "--data-dir", dir.resolve("d").toString());

            assertThat(r.code()).as(r.all()).isZero();
            assertThat(Files.readString(out)).contains("kind: mysql").contains("name: " + db + ".orders").contains("key: id")
                    .contains("customer: string").contains("total: decimal").contains("placed: timestamp")
                    .contains("name: shop." + db + ".orders").doesNotContain(db + ".other");
            Result loaded = run("lineage", "--config", out.toString());
            assertThat(loaded.code()).as(loaded.all()).isZero();
        } finally {
            try (Connection c = mariadb(""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + db);
            }
        }
    }

    private static Connection mariadb(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + database, "root", "");
    }

    @Test
    void aConnectUrlWhereNothingListensFailsNamingTheUrl() {
        String url = "http://127.0.0.1:" + PortFile.freePort();

        Result r = run("discover", "--connect", url);

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains(url).contains("GET /connectors?expand=info&expand=status failed");
    }
}
