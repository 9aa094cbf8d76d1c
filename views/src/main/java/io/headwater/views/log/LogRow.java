package io.headwater.views.log;

import io.headwater.engine.spi.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One log record as the Log view shows it: partition, offset, time, key and a value preview.
 *
 * @param value the whole value as text ("(tombstone)" for a null value)
 */
public record LogRow(int partition, long offset, Instant time, String key, String value) {
    /** Characters of the value shown in the table. */
    static final int PREVIEW = 160;

    public static LogRow of(LogRecord r) {
        return new LogRow(r.position().partition().partition(), r.position().offset(), r.timestamp(), text(r.key(), "(no key)"),
                text(r.value(), "(tombstone)"));
    }

    private static String text(byte[] bytes, String ifNull) {
        return bytes == null ? ifNull : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The value's first characters, on one line. */
    public String preview() {
        String oneLine = value.replaceAll("\\s+", " ");
        return oneLine.length() <= PREVIEW ? oneLine : oneLine.substring(0, PREVIEW) + "…";
    }
}
