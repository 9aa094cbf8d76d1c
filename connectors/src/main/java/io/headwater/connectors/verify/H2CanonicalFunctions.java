package io.headwater.connectors.verify;

import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.integrity.FingerprintAlgorithm;
import io.headwater.engine.model.FieldType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;

/**
 * The parts of the canonical form H2 cannot compute in plain SQL, as Java functions H2 calls
 * through {@code CREATE ALIAS}: Unicode NFC (H2 has no {@code NORMALIZE}), the plain text of a
 * decimal (H2 prints a {@code DECFLOAT} 100 as {@code 1E+2}), the rounded float text, and the
 * {@code LOOKUP3_64} fingerprint PostgreSQL computes as {@code hashtextextended}. Each
 * delegates to {@link CanonicalForm}, so the text is the engine's by construction.
 *
 * <p>{@link #install} creates the aliases in the database (persistent schema objects, public
 * schema, needs the ADMIN right); whatever process serves the database (the embedded owner in
 * {@code AUTO_SERVER} mode) must have this class on its class path. Stateless and thread-safe.
 */
public final class H2CanonicalFunctions {
    /** The alias of {@link #nfc}. */
    public static final String NFC = "HW_NFC";
    /** The alias of {@link #decimal}. */
    public static final String DECIMAL = "HW_CANON_DECIMAL";
    /** The alias of {@link #floating}. */
    public static final String FLOAT = "HW_CANON_FLOAT";

    /** The alias of {@link #lookup3}. */
    public static final String LOOKUP3 = "HW_LOOKUP3";

    private H2CanonicalFunctions() {
    }

    /** A string in Unicode NFC; null stays null. */
    public static String nfc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** The canonical text of a decimal (no trailing zeros, no exponent); null stays null. */
    public static String decimal(BigDecimal d) {
        return d == null ? null : CanonicalForm.valueText(FieldType.DECIMAL, d);
    }

    /** The canonical text of a float (rounded half-up to six places); null stays null. */
    public static String floating(Double d) {
        return d == null ? null : CanonicalForm.valueText(FieldType.FLOAT, d);
    }

    /** The {@link FingerprintAlgorithm#LOOKUP3_64} fingerprint of a text (PostgreSQL's {@code hashtextextended(text, 0)}); null stays null. */
    public static Long lookup3(String s) {
        return s == null ? null : FingerprintAlgorithm.LOOKUP3_64.fingerprint(s);
    }

    /** Creates the aliases when absent. */
    public static void install(Connection c) throws SQLException {
        String cls = H2CanonicalFunctions.class.getName();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE ALIAS IF NOT EXISTS " + NFC + " DETERMINISTIC FOR '" + cls + ".nfc'");
            s.execute("CREATE ALIAS IF NOT EXISTS " + DECIMAL + " DETERMINISTIC FOR '" + cls + ".decimal'");
            s.execute("CREATE ALIAS IF NOT EXISTS " + FLOAT + " DETERMINISTIC FOR '" + cls + ".floating'");
            s.execute("CREATE ALIAS IF NOT EXISTS " + LOOKUP3 + " DETERMINISTIC FOR '" + cls + ".lookup3'");
        }
    }
}
