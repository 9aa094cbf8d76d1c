package io.headwater.connectors.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.connectors.jdbc.SqlDialect;
import io.headwater.engine.integrity.CanonicalForm;
import io.headwater.engine.model.FieldType;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The column pairing rules on metadata as the drivers report it (measured against PostgreSQL 15, MariaDB 10.11 and H2 2.5). */
class ColumnPairingTest {
    private static final SqlColumn PG_NUMERIC = new SqlColumn("amount", SqlDialect.POSTGRES, Types.NUMERIC, "numeric", 12, 2);
    private static final SqlColumn MY_DECIMAL = new SqlColumn("amount", SqlDialect.MYSQL, Types.DECIMAL, "DECIMAL", 14, 4);
    private static final SqlColumn MY_BIGINT = new SqlColumn("n", SqlDialect.MYSQL, Types.BIGINT, "BIGINT", 19, 0);
    private static final SqlColumn MY_DOUBLE = new SqlColumn("n", SqlDialect.MYSQL, Types.DOUBLE, "DOUBLE", 22, -1);
    private static final SqlColumn PG_TIMESTAMPTZ = new SqlColumn("ts", SqlDialect.POSTGRES, Types.TIMESTAMP, "timestamptz", 35, 6);
    private static final SqlColumn PG_TIMESTAMPTZ3 = new SqlColumn("ts", SqlDialect.POSTGRES, Types.TIMESTAMP, "timestamptz", 32, 3);
    private static final SqlColumn PG_TIMESTAMP = new SqlColumn("ts", SqlDialect.POSTGRES, Types.TIMESTAMP, "timestamp", 29, 6);
    private static final SqlColumn MY_DATETIME = new SqlColumn("ts", SqlDialect.MYSQL, Types.TIMESTAMP, "DATETIME", 19, -1);
    private static final SqlColumn MY_DATETIME3 = new SqlColumn("ts", SqlDialect.MYSQL, Types.TIMESTAMP, "DATETIME", 23, -1);
    private static final SqlColumn MY_TIMESTAMP6 = new SqlColumn("ts", SqlDialect.MYSQL, Types.TIMESTAMP, "TIMESTAMP", 26, -1);
    private static final SqlColumn H2_TIMESTAMPTZ = new SqlColumn("TS", SqlDialect.H2, Types.TIMESTAMP_WITH_TIMEZONE, "TIMESTAMP WITH TIME ZONE", 32, 6);
    private static final SqlColumn PG_TEXT = new SqlColumn("t", SqlDialect.POSTGRES, Types.VARCHAR, "text", Integer.MAX_VALUE, 0);
    private static final SqlColumn PG_CHAR = new SqlColumn("t", SqlDialect.POSTGRES, Types.CHAR, "bpchar", 5, 0);
    private static final SqlColumn MY_VARCHAR = new SqlColumn("t", SqlDialect.MYSQL, Types.VARCHAR, "VARCHAR", 20, -1);
    private static final SqlColumn MY_CHAR36 = new SqlColumn("u", SqlDialect.MYSQL, Types.CHAR, "CHAR", 36, -1);
    private static final SqlColumn MY_BINARY16 = new SqlColumn("u", SqlDialect.MYSQL, Types.BINARY, "BINARY", 16, -1);
    private static final SqlColumn PG_UUID = new SqlColumn("u", SqlDialect.POSTGRES, Types.OTHER, "uuid", Integer.MAX_VALUE, 0);
    private static final SqlColumn H2_UUID = new SqlColumn("U", SqlDialect.H2, Types.BINARY, "UUID", 16, 0);
    private static final SqlColumn PG_BOOL = new SqlColumn("b", SqlDialect.POSTGRES, Types.BIT, "bool", 1, 0);
    private static final SqlColumn MY_TINYINT1 = new SqlColumn("b", SqlDialect.MYSQL, Types.BOOLEAN, "BOOLEAN", 3, 0);
    private static final SqlColumn MY_BIT1 = new SqlColumn("b", SqlDialect.MYSQL, Types.BIT, "BIT", 1, -1);
    private static final SqlColumn PG_DATE = new SqlColumn("d", SqlDialect.POSTGRES, Types.DATE, "date", 13, 0);
    private static final SqlColumn PG_BYTEA = new SqlColumn("x", SqlDialect.POSTGRES, Types.BINARY, "bytea", Integer.MAX_VALUE, 0);

    private static String canonical(ColumnPairing p, Object sourceValue, Object targetValue, boolean source) {
        return CanonicalForm.valueText(p.type(), source ? p.source(sourceValue) : p.target(targetValue));
    }

