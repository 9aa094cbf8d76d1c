package io.headwater.engine.audit.pii;

import java.math.BigInteger;

/** The check-digit algorithms of payment cards (Luhn) and IBANs (ISO 13616 mod 97). */
public final class Checksums {
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Checksums() {
    }

    /** Whether a digit string (separators ignored) passes the Luhn check. */
    public static boolean luhn(String number) {
        int sum = 0;
        boolean dbl = false;
        int digits = 0;
        for (int i = number.length() - 1; i >= 0; i--) {
            char c = number.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
            digits++;
        }
        return digits > 1 && sum % 10 == 0;
    }

    /** Whether an IBAN (spaces ignored, any case) has valid check digits: the rearranged number mod 97 is 1. */
    public static boolean iban(String iban) {
        String s = iban.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (s.length() < 15 || s.length() > 34 || !s.matches("[A-Z]{2}\\d{2}[A-Z0-9]+")) {
            return false;
        }
        String rearranged = s.substring(4) + s.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    /** The Luhn check digit that completes {@code partial} (digits only). */
    public static int luhnCheckDigit(String partial) {
        for (int d = 0; d <= 9; d++) {
            if (luhn(partial + d)) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a digit string: " + partial);
    }
}
