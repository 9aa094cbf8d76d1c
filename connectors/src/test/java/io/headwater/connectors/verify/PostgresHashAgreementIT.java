package io.headwater.connectors.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.integrity.SegmentChecksum;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FingerprintAlgorithm#LOOKUP3_64} in Java against {@code hashtextextended(text, 0)} of the
 * machine's PostgreSQL (127.0.0.1:5432, a fresh UTF-8 database dropped afterwards), on tricky and
 * seeded random texts, and the way rows combine (count and sum modulo 2^64) in SQL and in Java.
 */
class PostgresHashAgreementIT {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    /** One, two, three and four UTF-8 bytes, the separator, the escape and a combining accent. */
    private static final String[] PIECES = {"a", "Z", "0", " ", "|", "\\", "\u00e9", "\u00df", "\u03a9", "\u6f22", "\u20ac", "\ud83d\ude00",
        "\ud800\udf48", "e\u0301", "\n", "\t"};

    private static String database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = "hw_lookup3_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = admin("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database + " TEMPLATE template0 ENCODING 'UTF8'");
        }
        try (Connection c = admin(database); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE texts (id int PRIMARY KEY, s text NOT NULL)");
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            try (Connection c = admin("postgres"); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static Connection admin(String db) throws SQLException {
        try {
            return DriverManager.getConnection(SERVER + db, "postgres", "");
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) || "08004".equals(e.getSQLState())) {
                Assumptions.abort("no PostgreSQL on 127.0.0.1:5432 to test against: " + e.getMessage());
            }
            throw e;
        }
    }

    /** Texts of 0..40 bytes of each width (around the 12-byte blocks), mixed widths, and long texts. */
    private static List<String> trickyTexts() {
        List<String> out = new ArrayList<>();
        for (String piece : new String[] {"x", "\u00e9", "\u6f22", "\ud83d\ude00"}) {
            for (int n = 0; n * piece.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 40; n++) {
                out.add(piece.repeat(n));
            }
        }
        for (int shift = 0; shift < 12; shift++) {
            out.add("y".repeat(shift) + "\ud83d\ude00" + "\u6f22\u00e9" + "z".repeat(11 - shift)); // a wide character across a block edge
        }
        out.add("hw1|\\N|\\\\|\\||0|-1|true");
        out.add("long ".repeat(20_000));
        out.add("\u6f22\u5b57".repeat(5_001) + "\ud83d\ude00");
        return out;
    }

    private static List<String> randomTexts(long seed, int n) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            int length = r.nextInt(10) == 0 ? r.nextInt(3_000) : r.nextInt(50);
            for (int j = 0; j < length; j++) {
                sb.append(PIECES[r.nextInt(PIECES.length)]);
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static List<Long> postgresHashes(List<String> texts) throws SQLException {
        try (Connection c = admin(database); Statement st = c.createStatement()) {
            st.execute("TRUNCATE texts");
            insert(c, texts);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT hashtextextended(s COLLATE \"C\", 0) FROM texts ORDER BY id")) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private static void insert(Connection c, List<String> texts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO texts (id, s) VALUES (?, ?)")) {
            for (int i = 0; i < texts.size(); i++) {
                ps.setInt(1, i);
                ps.setString(2, texts.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<Long> javaHashes(List<String> texts) {
        return texts.stream().map(FingerprintAlgorithm.LOOKUP3_64::fingerprint).toList();
    }

    @Test
    void equalsPostgresOnTrickyTexts() throws SQLException {
        List<String> texts = trickyTexts();
        assertThat(javaHashes(texts)).containsExactlyElementsOf(postgresHashes(texts));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0x100c3L, 0x100c4L, 0x100c5L, 0x100c6L})
    void equalsPostgresOnRandomTexts(long seed) throws SQLException {
        List<String> texts = randomTexts(seed, 400);
        assertThat(javaHashes(texts)).containsExactlyElementsOf(postgresHashes(texts));
    }

    @Test
    void combinesRowsLikeJavaWhateverTheirOrderAndDuplicates() throws SQLException {
        List<String> texts = new ArrayList<>(randomTexts(0x5e3L, 300));
        texts.addAll(texts.subList(0, 40)); // duplicates must count twice, not cancel out
        SegmentChecksum java = SegmentChecksum.EMPTY;
        for (String t : texts) {
            java = java.plus(FingerprintAlgorithm.LOOKUP3_64.fingerprint(t));
        }
        try (Connection c = admin(database); Statement st = c.createStatement()) {
            st.execute("TRUNCATE texts");
            insert(c, texts);
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(hashtextextended(s COLLATE \"C\", 0)) FROM texts")) {
                rs.next();
                BigDecimal sum = rs.getBigDecimal(2);
                assertThat(new SegmentChecksum(rs.getLong(1), SegmentChecksum.reduce(sum.toBigIntegerExact()))).isEqualTo(java);
            }
        }
        SegmentChecksum withoutOneDuplicate = java.plus(-FingerprintAlgorithm.LOOKUP3_64.fingerprint(texts.get(0)));
        assertThat(withoutOneDuplicate.sum()).isNotEqualTo(java.sum());
    }
}