    private static boolean equal(ColumnPairing p, Object sourceValue, Object targetValue) {
        return canonical(p, sourceValue, null, true).equals(canonical(p, null, targetValue, false));
    }

    @Test
    void driverMetadataMapsToKinds() {
        assertThat(PG_TIMESTAMPTZ.kind()).isEqualTo(ColumnKind.TIMESTAMP_INSTANT);
        assertThat(PG_TIMESTAMP.kind()).isEqualTo(ColumnKind.TIMESTAMP_LOCAL);
        assertThat(MY_DATETIME.kind()).isEqualTo(ColumnKind.TIMESTAMP_LOCAL);
        assertThat(MY_TIMESTAMP6.kind()).isEqualTo(ColumnKind.TIMESTAMP_INSTANT);
        assertThat(H2_TIMESTAMPTZ.kind()).isEqualTo(ColumnKind.TIMESTAMP_INSTANT);
        assertThat(PG_BOOL.kind()).isEqualTo(ColumnKind.BOOLEAN);
        assertThat(MY_TINYINT1.kind()).isEqualTo(ColumnKind.BOOLEAN_NUMBER);
        assertThat(MY_BIT1.kind()).isEqualTo(ColumnKind.BOOLEAN_NUMBER);
        assertThat(PG_UUID.kind()).isEqualTo(ColumnKind.UUID);
        assertThat(H2_UUID.kind()).isEqualTo(ColumnKind.UUID);
        assertThat(PG_CHAR.kind()).isEqualTo(ColumnKind.FIXED_TEXT);
        assertThat(MY_CHAR36.kind()).isEqualTo(ColumnKind.TEXT);
    }

    @Test
    void fractionDigitsComeFromDecimalDigitsOrFromMysqlsDisplayWidth() {
        assertThat(PG_TIMESTAMPTZ.fractionDigits()).isEqualTo(6);
        assertThat(PG_TIMESTAMPTZ3.fractionDigits()).isEqualTo(3);
        assertThat(MY_DATETIME.fractionDigits()).isZero();
        assertThat(MY_DATETIME3.fractionDigits()).isEqualTo(3);
        assertThat(MY_TIMESTAMP6.fractionDigits()).isEqualTo(6);
    }

    @Test
    void decimalsOfDifferentScaleAreEqualByValue() {
        ColumnPairing p = ColumnPairing.of(PG_NUMERIC, MY_DECIMAL);

        assertThat(p.type()).isEqualTo(FieldType.DECIMAL);
        assertThat(equal(p, new BigDecimal("12.50"), new BigDecimal("12.5000"))).isTrue();
        assertThat(equal(p, new BigDecimal("12.50"), new BigDecimal("12.5100"))).isFalse();
    }

    @Test
    void anIntegerAndADecimalCompareByValueAndAFloatMakesBothFloats() {
        ColumnPairing dec = ColumnPairing.of(PG_NUMERIC, MY_BIGINT);
        ColumnPairing flt = ColumnPairing.of(PG_NUMERIC, MY_DOUBLE);

        assertThat(dec.type()).isEqualTo(FieldType.DECIMAL);
        assertThat(equal(dec, new BigDecimal("7.00"), 7L)).isTrue();
        assertThat(equal(dec, new BigDecimal("7.01"), 7L)).isFalse();
        assertThat(flt.type()).isEqualTo(FieldType.FLOAT);
        assertThat(equal(flt, new BigDecimal("0.10"), 0.1)).isTrue();
        assertThat(equal(flt, new BigDecimal("0.10"), 0.11)).isFalse();
    }

