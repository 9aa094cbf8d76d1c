package io.headwater.connectors.mvstore;

import io.headwater.engine.model.Row;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A compact, self-describing binary form of a {@link Row} that gives every engine value type back
 * exactly (a {@code BigDecimal} with its scale, an {@code Instant} to the nanosecond).
 *
 * <p>Format, version 1: byte {@code 1}; int field count; per field: string name, one tag byte and
 * the value. Strings are an int byte length and UTF-8. Tags: 0 null, 1 Long (8 bytes), 2 BigDecimal
 * (int scale, int length, two's-complement unscaled bytes), 3 Double (8 bytes IEEE), 4 String,
 * 5 true, 6 false, 7 Instant (long epoch second, int nano), 8 LocalDate (long epoch day), 9 UUID
 * (two longs), 10 bytes (int length, bytes). All numbers big-endian. Stateless and thread-safe.
 */
public final class RowCodec {
    private static final int VERSION = 1;

    private RowCodec() {
    }

    public static byte[] encode(Row row) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(row.fields().size());
            for (Map.Entry<String, Object> e : row.asMap().entrySet()) {
                writeString(out, e.getKey());
                writeValue(out, LogicalValues.normalise(e.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen writing to memory", e);
        }
        return bytes.toByteArray();
    }

    public static Row decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown row encoding version " + version);
            }
            int n = in.readInt();
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = readString(in);
                values.put(name, readValue(in));
            }
            return Row.of(values);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated or corrupt row encoding", e);
        }
    }

    private static void writeValue(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(0);
        } else if (v instanceof Long l) {
            out.writeByte(1);
            out.writeLong(l);
        } else if (v instanceof BigDecimal d) {
            out.writeByte(2);
            out.writeInt(d.scale());
            writeBytes(out, d.unscaledValue().toByteArray());
        } else if (v instanceof Double d) {
            out.writeByte(3);
            out.writeDouble(d);
        } else if (v instanceof String s) {
            out.writeByte(4);
            writeString(out, s);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? 5 : 6);
        } else if (v instanceof Instant t) {
            out.writeByte(7);
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        } else if (v instanceof LocalDate d) {
            out.writeByte(8);
            out.writeLong(d.toEpochDay());
        } else if (v instanceof UUID u) {
            out.writeByte(9);
            out.writeLong(u.getMostSignificantBits());
            out.writeLong(u.getLeastSignificantBits());
        } else if (v instanceof byte[] b) {
            out.writeByte(10);
            writeBytes(out, b);
        } else {
            throw new IllegalArgumentException("no encoding for a value of type " + v.getClass().getName());
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case 0 -> null;
            case 1 -> in.readLong();
            case 2 -> {
                int scale = in.readInt();
                yield new BigDecimal(new BigInteger(readBytes(in)), scale);
            }
            case 3 -> in.readDouble();
            case 4 -> readString(in);
            case 5 -> Boolean.TRUE;
            case 6 -> Boolean.FALSE;
            case 7 -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case 8 -> LocalDate.ofEpochDay(in.readLong());
            case 9 -> new UUID(in.readLong(), in.readLong());
            case 10 -> readBytes(in);
            default -> throw new IllegalArgumentException("unknown value tag " + tag);
        };
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("length " + n + " exceeds the remaining data");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
