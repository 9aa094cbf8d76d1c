package io.headwater.engine.audit.pii;

/**
 * Shows personal data without revealing it: an e-mail keeps its first letter and domain
 * ({@code a***@example.org}), numbers keep their last four digits, anything else its first and last
 * character. Reports and evidence only ever contain masked values.
 */
public final class Masking {
    private Masking() {
    }

    public static String mask(PiiCategory category, String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return switch (category) {
            case EMAIL -> email(value);
            case PHONE, PAYMENT_CARD, IBAN, NATIONAL_ID -> keepLastDigits(value, 4);
            case IP_ADDRESS -> value.substring(0, value.indexOf('.') + 1) + "*.*.*";
            default -> generic(value);
        };
    }

    /** Masks any text: first and last character kept, letters and digits between them starred. */
    public static String generic(String value) {
        if (value.length() <= 2) {
            return "**";
        }
        StringBuilder b = new StringBuilder().append(value.charAt(0));
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            b.append(Character.isLetterOrDigit(c) ? '*' : c);
        }
        return b.append(value.charAt(value.length() - 1)).toString();
    }

    private static String email(String value) {
        int at = value.indexOf('@');
        if (at <= 0) {
            return generic(value);
        }
        return value.charAt(0) + "***" + value.substring(at);
    }

    private static String keepLastDigits(String value, int keep) {
        int alnum = 0;
        for (char c : value.toCharArray()) {
            alnum += Character.isLetterOrDigit(c) ? 1 : 0;
        }
        StringBuilder b = new StringBuilder();
        int seen = 0;
        for (char c : value.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                seen++;
                b.append(seen > alnum - keep ? c : '*');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
