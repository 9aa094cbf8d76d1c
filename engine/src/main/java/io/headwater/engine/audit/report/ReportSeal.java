package io.headwater.engine.audit.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Seals a report: a SHA-256 hash chain over its sections, {@code h0 = 64 zeros},
 * {@code h(i) = SHA-256(h(i-1) "\n" name(i) "\n" bytes(i))}; the root is the last link. The report
 * ends with a seal block listing every section's name, length and chain hash, then the root; the
 * block is rendered from those values alone, so every byte of the file is covered. Stateless.
 */
public final class ReportSeal {
    /** The first line of the list in every seal block. */
    public static final String HEADER_LINE = "headwater-seal v1 sha-256 chain";
    static final String GENESIS = "0".repeat(64);

    private ReportSeal() {
    }

    /** A sealed report: its bytes and its root. */
    public record Sealed(byte[] bytes, String root, List<SealEntry> entries) {
    }

    /** Renders {@code report} in {@code format} and seals it. */
    public static Sealed seal(AuditReport report, ReportFormat format) {
        List<ReportSection> sections = format.sections(report);
        List<SealEntry> entries = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String link = GENESIS;
        for (ReportSection s : sections) {
            byte[] bytes = s.text().getBytes(StandardCharsets.UTF_8);
            link = link(link, s.name(), bytes, 0, bytes.length);
            entries.add(new SealEntry(s.name(), bytes.length, link));
            text.append(s.text());
        }
        text.append(format.sealBlock(entries, link));
        return new Sealed(text.toString().getBytes(StandardCharsets.UTF_8), link, List.copyOf(entries));
    }

    /** The next link of the chain. */
    static String link(String previous, String name, byte[] bytes, int from, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((previous + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(bytes, from, length);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
