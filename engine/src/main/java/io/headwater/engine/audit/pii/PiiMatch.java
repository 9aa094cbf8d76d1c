package io.headwater.engine.audit.pii;

import java.util.Objects;

/**
 * Personal data found in a text.
 *
 * @param category  what it is
 * @param value     the matched text (never shown unmasked; see {@link Masking})
 * @param validated whether a checksum confirmed it (Luhn for cards, mod-97 for IBANs); false for an
 *                  IBAN-shaped value whose check digits are wrong, and for categories without a checksum
 */
public record PiiMatch(PiiCategory category, String value, boolean validated) {
    public PiiMatch {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(value, "value");
    }

    /** The value masked for display. */
    public String masked() {
        return Masking.mask(category, value);
    }
}
