package io.headwater.engine.audit.pii;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A category of personal data. The config name is what a field's {@code pii:} tag says
 * ({@code pii:email}); a few synonyms are accepted.
 */
public enum PiiCategory {
    EMAIL("email", true), PHONE("phone", true), PAYMENT_CARD("card", true), IBAN("iban", true), NATIONAL_ID("national-id", true),
    IP_ADDRESS("ip", true), NAME("name", false), ADDRESS("address", false), BIRTH_DATE("birthdate", false);

    private final String configName;
    private final boolean valueMatched;

    PiiCategory(String configName, boolean valueMatched) {
        this.configName = configName;
        this.valueMatched = valueMatched;
    }

    public String configName() {
        return configName;
    }

    /** Whether values of this category are recognised in text (names and addresses are recognised by field name only). */
    public boolean valueMatched() {
        return valueMatched;
    }

    /** The category a {@code pii:} tag value names, accepting {@code e-mail}, {@code payment-card}, {@code ssn} and the like. */
    public static Optional<PiiCategory> fromTag(String value) {
        String v = value.toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (v) {
            case "e-mail", "mail" -> Optional.of(EMAIL);
            case "telephone", "mobile" -> Optional.of(PHONE);
            case "payment-card", "credit-card", "pan" -> Optional.of(PAYMENT_CARD);
            case "ssn", "national-id", "nationalid", "passport", "tax-id" -> Optional.of(NATIONAL_ID);
            case "ip-address", "ipaddress" -> Optional.of(IP_ADDRESS);
            case "dob", "birth-date", "date-of-birth" -> Optional.of(BIRTH_DATE);
            default -> Arrays.stream(values()).filter(c -> c.configName.equals(v)).findFirst();
        };
    }
}
