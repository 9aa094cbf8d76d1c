package io.headwater.engine.audit.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in text: e-mail addresses; payment card numbers of 13 to 19 digits that pass
 * the Luhn check; IBANs (with or without a valid mod-97 check, see {@link PiiMatch#validated()});
 * phone numbers in international ({@code +49 30 1234567}) or national trunk-prefixed
 * ({@code 030 1234567}) form; national ids (US social security numbers, UK national insurance
 * numbers); IPv4 addresses. A stretch of text is claimed by one category only: cards and IBANs
 * before phones. Stateless and thread-safe.
 */
public final class PiiMatchers {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b");
    private static final Pattern CARD = Pattern.compile("(?<![\\w-])\\d(?:[ -]?\\d){12,18}(?![\\w-])");
    private static final Pattern SSN = Pattern.compile("(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\d-])");
    private static final Pattern NINO = Pattern.compile("\\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+.:-])(?:\\+\\d{1,3}|\\(?0\\d{1,4}\\)?)(?:[ ./-]?\\(?\\d{1,5}\\)?){2,5}(?![\\w:-]|\\.\\d)");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.])");

    private PiiMatchers() {
    }

    /** Every piece of personal data in {@code text}, in the order of the categories above. */
    public static List<PiiMatch> find(String text) {
        List<PiiMatch> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        boolean[] claimed = new boolean[text.length()];
        scan(EMAIL, text, claimed, out, m -> new PiiMatch(PiiCategory.EMAIL, m, false));
        scan(CARD, text, claimed, out, m -> {
            int digits = m.replaceAll("[ -]", "").length();
            return digits >= 13 && digits <= 19 && Checksums.luhn(m) ? new PiiMatch(PiiCategory.PAYMENT_CARD, m, true) : null;
        });
        scan(IBAN, text, claimed, out, m -> new PiiMatch(PiiCategory.IBAN, m, Checksums.iban(m)));
        scan(SSN, text, claimed, out, m -> new PiiMatch(PiiCategory.NATIONAL_ID, m, false));
        scan(NINO, text, claimed, out, m -> new PiiMatch(PiiCategory.NATIONAL_ID, m, false));
        scan(IPV4, text, claimed, out, m -> new PiiMatch(PiiCategory.IP_ADDRESS, m, false));
        scan(PHONE, text, claimed, out, m -> {
            int digits = m.replaceAll("\\D", "").length();
            return digits >= 7 && digits <= 15 ? new PiiMatch(PiiCategory.PHONE, m, false) : null;
        });
        return out;
    }

    /** The categories found in {@code text}, each once. */
    public static java.util.Set<PiiCategory> categories(String text) {
        java.util.Set<PiiCategory> out = java.util.EnumSet.noneOf(PiiCategory.class);
        find(text).forEach(m -> out.add(m.category()));
        return out;
    }

    private static void scan(Pattern p, String text, boolean[] claimed, List<PiiMatch> out, java.util.function.Function<String, PiiMatch> accept) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (isClaimed(claimed, m.start(), m.end())) {
                continue;
            }
            PiiMatch match = accept.apply(m.group());
            if (match != null) {
                out.add(match);
                java.util.Arrays.fill(claimed, m.start(), m.end(), true);
            }
        }
    }

    private static boolean isClaimed(boolean[] claimed, int from, int to) {
        for (int i = from; i < to; i++) {
            if (claimed[i]) {
                return true;
            }
        }
        return false;
    }
}
