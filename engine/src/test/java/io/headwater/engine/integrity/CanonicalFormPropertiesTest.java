package io.headwater.engine.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the canonical form on generated records of every field type. Each case has its own
 * fixed seed, so a failing case fails again with the same values.
 */
class CanonicalFormPropertiesTest {
    private static final List<Field> FIELDS = Arrays.stream(FieldType.values())
            .map(t -> new Field("f_" + t.configName(), t)).toList();
    private static final CanonicalForm FORM = new CanonicalForm(FIELDS);
    private static final String ACCENTED = "éÅñüçÇŒ한국어ḱ";

    static Stream<Long> seeds() {
        return IntStream.range(0, 120).mapToObj(i -> 0x5eed0000L + i);
    }

    /** A record of random values, one field of each type, in each type's usual Java representation. */
    private static Map<String, Object> randomValues(Random r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("f_integer", (long) r.nextInt());
        m.put("f_decimal", BigDecimal.valueOf(r.nextLong() % 10_000_000_000L, r.nextInt(6)));
        m.put("f_float", (r.nextInt(2_000_000) - 1_000_000) / 1000.0);
        m.put("f_string", Fixtures.randomText(r, r.nextInt(6)) + ACCENTED.charAt(r.nextInt(ACCENTED.length())));
        m.put("f_boolean", r.nextBoolean());
        m.put("f_timestamp", Instant.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(1_000_000) * 1000L));
        m.put("f_date", LocalDate.ofEpochDay(r.nextInt(40_000)));
        m.put("f_uuid", new UUID(r.nextLong(), r.nextLong()));
        byte[] bytes = new byte[r.nextInt(8)];
        r.nextBytes(bytes);
        m.put("f_bytes", bytes);
        return m;
    }

    /** The same logical values in other Java representations. */
    private static Map<String, Object> otherRepresentation(Map<String, Object> v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("f_integer", ((Long) v.get("f_integer")).intValue());
        BigDecimal d = (BigDecimal) v.get("f_decimal");
        m.put("f_decimal", d.setScale(d.scale() + 3));
        m.put("f_float", BigDecimal.valueOf((Double) v.get("f_float")));
        m.put("f_string", Normalizer.normalize((String) v.get("f_string"), Normalizer.Form.NFD));
        m.put("f_boolean", v.get("f_boolean").toString().toUpperCase(Locale.ROOT));
        m.put("f_timestamp", OffsetDateTime.ofInstant((Instant) v.get("f_timestamp"), ZoneOffset.ofHours(2)));
        m.put("f_date", v.get("f_date").toString());
        m.put("f_uuid", v.get("f_uuid").toString().toUpperCase(Locale.ROOT));
        m.put("f_bytes", ((byte[]) v.get("f_bytes")).clone());
        return m;
    }

    /** A different logical value of the field's type. */
    private static Object changed(String field, Object v, Random r) {
        return switch (field) {
            case "f_integer" -> (Long) v + 1 + r.nextInt(100);
            case "f_decimal" -> ((BigDecimal) v).add(new BigDecimal("0.01"));
            case "f_float" -> (Double) v + 0.5;
            case "f_string" -> v + "x";
            case "f_boolean" -> !(Boolean) v;
            case "f_timestamp" -> ((Instant) v).plusNanos(1000);
            case "f_date" -> ((LocalDate) v).plusDays(1);
            case "f_uuid" -> new UUID(((UUID) v).getMostSignificantBits(), ((UUID) v).getLeastSignificantBits() ^ 1);
            case "f_bytes" -> Arrays.copyOf((byte[]) v, ((byte[]) v).length + 1);
            default -> throw new IllegalArgumentException(field);
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void givesEqualFingerprintsForEqualValuesInOtherRepresentations(long seed) {
        Map<String, Object> values = randomValues(new Random(seed));
        Row usual = Row.of(values);
        Row other = Row.of(otherRepresentation(values));
        assertThat(FORM.text(other)).isEqualTo(FORM.text(usual));
        for (FingerprintAlgorithm alg : FingerprintAlgorithm.values()) {
            assertThat(alg.fingerprint(FORM.text(other))).as(alg.name()).isEqualTo(alg.fingerprint(FORM.text(usual)));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void changesFingerprintWhenAnySingleFieldChanges(long seed) {
        Random r = new Random(seed);
        Map<String, Object> values = randomValues(r);
        Field field = FIELDS.get(r.nextInt(FIELDS.size()));
        Map<String, Object> changed = new LinkedHashMap<>(values);
        changed.put(field.name(), changed(field.name(), values.get(field.name()), r));
        String before = FORM.text(Row.of(values));
        String after = FORM.text(Row.of(changed));
        assertThat(after).as(field.name()).isNotEqualTo(before);
        for (FingerprintAlgorithm alg : FingerprintAlgorithm.values()) {
            assertThat(alg.fingerprint(after)).as(alg + " " + field.name()).isNotEqualTo(alg.fingerprint(before));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void changesFingerprintWhenAnyFieldBecomesNull(long seed) {
        Random r = new Random(seed);
        Map<String, Object> values = randomValues(r);
        Field field = FIELDS.get(r.nextInt(FIELDS.size()));
        Map<String, Object> nulled = new LinkedHashMap<>(values);
        nulled.put(field.name(), null);
        assertThat(FORM.text(Row.of(nulled))).as(field.name()).isNotEqualTo(FORM.text(Row.of(values)));
    }

    static Stream<Object[]> splitTexts() {
        Random r = new Random(0xBAD5EEDL);
        String alphabet = "ab|\\N";
        return IntStream.range(0, 200).mapToObj(i -> new Object[] {
            text(r, alphabet), text(r, alphabet), text(r, alphabet), text(r, alphabet)});
    }

    private static String text(Random r, String alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(5); i > 0; i--) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "[{0}, {1}] vs [{2}, {3}]")
    @MethodSource("splitTexts")
    void givesDifferentTextsToDifferentPairsOfStrings(String a1, String b1, String a2, String b2) {
        CanonicalForm two = new CanonicalForm(List.of(new Field("a", FieldType.STRING), new Field("b", FieldType.STRING)));
        boolean samePair = a1.equals(a2) && b1.equals(b2);
        assertThat(two.text(Row.of("a", a1, "b", b1)).equals(two.text(Row.of("a", a2, "b", b2)))).isEqualTo(samePair);
    }

    @Test
    void keepsStringsWithSeparatorsApartFromTwoFields() {
        CanonicalForm two = new CanonicalForm(List.of(new Field("a", FieldType.STRING), new Field("b", FieldType.STRING)));
        String left = two.text(Row.of("a", "a|b", "b", "c"));
        String right = two.text(Row.of("a", "a", "b", "b|c"));
        assertThat(left).isNotEqualTo(right);
        for (FingerprintAlgorithm alg : FingerprintAlgorithm.values()) {
            assertThat(alg.fingerprint(left)).isNotEqualTo(alg.fingerprint(right));
        }
        assertThat(two.text(Row.of("a", "a\\", "b", "|c"))).isNotEqualTo(two.text(Row.of("a", "a\\|", "b", "c")));
    }

    @Test
    void distinguishesNullFromEmptyAndFromTheTextOfNull() {
        assertThat(CanonicalForm.valueText(FieldType.STRING, null)).isNotEqualTo(CanonicalForm.valueText(FieldType.STRING, ""));
        assertThat(CanonicalForm.valueText(FieldType.STRING, null)).isNotEqualTo(CanonicalForm.valueText(FieldType.STRING, "\\N"));
        assertThat(CanonicalForm.valueText(FieldType.BYTES, null)).isNotEqualTo(CanonicalForm.valueText(FieldType.BYTES, new byte[0]));
        CanonicalForm one = new CanonicalForm(List.of(new Field("s", FieldType.STRING)));
        for (FingerprintAlgorithm alg : FingerprintAlgorithm.values()) {
            assertThat(alg.fingerprint(one.text(Row.of("s", null)))).isNotEqualTo(alg.fingerprint(one.text(Row.of("s", ""))));
        }
    }

    @Test
    void writesTheDocumentedVersionOneText() {
        CanonicalForm form = new CanonicalForm(List.of(new Field("z", FieldType.DECIMAL), new Field("a", FieldType.STRING),
                new Field("t", FieldType.TIMESTAMP), new Field("u", FieldType.UUID), new Field("n", FieldType.INTEGER)));
        Row row = Row.of("z", new BigDecimal("12.50"), "a", "x|y\\", "t", Instant.parse("1970-01-01T00:00:01.0000019Z"),
                "u", UUID.fromString("F0000000-0000-0000-0000-00000000000A"), "n", BigInteger.valueOf(-42));
        assertThat(form.text(row)).isEqualTo("hw1|x\\|y\\\\|-42|1000001|f0000000-0000-0000-0000-00000000000a|12.5");
    }

    @Test
    void truncatesTimestampsBeforeTheEpochTowardThePast() {
        assertThat(CanonicalForm.micros(Instant.parse("1969-12-31T23:59:59.9999995Z"))).isEqualTo(-1);
    }
}
