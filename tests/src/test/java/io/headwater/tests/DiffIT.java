package io.headwater.tests;

import static io.headwater.tests.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headwater.connectors.jdbc.JdbcEndpoint;
import io.headwater.connectors.verify.CrossEngineSides;
import io.headwater.engine.integrity.Finding;
import io.headwater.engine.integrity.FindingType;
import io.headwater.engine.integrity.VerificationResult;
import io.headwater.engine.integrity.Verifier;
import io.headwater.engine.integrity.VerifyOptions;
import io.headwater.engine.model.Connection;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.FlowKind;
import io.headwater.engine.model.Role;
import io.headwater.engine.model.SystemKind;
import io.headwater.engine.model.SystemSpec;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.tests.CliRun.Result;
import io.headwater.tests.attach.ReadOnlySnapshot;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headwater diff} and {@link CrossEngineSides} on the machine's own PostgreSQL and MariaDB
 * and an H2 file: every planted difference is found, by key and field, and every value that differs
 * only in form (a rule of the column pairing) is not; unreachable servers and wrong passwords exit 3
 * without printing the password.
 */
class DiffIT {
    private static final List<String> FIELDS = List.of("id", "amount", "ts_prec", "ts_zone", "label", "note", "ref", "flag");

    @TempDir
    static Path tmp;

    private static DiffFixtures db;

    @BeforeAll
    static void createTables() throws SQLException {
        db = DiffFixtures.create(tmp);
    }

    @AfterAll
    static void dropDatabases() throws SQLException {
        if (db != null) {
            db.close();
        }
    }




    // ---- through the API

    @Test
    void mariaDbAgainstPostgresFindsEveryRealDifferenceAndNoDifferenceOfFormOnly() {
        db.requireMariaDb();
        Outcome o = diff(endpoint(SystemKind.POSTGRES, DiffFixtures.PG_HOST, "postgres"), endpoint(SystemKind.MYSQL, DiffFixtures.MY_HOST, "root"));

        assertThat(o.mismatched()).isEqualTo(new TreeMap<>(DiffFixtures.expectedMismatches()));
        assertThat(o.missing()).containsExactly(DiffFixtures.ONLY_IN_SOURCE);
        assertThat(o.extra()).containsExactly(DiffFixtures.ONLY_IN_TARGET);
        assertThat(o.result().sourceCount()).isEqualTo(DiffFixtures.ROWS + 1);
    }

