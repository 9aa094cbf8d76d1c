package io.headwater.engine.audit.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a sealed report: finds its seal block, re-renders the block from the values it lists and
 * compares it byte for byte, then recomputes the hash chain over the sections and compares every
 * link. Any changed byte is detected; the result names the section it is in ({@code header},
 * {@code item:ID}) or {@code seal} for the seal block itself. Stateless.
 */
public final class ReportVerifier {
    private static final Pattern ENTRY = Pattern.compile("section (\\S+) (\\d{1,12}) ([0-9a-f]{64})");
    private static final Pattern ROOT = Pattern.compile("root ([0-9a-f]{64})");

    private ReportVerifier() {
    }

    /**
     * The outcome of a check.
     *
     * @param intact  whether the report is exactly as sealed
     * @param format  its format, when recognised
     * @param root    the root listed in the report; null when unreadable
     * @param section the changed section ({@code header}, {@code item:ID}, {@code seal}); null when intact
     * @param reason  what is wrong; null when intact
     * @param items   the number of sealed sections
     */
    public record Result(boolean intact, ReportFormat format, String root, String section, String reason, int items) {
        static Result tampered(ReportFormat format, String root, String section, String reason, int items) {
            return new Result(false, format, root, section, reason, items);
        }
    }

    public static Result verify(byte[] bytes) {
        String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
        Optional<ReportFormat> detected = ReportFormat.detect(latin1);
        if (detected.isEmpty()) {
            return Result.tampered(null, null, "seal", "no seal block found: not a sealed Headwater report, or its seal was changed", 0);
        }
        ReportFormat format = detected.get();
        int sealStart = latin1.lastIndexOf("\n" + format.marker());
        String block = latin1.substring(sealStart);
        List<SealEntry> listed = new ArrayList<>();
        Matcher m = ENTRY.matcher(block);
        while (m.find()) {
            listed.add(new SealEntry(m.group(1), Long.parseLong(m.group(2)), m.group(3)));
        }
        Matcher r = ROOT.matcher(block);
        String root = r.find() ? r.group(1) : null;
        if (listed.isEmpty() || root == null) {
            return Result.tampered(format, root, "seal", "the seal block cannot be read", listed.size());
        }
        String expectedBlock = format.sealBlock(listed, root);
        if (!new String(expectedBlock.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1).equals(block)) {
            return Result.tampered(format, root, "seal", "the seal block was changed", listed.size());
        }
        return checkChain(bytes, sealStart, listed, root, format);
    }

    private static final Pattern ITEM_NAME = Pattern.compile("item:[A-Za-z0-9][A-Za-z0-9._-]*");

    private static Result checkChain(byte[] bytes, int sealStart, List<SealEntry> listed, String root, ReportFormat format) {
        int n = listed.size();
        if (!namesWellFormed(listed)) {
            return Result.tampered(format, root, "seal", "the seal's list of sections was changed", n);
        }
        long[] lengths = listed.stream().mapToLong(SealEntry::length).toArray();
        long sum = java.util.Arrays.stream(lengths).sum();
        if (sum != sealStart) {
            return misaligned(bytes, sealStart, listed, lengths, root, format);
        }
        String[] computed = chain(bytes, sealStart, listed, lengths);
        for (int i = 0; i < n; i++) {
            if (computed[i].equals(listed.get(i).hash())) {
                continue;
            }
            String name = listed.get(i).section();
            boolean onlyTheListingChanged = i + 1 < n ? computed[i + 1].equals(listed.get(i + 1).hash()) : computed[i].equals(root);
            if (onlyTheListingChanged || !nameFits(bytes, offset(lengths, i), (int) lengths[i], name)) {
                return Result.tampered(format, root, "seal", "the seal's entry for section " + name + " was changed", n);
            }
            return Result.tampered(format, root, name, "the content of section " + name + " was changed (its hash no longer matches the seal)", n);
        }
        if (!computed[n - 1].equals(root)) {
            return Result.tampered(format, root, "seal", "the seal's root was changed", n);
        }
        return new Result(true, format, root, null, null, n);
    }

    /**
     * The listed lengths do not add up to where the seal starts: either bytes were added to or removed
     * from one section (then every other link still matches once that section's length is corrected),
     * or a listed length was changed (then every link matches with the corrected length).
     */
    private static Result misaligned(byte[] bytes, int sealStart, List<SealEntry> listed, long[] lengths, String root, ReportFormat format) {
        int n = listed.size();
        long delta = sealStart - java.util.Arrays.stream(lengths).sum();
        for (int k = 0; k < n; k++) {
            if (lengths[k] + delta < 0) {
                continue;
            }
            long[] fixed = lengths.clone();
            fixed[k] += delta;
            String[] computed = chain(bytes, sealStart, listed, fixed);
            List<Integer> mismatched = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!computed[i].equals(listed.get(i).hash())) {
                    mismatched.add(i);
                }
            }
            String name = listed.get(k).section();
            if (mismatched.isEmpty()) {
                return Result.tampered(format, root, "seal", "the seal's length of section " + name + " was changed", n);
            }
            if (mismatched.equals(List.of(k))) {
                return Result.tampered(format, root, name, (delta > 0 ? "bytes were added to" : "bytes were removed from") + " section " + name, n);
            }
        }
        return Result.tampered(format, root, listed.get(n - 1).section(), "sections were added, removed or reordered", n);
    }

    private static String[] chain(byte[] bytes, int sealStart, List<SealEntry> listed, long[] lengths) {
        String[] computed = new String[listed.size()];
        String link = ReportSeal.GENESIS;
        long offset = 0;
        for (int i = 0; i < listed.size(); i++) {
            int length = (int) Math.max(0, Math.min(lengths[i], sealStart - offset));
            link = ReportSeal.link(link, listed.get(i).section(), bytes, (int) Math.min(offset, sealStart), length);
            computed[i] = link;
            offset += length;
        }
        return computed;
    }

    private static int offset(long[] lengths, int index) {
        long o = 0;
        for (int i = 0; i < index; i++) {
            o += lengths[i];
        }
        return (int) o;
    }

    private static boolean namesWellFormed(List<SealEntry> listed) {
        if (!listed.get(0).section().equals("header")) {
            return false;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SealEntry e : listed.subList(1, listed.size())) {
            if (!ITEM_NAME.matcher(e.section()).matches() || !seen.add(e.section())) {
                return false;
            }
        }
        return true;
    }

    /** Whether an item section mentions its own id (every format writes it twice, so one changed byte leaves one). */
    private static boolean nameFits(byte[] bytes, int from, int length, String name) {
        if (name.equals("header")) {
            return true;
        }
        String id = name.substring("item:".length());
        return new String(bytes, from, length, StandardCharsets.UTF_8).contains(id);
    }
}
