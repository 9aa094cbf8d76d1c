package io.headwater.connectors.mvstore;

import io.headwater.engine.model.Row;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Two forms of a record key, shared by the stores that are not SQL.
 *
 * <p>{@link #sortable(Row)}: bytes whose unsigned lexicographic order is the key order, for
 * composite keys too (component by component). Per component one tag byte, then: null (tag 0,
 * sorts first); integer (tag 1, 8 bytes, sign bit flipped); date (tag 2, epoch day as an integer);
 * UUID (tag 3, 16 bytes, so UUIDs sort as unsigned 128-bit numbers, like PostgreSQL and H2 — not
 * like {@link UUID#compareTo}); string (tag 4, UTF-8 with 0x00 escaped as 0x00 0xFF, ended by
 * 0x00 0x00, so strings sort by code point).
 *
 * <p>{@link #text(Row)}: a readable canonical text, components joined by {@code |}, with
 * {@code \} and {@code |} escaped by {@code \} and null written {@code \0}; integers in decimal,
 * dates ISO, UUIDs lower-case. Stateless and thread-safe.
 */
public final class KeyCodec {
    private KeyCodec() {
    }

    public static byte[] sortable(Row key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        for (Object raw : key.asMap().values()) {
            Object v = LogicalValues.normalise(raw);
            if (v == null) {
                out.write(0);
            } else if (v instanceof Long l) {
                out.write(1);
                out.writeBytes(ByteBuffer.allocate(8).putLong(l ^ Long.MIN_VALUE).array());
            } else if (v instanceof LocalDate d) {
                out.write(2);
                out.writeBytes(ByteBuffer.allocate(8).putLong(d.toEpochDay() ^ Long.MIN_VALUE).array());
            } else if (v instanceof UUID u) {
                out.write(3);
                out.writeBytes(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
            } else if (v instanceof String s) {
                out.write(4);
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                    out.write(b);
                    if (b == 0) {
                        out.write(0xFF);
                    }
                }
                out.write(0);
                out.write(0);
            } else {
                throw new IllegalArgumentException("a " + v.getClass().getSimpleName() + " cannot be (part of) a key");
            }
        }
        return out.toByteArray();
    }

    public static String text(Row key) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object raw : key.asMap().values()) {
            if (!first) {
                sb.append('|');
            }
            first = false;
            Object v = LogicalValues.normalise(raw);
            if (v == null) {
                sb.append("\\0");
            } else {
                String s = v.toString();
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '\\' || c == '|') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
