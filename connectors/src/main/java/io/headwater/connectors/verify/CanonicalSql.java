package io.headwater.connectors.verify;

import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.model.FieldType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL that computes {@link CanonicalForm} version 1 inside PostgreSQL or H2, byte for byte the
 * text Java computes, and its {@code LOOKUP3_64} and {@code SHA256_64} fingerprints.
 *
 * <p>Per logical type, for a value expression {@code v} (PostgreSQL / H2):
 * <ul>
 * <li>integer: {@code CAST(CAST(v AS BIGINT) AS TEXT)} / {@code CAST(CAST(v AS BIGINT) AS VARCHAR)}</li>
 * <li>decimal: {@code CAST(trim_scale(CAST(v AS NUMERIC)) AS TEXT)} / {@code HW_CANON_DECIMAL(v)}
 *     (H2 prints {@code DECFLOAT} 100 as {@code 1E+2}, so a Java alias does the plain text)</li>
 * <li>float: {@code trim_scale(round(CAST(CAST(v AS TEXT) AS NUMERIC), 6))} through the shortest
 *     float text, NaN and infinities by name / {@code HW_CANON_FLOAT(v)}</li>
 * <li>string: {@code CASE WHEN octet_length(t) = char_length(t) OR t IS NFC NORMALIZED THEN t ELSE normalize(t, NFC) END}
 *     with {@code t = CAST(v AS TEXT)} / {@code HW_NFC(v)}, then
 *     {@code REPLACE(REPLACE(.., '\', '\\'), '|', '\|')} (in PostgreSQL only when {@code strpos} finds either)</li>
 * <li>boolean: {@code CASE WHEN v THEN 'true' WHEN NOT v THEN 'false' END}</li>
 * <li>timestamp: {@code CAST(CAST(EXTRACT(EPOCH FROM v) * 1000000 AS BIGINT) AS TEXT)} /
 *     {@code CAST(DATEDIFF('MICROSECOND', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', v) AS VARCHAR)}</li>
 * <li>date: {@code CAST(d AS TEXT)} for years 1..9999, else {@code to_char(d, 'YYYY-MM-DD')}, with
 *     {@code d = CAST(v AS DATE)} / {@code CAST(CAST(v AS DATE) AS VARCHAR)}</li>
 * <li>uuid: {@code LOWER(CAST(v AS TEXT) COLLATE "C")} / {@code LOWER(CAST(v AS VARCHAR))}</li>
 * <li>bytes: {@code encode(v, 'hex')} / {@code LOWER(RAWTOHEX(v))}</li>
 * <li>null: {@code COALESCE(.., '\N')}</li>
 * </ul>
 * The record text is {@code 'hw1' || '|' || t1 || '|' || t2 ...} over the fields in name order. Its
 * fingerprint: {@code CAST(CAST('x' || encode(substring(sha256(convert_to(text, 'UTF8')) FROM 1 FOR 8), 'hex') AS BIT(64)) AS BIGINT)}
 * in PostgreSQL, {@code CAST(SUBSTRING(HASH('SHA-256', text) FROM 1 FOR 8) AS BIGINT)} in H2 (H2
 * hashes a string as UTF-8 and casts 8 bytes to BIGINT big-endian).
 *
 * <p>Sessions must run with time zone UTC (see {@link SqlSession}), so that timestamps without
 * time zone count as UTC. Stateless and thread-safe.
 */
final class CanonicalSql {
    private CanonicalSql() {
    }

    /** The SQL text of one value, escaped, {@code \N} for null. */
    static String valueText(SqlDialect dialect, FieldType type, String v) {
        String text = dialect == SqlDialect.POSTGRES ? postgres(type, v) : h2(type, v);
        if (type == FieldType.STRING) {
            // Only strings can contain the separator or the escape character.
            String escaped = "REPLACE(REPLACE(" + text + ", '\\', '\\\\'), '|', '\\|')";
            if (dialect == SqlDialect.POSTGRES) {
                // Most texts hold neither: two byte searches are cheaper than two replacements. Both
                // characters are ASCII and never compose, so the raw text can be searched before NFC.
                String raw = "CAST(" + v + " AS TEXT)";
                escaped = "CASE WHEN strpos(" + raw + ", '|') = 0 AND strpos(" + raw + ", '\\') = 0 THEN " + text + " ELSE " + escaped + " END";
            }
            text = escaped;
        }
        return "COALESCE(" + text + ", '\\N')";
    }

    private static String postgres(FieldType type, String v) {
        return switch (type) {
            case INTEGER -> "CAST(CAST(" + v + " AS BIGINT) AS TEXT)";
            case DECIMAL -> "CAST(trim_scale(CAST(" + v + " AS NUMERIC)) AS TEXT)";
            case FLOAT -> postgresFloat("CAST(" + v + " AS FLOAT8)");
            case STRING -> postgresNfc("CAST(" + v + " AS TEXT)");
            case BOOLEAN -> bool(v);
            // EXTRACT returns an exact numeric (PostgreSQL 14 and later): times 10^6 it is a whole number.
            case TIMESTAMP -> "CAST(CAST(EXTRACT(EPOCH FROM " + v + ") * 1000000 AS BIGINT) AS TEXT)";
            case DATE -> postgresDate("CAST(" + v + " AS DATE)");
            // Under "C" lower() maps ASCII bytes only, which is all a UUID's text holds, and skips the locale.
            case UUID -> "LOWER(CAST(" + v + " AS TEXT) COLLATE \"C\")";
            case BYTES -> "encode(" + v + ", 'hex')";
        };
    }

    /**
     * The quick checks first: ASCII text (as many bytes as characters) is NFC already; else {@code IS
     * NFC NORMALIZED}, measured twice as fast as {@code normalize} alone on text that is NFC already.
     */
    private static String postgresNfc(String t) {
        return "CASE WHEN octet_length(" + t + ") = char_length(" + t + ") OR " + t + " IS NFC NORMALIZED THEN " + t
                + " ELSE normalize(" + t + ", NFC) END";
    }

    /**
     * The date's own output (DateStyle ISO, set by {@link SqlSession}) for years 1..9999, where it is
     * {@code YYYY-MM-DD}; {@code to_char}, several times slower, outside them.
     */
    private static String postgresDate(String d) {
        return "CASE WHEN " + d + " BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' THEN CAST(" + d + " AS TEXT) ELSE to_char(" + d
                + ", 'YYYY-MM-DD') END";
    }

    /**
     * The float text goes through PostgreSQL's shortest round-trip text (as Java's
     * {@code BigDecimal.valueOf(double)} does), not through {@code float8::numeric}, which keeps
     * only 15 significant digits.
     */
    private static String postgresFloat(String d) {
        return "CASE WHEN " + d + " IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8) THEN CAST(" + d + " AS TEXT)"
                + " ELSE CAST(trim_scale(round(CAST(CAST(" + d + " AS TEXT) AS NUMERIC), " + CanonicalForm.FLOAT_SCALE + ")) AS TEXT) END";
    }

    private static String h2(FieldType type, String v) {
        return switch (type) {
            case INTEGER -> "CAST(CAST(" + v + " AS BIGINT) AS VARCHAR)";
            case DECIMAL -> H2CanonicalFunctions.DECIMAL + "(" + v + ")";
            case FLOAT -> H2CanonicalFunctions.FLOAT + "(" + v + ")";
            case STRING -> H2CanonicalFunctions.NFC + "(" + v + ")";
            case BOOLEAN -> bool(v);
            case TIMESTAMP -> "CAST(DATEDIFF('MICROSECOND', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', " + v + ") AS VARCHAR)";
            case DATE -> "CAST(CAST(" + v + " AS DATE) AS VARCHAR)";
            case UUID -> "LOWER(CAST(" + v + " AS VARCHAR))";
            case BYTES -> "LOWER(RAWTOHEX(" + v + "))";
        };
    }

    private static String bool(String v) {
        return "CASE WHEN " + v + " THEN 'true' WHEN NOT " + v + " THEN 'false' END";
    }

    /**
     * The canonical text of a record.
     *
     * @param fields  the compared fields in canonical (name) order
     * @param columns each field's SQL value expression, by field name
     */
    static String recordText(SqlDialect dialect, List<ComparedField> fields, Map<String, String> columns) {
        StringBuilder sb = new StringBuilder("'").append(CanonicalForm.VERSION).append('\'');
        for (ComparedField f : fields) {
            sb.append(" || '|' || ").append(valueText(dialect, f.type(), columns.get(f.name())));
        }
        return sb.toString();
    }

    /**
     * The fingerprint expressions (signed BIGINT) of a text expression, by algorithm, fastest first:
     * {@code LOOKUP3_64} as {@code hashtextextended(text COLLATE "C", 0)} in a PostgreSQL database
     * whose encoding is UTF-8 (it hashes the text's bytes in the database encoding; {@code "C"}
     * keeps a nondeterministic collation from hashing a sort key instead), or as the Java alias
     * {@code HW_LOOKUP3} in H2; then {@code SHA256_64}.
     */
    static Map<FingerprintAlgorithm, String> fingerprints(SqlDialect dialect, String text, boolean utf8) {
        Map<FingerprintAlgorithm, String> out = new LinkedHashMap<>();
        if (dialect == SqlDialect.POSTGRES && utf8) {
            out.put(FingerprintAlgorithm.LOOKUP3_64, "hashtextextended((" + text + ") COLLATE \"C\", 0)");
        } else if (dialect == SqlDialect.H2) {
            out.put(FingerprintAlgorithm.LOOKUP3_64, H2CanonicalFunctions.LOOKUP3 + "(" + text + ")");
        }
        out.put(FingerprintAlgorithm.SHA256_64, sha256x64(dialect, text));
        return Collections.unmodifiableMap(out);
    }

    /** Whether the database hashes text as UTF-8 bytes (PostgreSQL: its server encoding; H2 always). */
    static boolean hashesUtf8(Connection c, SqlDialect dialect) throws SQLException {
        if (dialect != SqlDialect.POSTGRES) {
            return true;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_encoding")) {
            return rs.next() && "UTF8".equalsIgnoreCase(rs.getString(1));
        }
    }

    /** The SHA256_64 fingerprint (a signed BIGINT) of a text expression. */
    static String sha256x64(SqlDialect dialect, String text) {
        return dialect == SqlDialect.POSTGRES
                ? "CAST(CAST('x' || encode(substring(sha256(convert_to(" + text + ", 'UTF8')) FROM 1 FOR 8), 'hex') AS BIT(64)) AS BIGINT)"
                : "CAST(SUBSTRING(HASH('SHA-256', " + text + ") FROM 1 FOR 8) AS BIGINT)";
    }
}