    @Test
    void h2AgainstPostgresFindsEveryRealDifferenceAndNoDifferenceOfFormOnly() {
        JdbcEndpoint h2 = JdbcEndpoint.of(new SystemSpec("h2", SystemKind.H2, Role.DERIVED, false, false,
                new Connection("jdbc:h2:file:" + db.h2File.toAbsolutePath() + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE", null, null, null, null),
                Map.of(), List.of()));
        Outcome o = diff(endpoint(SystemKind.POSTGRES, DiffFixtures.PG_HOST, "postgres"), h2);

        assertThat(o.mismatched()).isEqualTo(new TreeMap<>(DiffFixtures.expectedMismatches()));
        assertThat(o.missing()).containsExactly(DiffFixtures.ONLY_IN_SOURCE);
        assertThat(o.extra()).containsExactly(DiffFixtures.ONLY_IN_TARGET);
    }

    @Test
    void aTableAgainstItselfIsEqualAcrossTheEnginesReadPath() {
        db.requireMariaDb();
        JdbcEndpoint my = endpoint(SystemKind.MYSQL, DiffFixtures.MY_HOST, "root");
        Outcome o = diff(my, my);

        assertThat(o.result().clean()).isTrue();
        assertThat(o.result().compared()).isEqualTo(DiffFixtures.ROWS + 1);
    }

    private record Outcome(VerificationResult result, Map<Long, String> mismatched, List<Long> missing, List<Long> extra) {
    }

    private Outcome diff(JdbcEndpoint source, JdbcEndpoint target) {
        List<Field> fields = FIELDS.stream().map(f -> new Field(f, f.equals("id") ? FieldType.INTEGER : FieldType.STRING)).toList();
        Dataset s = new Dataset(new DatasetRef(source.systemId(), "rules"), "rules", List.of("id"), fields, null);
        Dataset t = new Dataset(new DatasetRef(target.systemId() + "-copy", "rules"), "rules", List.of("id"), fields, null);
        Flow flow = new Flow("diff", FlowKind.COPY, s.ref(), t.ref(), List.of());
        List<Finding> all = new ArrayList<>();
        VerificationResult r;
        try (CrossEngineSides.SidePair sides = CrossEngineSides.open(source, s, target, t, flow, null)) {
            r = new Verifier(VerifyOptions.defaults()).withFindingSink(all::add).verify(sides.source(), sides.target(), new Cancellation(),
                    ProgressListener.NONE);
        }
        Map<Long, String> mismatched = new TreeMap<>();
        List<Long> missing = new ArrayList<>();
        List<Long> extra = new ArrayList<>();
        for (Finding f : all) {
            long id = ((Number) f.key().get("id")).longValue();
            if (f.type() == FindingType.MISMATCHED) {
                mismatched.put(id, String.join(",", f.differingFields()));
            } else if (f.type() == FindingType.MISSING) {
                missing.add(id);
            } else if (f.type() == FindingType.EXTRA) {
                extra.add(id);
            }
        }
        return new Outcome(r, mismatched, missing, extra);
    }

    private static JdbcEndpoint endpoint(SystemKind kind, String address, String user) {
        return JdbcEndpoint.of(new SystemSpec(kind.configName(), kind, Role.RECORD, false, false,
                new Connection(address, db.database, user, null, null), Map.of(), List.of()));
    }

    @Test
    void endpointConnectionsRefuseToWrite() throws SQLException {
        List<JdbcEndpoint> endpoints = new ArrayList<>(List.of(endpoint(SystemKind.POSTGRES, DiffFixtures.PG_HOST, "postgres")));
        if (db.hasMariaDb()) {
            endpoints.add(endpoint(SystemKind.MYSQL, DiffFixtures.MY_HOST, "root"));
        }
        for (JdbcEndpoint e : endpoints) {
            try (java.sql.Connection c = e.readOnly().open(); Statement s = c.createStatement()) {
                assertThat(c.isReadOnly()).isTrue();
                assertThatThrownBy(() -> s.executeUpdate("UPDATE rules SET note = 'written' WHERE id = 1")).as(e.toString())
                        .isInstanceOf(SQLException.class).hasMessageMatching("(?is).*read.only.*");
            }
        }
        try (java.sql.Connection c = db.pg(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT note FROM rules WHERE id = 1")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("n");
        }
    }

    // ---- through the command line

    @Test
    void diffCommandListsEachPlantedDifferenceWithSourceAndTargetValuesAndExitsOne() {
        db.requireMariaDb();
        Result r = run("diff", db.pgUrl("rules"), db.myUrl("rules"), "--key", "id");

        assertThat(r.code()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("DIFFERENT", "missing 1   extra 1   mismatched 8", "both sides read in key order and hashed here (different engines)")
                .contains("mismatched {id=3}  fields [amount]: source '12.50', target '12.5100'")
                .contains("mismatched {id=12}  fields [note]: source null, target ''")
                .contains("missing    {id=18}", "extra      {id=19}");
        for (DiffFixtures.Case c : DiffFixtures.CASES) {
            if (!c.differs()) {
                assertThat(r.out()).as("case %s on %s", c.id(), c.column()).doesNotContain("{id=" + c.id() + "}");
            }
        }
        assertThat(r.err()).contains("diff: ").contains("rows/s");
    }

    @Test
    void diffWritesNothingIntoEitherServer() throws SQLException {
        db.requireMariaDb();
        List<String> myBefore = mariaDbState();
        ReadOnlySnapshot pgBefore = ReadOnlySnapshot.of(db.database);

        Result r = run("diff", db.pgUrl("rules"), db.myUrl("rules"), "--key", "id");

        assertThat(r.code()).as(r.all()).isEqualTo(1);
        assertThat(mariaDbState()).isEqualTo(myBefore);
        assertThat(ReadOnlySnapshot.of(db.database)).isEqualTo(pgBefore);
    }

    /** What MariaDB shows of writes: the binary log position ({@code SHOW MASTER STATUS}), the row count and a checksum of the table. */
    private static List<String> mariaDbState() throws SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.Connection c = db.my(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
                while (rs.next()) {
                    out.add("binlog " + rs.getString(1) + " " + rs.getLong(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM rules")) {
                rs.next();
                out.add("rows " + rs.getLong(1));
            }
            try (ResultSet rs = st.executeQuery("CHECKSUM TABLE rules")) {
                rs.next();
                out.add("checksum " + rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void diffCommandWritesJsonAndAFullReport() throws IOException {
        Path report = tmp.resolve("report.json");
        Result r = run("diff", db.pgUrl("rules"), db.h2Url("RULES"), "--key", "id", "--json", "--report", report.toString());

        assertThat(r.code()).as(r.all()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("mismatched").asLong()).isEqualTo(DiffFixtures.expectedMismatches().size());
        assertThat(json.get("pushDown").asBoolean()).isFalse();
        JsonNode full = new ObjectMapper().readTree(Files.readString(report));
        assertThat(full.at("/results/0/findings")).hasSize(DiffFixtures.expectedMismatches().size() + 2);
    }

    @Test
    void whereRestrictsBothSides() {
        Result r = run("diff", db.pgUrl("rules"), db.h2Url("RULES"), "--key", "id", "--where", "id < 6");

        assertThat(r.code()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("missing 0   extra 0   mismatched 2", "{id=3}", "{id=5}");
    }

    @Test
    void samePostgresTablesCompareByPushDownWhenAskedAndFindTheSameDifferences() throws SQLException {
        try (java.sql.Connection c = db.pg(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS rules_copy AS SELECT * FROM rules");
            s.execute("ALTER TABLE rules_copy ADD PRIMARY KEY (id)");
            s.execute("UPDATE rules_copy SET amount = 99 WHERE id = 1");
            s.execute("DELETE FROM rules_copy WHERE id = 2");
            s.execute("INSERT INTO rules_copy (id, amount) VALUES (30, 1)");
        }
        Result pushed = run("diff", db.pgUrl("rules"), db.pgUrl("rules_copy"), "--key", "id", "--push-down", "always");
        Result measured = run("diff", db.pgUrl("rules"), db.pgUrl("rules_copy"), "--key", "id");

        for (Result r : List.of(pushed, measured)) {
            assertThat(r.code()).as(r.all()).isEqualTo(1);
            assertThat(r.out()).contains("missing 1   extra 1   mismatched 1", "mismatched {id=1}  fields [amount]", "missing    {id=2}", "extra      {id=30}");
        }
        assertThat(pushed.out()).contains("checksums computed in the databases (push-down forced)");
        assertThat(measured.out()).contains("sample of");
    }

    @Test
    void equalTablesExitZero() {
        Result r = run("diff", db.pgUrl("rules"), db.pgUrl("rules"), "--key", "id", "--columns", "amount,label");

        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).contains("EQUAL");
    }

    // ---- failures

    @Test
    void anUnreachableServerExitsThreeNamingItsAddress() throws IOException {
        int port = closedPort();
        Result my = run("diff", "mysql://root@127.0.0.1:" + port + "/x/rules", db.pgUrl("rules"), "--key", "id");
        Result pg = run("diff", db.pgUrl("rules"), "postgresql://postgres@127.0.0.1:" + port + "/x/public.rules", "--key", "id");

        assertThat(my.code()).as(my.all()).isEqualTo(3);
        assertThat(my.err()).contains("cannot reach 127.0.0.1:" + port);
        assertThat(pg.code()).as(pg.all()).isEqualTo(3);
        assertThat(pg.err()).contains("cannot reach 127.0.0.1:" + port);
    }

    @Test
    void aWrongPasswordExitsThreeNamingUserAndHostAndNeverPrintsThePassword() throws SQLException {
        db.requireMariaDb();
        String user = "hw_diff_" + db.database.substring(db.database.length() - 6);
        String right = "Right-Pass-4711x";
        String wrong = "Wrong-Pass-0815y";
        try (java.sql.Connection c = db.my(); Statement s = c.createStatement()) {
            for (String host : List.of("%", "localhost", "127.0.0.1")) {
                s.execute("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + right + "'");
                s.execute("GRANT SELECT ON " + db.database + ".* TO '" + user + "'@'" + host + "'");
            }
        }
        try {
            String url = "mysql://" + user + "@" + DiffFixtures.MY_HOST + "/" + db.database + "/rules";
            Result refused = run(Map.of("MYSQL_PWD", wrong), "diff", url, url, "--key", "id");
            Result named = run(Map.of("HW_TARGET_PW", wrong, "MYSQL_PWD", right), "diff", url, url, "--key", "id",
                    "--target-password-env", "HW_TARGET_PW");
            Result allowed = run(Map.of("MYSQL_PWD", right), "diff", url, url, "--key", "id");

            assertThat(refused.code()).as(refused.all()).isEqualTo(3);
            assertThat(refused.err()).contains("authentication failed for user '" + user + "' at " + DiffFixtures.MY_HOST);
            assertThat(named.code()).as(named.all()).isEqualTo(3);
            assertThat(named.err()).contains("system 'target': authentication failed for user '" + user + "'");
            for (Result r : List.of(refused, named, allowed)) {
                assertThat(r.all()).doesNotContain(wrong).doesNotContain(right);
            }
            assertThat(allowed.code()).as(allowed.all()).isZero();
        } finally {
            try (java.sql.Connection c = db.my(); Statement s = c.createStatement()) {
                for (String host : List.of("%", "localhost", "127.0.0.1")) {
                    s.execute("DROP USER IF EXISTS '" + user + "'@'" + host + "'");
                }
            }
        }
    }

    @Test
    void aPasswordWrittenInTheUrlIsRefusedWithExitTwoAndNotEchoed() {
        Result r = run("diff", "postgresql://postgres:Secret-In-Url-9@" + DiffFixtures.PG_HOST + "/" + db.database + "/public.rules", db.pgUrl("rules"),
                "--key", "id");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("holds a password");
        assertThat(r.all()).doesNotContain("Secret-In-Url-9");
    }

    @Test
    void anUnsetPasswordVariableIsAUsageError() {
        Result r = run("diff", db.pgUrl("rules"), db.pgUrl("rules"), "--key", "id", "--source-password-env", "HW_NOT_SET_ANYWHERE");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("HW_NOT_SET_ANYWHERE, which is not set");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
