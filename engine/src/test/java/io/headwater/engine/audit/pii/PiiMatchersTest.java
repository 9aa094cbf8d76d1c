package io.headwater.engine.audit.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PiiMatchersTest {
    @Test
    void luhnAcceptsValidCardsAndRejectsOneDigitOff() {
        assertThat(Checksums.luhn("4539 1488 0343 6467")).isTrue();
        assertThat(Checksums.luhn("4111-1111-1111-1111")).isTrue();
        assertThat(Checksums.luhn("4111111111111112")).isFalse();
        assertThat(Checksums.luhnCheckDigit("453914880000013")).isBetween(0, 9);
        assertThat(Checksums.luhn("453914880000013" + Checksums.luhnCheckDigit("453914880000013"))).isTrue();
    }

    @Test
    void ibanChecksMod97() {
        assertThat(Checksums.iban("GB82 WEST 1234 5698 7654 32")).isTrue();
        assertThat(Checksums.iban("DE89370400440532013000")).isTrue();
        assertThat(Checksums.iban("DE88370400440532013000")).isFalse();
        assertThat(Checksums.iban("DE89")).isFalse();
    }

    @Test
    void findsEachCategoryInFreeText() {
        List<PiiMatch> found = PiiMatchers.find("Mail ada.lovelace@example.org or call +44 20 7946 0958; card 4539 1488 0343 6467, "
                + "IBAN DE89 3704 0044 0532 0130 00, SSN 123-45-6789, NI AB 12 34 56 C, from 192.168.10.20");
        assertThat(found).extracting(PiiMatch::category).containsExactlyInAnyOrder(PiiCategory.EMAIL, PiiCategory.PHONE, PiiCategory.PAYMENT_CARD,
                PiiCategory.IBAN, PiiCategory.NATIONAL_ID, PiiCategory.NATIONAL_ID, PiiCategory.IP_ADDRESS);
        assertThat(found.stream().filter(m -> m.category() == PiiCategory.IBAN).findFirst().orElseThrow().validated()).isTrue();
    }

    @Test
    void ignoresNumbersThatAreNotPersonalData() {
        assertThat(PiiMatchers.find("Statement 17 for customer 42: 2024-05-01 12:30, amount 1234.56, 4111111111111112, version 1.2.3")).isEmpty();
        assertThat(PiiMatchers.find(null)).isEmpty();
        assertThat(PiiMatchers.find("00301234-5678-4012-8345-012345678901 0a12b3c4-0123-4567-0891-5921aa000000")).isEmpty();
        assertThat(PiiMatchers.find("2024-05-01T10:00:00.003Z 2024-05-01 09:05:07 +02:00")).isEmpty();
    }

    @Test
    void ibanShapedWithWrongCheckDigitsIsFoundButNotValidated() {
        List<PiiMatch> found = PiiMatchers.find("DE88370400440532013000");
        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.category()).isEqualTo(PiiCategory.IBAN);
            assertThat(m.validated()).isFalse();
        });
    }

    @Test
    void masksWithoutRevealing() {
        assertThat(Masking.mask(PiiCategory.EMAIL, "ada.lovelace@example.org")).isEqualTo("a***@example.org");
        assertThat(Masking.mask(PiiCategory.PAYMENT_CARD, "4539 1488 0343 6467")).isEqualTo("**** **** **** 6467");
        assertThat(Masking.mask(PiiCategory.PHONE, "+49 30 1234567")).isEqualTo("+** ** ***4567");
        assertThat(Masking.mask(PiiCategory.NAME, "Ada Lovelace")).isEqualTo("A** *******e");
    }

    @Test
    void fieldNamesSuggestCategoriesByWholeWords() {
        assertThat(FieldNameHints.categoryOf("email")).contains(PiiCategory.EMAIL);
        assertThat(FieldNameHints.categoryOf("contactPhone")).contains(PiiCategory.PHONE);
        assertThat(FieldNameHints.categoryOf("iban")).contains(PiiCategory.IBAN);
        assertThat(FieldNameHints.categoryOf("client_ip")).contains(PiiCategory.IP_ADDRESS);
        assertThat(FieldNameHints.categoryOf("first_name")).contains(PiiCategory.NAME);
        assertThat(FieldNameHints.categoryOf("filename")).isEmpty();
        assertThat(FieldNameHints.categoryOf("shipping_date")).isEmpty();
        assertThat(FieldNameHints.categoryOf("description")).isEmpty();
    }
}
