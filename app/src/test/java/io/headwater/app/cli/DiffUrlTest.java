package io.headwater.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.model.SystemKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DiffUrlTest {
    @Test
    void postgresUrlGivesUserHostPortDatabaseAndQualifiedTable() {
        DiffUrl u = DiffUrl.parse("postgresql://app@db1.example.org:6432/shop/sales.orders", "me");

        assertThat(u).isEqualTo(new DiffUrl(SystemKind.POSTGRES, "app", "db1.example.org", 6432, "shop", "sales.orders"));
        assertThat(u.address()).isEqualTo("db1.example.org:6432");
        assertThat(u.passwordVariable()).isEqualTo("PGPASSWORD");
    }

    @Test
    void postgresSchemeAliasAndDefaultsForUserAndPort() {
        DiffUrl u = DiffUrl.parse("postgres://localhost/shop/orders", "me");

        assertThat(u).isEqualTo(new DiffUrl(SystemKind.POSTGRES, "me", "localhost", 5432, "shop", "orders"));
    }

    @Test
    void mysqlAndMariadbUrlsAreTheMysqlKindWithPort3306ByDefault() {
        assertThat(DiffUrl.parse("mysql://root@127.0.0.1/shop/orders", "me"))
                .isEqualTo(new DiffUrl(SystemKind.MYSQL, "root", "127.0.0.1", 3306, "shop", "orders"));
        DiffUrl m = DiffUrl.parse("mariadb://root@127.0.0.1:3307/shop/orders", "me");
        assertThat(m.kind()).isEqualTo(SystemKind.MYSQL);
        assertThat(m.port()).isEqualTo(3307);
        assertThat(m.passwordVariable()).isEqualTo("MYSQL_PWD");
        assertThat(m.display()).isEqualTo("mysql://root@127.0.0.1:3307/shop/orders");
    }

    @Test
    void h2UrlIsAFileDatabaseAndATableOpenedReadOnlyWithoutCreatingIt() {
        DiffUrl u = DiffUrl.parse("h2:/data/h2/shop/ORDERS", "me");

        assertThat(u.kind()).isEqualTo(SystemKind.H2);
        assertThat(u.database()).isEqualTo(Path.of("/data/h2/shop").toString());
        assertThat(u.table()).isEqualTo("ORDERS");
        assertThat(u.system("t", null, io.headwater.engine.model.Role.DERIVED).connection().address())
                .isEqualTo("jdbc:h2:file:/data/h2/shop;ACCESS_MODE_DATA=r;IFEXISTS=TRUE");
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> DiffUrl.parse("postgresql://app:hunter22@db1:5432/shop/orders", "me"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds a password").hasMessageContaining("PGPASSWORD")
                .hasMessageContaining("postgresql://app:******@db1:5432/shop/orders")
                .hasMessageNotContaining("hunter22");
        assertThatThrownBy(() -> DiffUrl.parse("mysql://root:pw-xyz@db1/shop/orders", "me"))
                .hasMessageContaining("MYSQL_PWD").hasMessageNotContaining("pw-xyz");
        assertThatThrownBy(() -> DiffUrl.parse("mysql://root:@db1/shop/orders", "me")).hasMessageContaining("holds a password");
    }

    @Test
    void anUnknownFormIsRefusedListingTheForms() {
        assertThatThrownBy(() -> DiffUrl.parse("oracle://scott@db/orcl/emp", "me")).hasMessageContaining("is not a table URL")
                .hasMessageContaining("mysql://user@host:3306/db/table");
        assertThatThrownBy(() -> DiffUrl.parse("postgresql://db1/shop", "me")).hasMessageContaining("is not a table URL");
    }
}
