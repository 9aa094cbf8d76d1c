package io.headwater.engine.audit.pii;

import java.util.Locale;
import java.util.Optional;

/**
 * Suggests a personal-data category from a field's name: {@code email}, {@code phone_number},
 * {@code iban}, {@code card_number}, {@code ssn}, {@code ip_address}, {@code first_name},
 * {@code street}, {@code date_of_birth}. Names that merely contain such a word in another sense
 * ({@code filename}, {@code ship_date}) are not matched: names are split into words first.
 */
public final class FieldNameHints {
    private FieldNameHints() {
    }

    public static Optional<PiiCategory> categoryOf(String fieldName) {
        String n = "_" + fieldName.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_";
        if (has(n, "email", "e_mail", "mail")) {
            return Optional.of(PiiCategory.EMAIL);
        }
        if (has(n, "phone", "mobile", "tel", "telephone", "msisdn", "fax")) {
            return Optional.of(PiiCategory.PHONE);
        }
        if (has(n, "iban", "bic")) {
            return Optional.of(PiiCategory.IBAN);
        }
        if (has(n, "card", "pan", "cc_number", "card_number", "credit_card")) {
            return Optional.of(PiiCategory.PAYMENT_CARD);
        }
        if (has(n, "ssn", "national_id", "passport", "tax_id", "nino", "social_security")) {
            return Optional.of(PiiCategory.NATIONAL_ID);
        }
        if (has(n, "ip", "ip_address", "ipaddress", "client_ip", "remote_addr")) {
            return Optional.of(PiiCategory.IP_ADDRESS);
        }
        if (has(n, "dob", "birthdate", "birth_date", "date_of_birth", "birthday")) {
            return Optional.of(PiiCategory.BIRTH_DATE);
        }
        if (has(n, "street", "address", "postcode", "zip", "zipcode", "city")) {
            return Optional.of(PiiCategory.ADDRESS);
        }
        if (has(n, "name", "first_name", "last_name", "surname", "full_name", "firstname", "lastname")) {
            return Optional.of(PiiCategory.NAME);
        }
        return Optional.empty();
    }

    private static boolean has(String normalized, String... words) {
        for (String w : words) {
            if (normalized.contains("_" + w + "_")) {
                return true;
            }
        }
        return false;
    }
}