    @Test
    void timestampsAreTruncatedToTheLesserPrecision() {
        ColumnPairing p = ColumnPairing.of(PG_TIMESTAMPTZ, MY_DATETIME);
        Instant noon = Instant.parse("2024-01-01T12:00:00Z");

        assertThat(p.type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(p.exact()).isFalse();
        assertThat(equal(p, Instant.parse("2024-01-01T12:00:00.987654Z"), noon)).isTrue();
        assertThat(equal(p, Instant.parse("2024-01-01T12:00:00.5Z"), noon.plusSeconds(1))).isFalse();
        ColumnPairing millis = ColumnPairing.of(PG_TIMESTAMPTZ, MY_DATETIME3);
        assertThat(equal(millis, Instant.parse("2024-01-01T12:00:00.123999Z"), Instant.parse("2024-01-01T12:00:00.123Z"))).isTrue();
        assertThat(equal(millis, Instant.parse("2024-01-01T12:00:00.124Z"), Instant.parse("2024-01-01T12:00:00.123Z"))).isFalse();
    }

    @Test
    void timestampsBeforeTheEpochAreTruncatedTowardThePast() {
        assertThat(ColumnKind.truncate(Instant.parse("1969-12-31T23:59:59.5Z"), 0)).isEqualTo(Instant.parse("1969-12-31T23:59:59Z"));
    }

    @Test
    void sameKindAndPrecisionIsExactSoPushDownMayBeUsed() {
        assertThat(ColumnPairing.of(PG_TIMESTAMPTZ, PG_TIMESTAMPTZ).exact()).isTrue();
        assertThat(ColumnPairing.of(PG_TIMESTAMPTZ, PG_TIMESTAMPTZ3).exact()).isFalse();
        assertThat(ColumnPairing.of(PG_TEXT, PG_TEXT).exact()).isTrue();
        assertThat(ColumnPairing.of(PG_TIMESTAMPTZ, PG_TIMESTAMP).exact()).isFalse();
    }

    @Test
    void textIsComparedAfterNfcAndNullIsNotTheEmptyString() {
        ColumnPairing p = ColumnPairing.of(PG_TEXT, MY_VARCHAR);

        assertThat(p.type()).isEqualTo(FieldType.STRING);
        assertThat(equal(p, "\u00e9t\u00e9", "e\u0301te\u0301")).isTrue();
        assertThat(equal(p, "\u00e9t\u00e9", "\u00e8t\u00e8")).isFalse();
        assertThat(equal(p, null, "")).isFalse();
        assertThat(equal(p, "", "")).isTrue();
        assertThat(equal(p, null, null)).isTrue();
    }

    @Test
    void fixedLengthTextLosesItsPaddingWhenRead() {
        assertThat(ColumnKind.rtrim("ab   ")).isEqualTo("ab");
        assertThat(ColumnKind.rtrim(" ab")).isEqualTo(" ab");
        assertThat(ColumnPairing.of(PG_CHAR, MY_VARCHAR).rule()).contains("padding");
    }

    @Test
    void aUuidEqualsItsTextInEitherCaseButNotOtherText() {
        UUID u = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        ColumnPairing p = ColumnPairing.of(PG_UUID, MY_CHAR36);

        assertThat(p.type()).isEqualTo(FieldType.STRING);
        assertThat(equal(p, u, "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")).isTrue();
        assertThat(equal(p, u, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")).isTrue();
        assertThat(equal(p, u, "b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")).isFalse();
        assertThat(equal(p, u, "not a uuid")).isFalse();
    }

    @Test
    void aUuidEqualsSixteenBytesReadBigEndian() {
        UUID u = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        ColumnPairing p = ColumnPairing.of(PG_UUID, MY_BINARY16);

        assertThat(equal(p, u, b.array())).isTrue();
        assertThat(equal(p, u, new byte[16])).isFalse();
    }

    @Test
    void twoUuidColumnsCompareAsUuids() {
        assertThat(ColumnPairing.of(PG_UUID, H2_UUID).type()).isEqualTo(FieldType.UUID);
    }

    @Test
    void aBooleanEqualsMysqlsZeroAndOneButNoOtherNumber() {
        ColumnPairing p = ColumnPairing.of(PG_BOOL, MY_TINYINT1);

        assertThat(equal(p, true, 1L)).isTrue();
        assertThat(equal(p, false, 0L)).isTrue();
        assertThat(equal(p, true, 0L)).isFalse();
        assertThat(equal(p, true, 2L)).isFalse();
        assertThat(equal(p, false, 2L)).isFalse();
        assertThat(equal(p, null, 0L)).isFalse();
    }

    @Test
    void aDateEqualsATimestampsUtcDay() {
        ColumnPairing p = ColumnPairing.of(PG_DATE, MY_DATETIME);

        assertThat(p.type()).isEqualTo(FieldType.DATE);
        assertThat(equal(p, LocalDate.of(2024, 1, 1), Instant.parse("2024-01-01T23:59:59Z"))).isTrue();
        assertThat(equal(p, LocalDate.of(2024, 1, 1), Instant.parse("2024-01-02T00:00:00Z"))).isFalse();
    }

    @Test
    void unrelatedKindsAreComparedAsText() {
        ColumnPairing p = ColumnPairing.of(PG_BYTEA, MY_VARCHAR);

        assertThat(p.type()).isEqualTo(FieldType.STRING);
        assertThat(equal(p, new byte[] {(byte) 0xab, 0x01}, "ab01")).isTrue();
        assertThat(equal(p, new byte[] {(byte) 0xab, 0x01}, "ab02")).isFalse();
    }
}
