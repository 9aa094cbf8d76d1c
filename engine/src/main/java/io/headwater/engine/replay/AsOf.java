package io.headwater.engine.replay;

import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.LogRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A point in an event log that a dataset is materialised as of: either an offset (the records
 * before it, i.e. the first {@code n} offsets of a single-partition topic) or an instant (the changes
 * committed at or before it in the system of record).
 */
public sealed interface AsOf {

    /** The records with an offset below {@code next}: the first {@code next} offsets of the topic. */
    static AsOf offset(long next) {
        return new Offset(next);
    }

    /** The changes committed at or before {@code instant}. */
    static AsOf instant(Instant instant) {
        return new Moment(instant);
    }

    /**
     * Parses the text form: a whole number is an offset, anything else an ISO-8601 instant
     * ({@code 2024-05-01T10:00:00Z}).
     *
     * @throws IllegalArgumentException naming both accepted forms when the text is neither
     */
    static AsOf parse(String text) {
        String t = Objects.requireNonNull(text, "text").trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return offset(Long.parseLong(t));
        }
        try {
            return instant(Instant.parse(t));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither an offset (a whole number) nor an instant (like 2024-05-01T10:00:00Z)", e);
        }
    }

    /** Whether a decoded change of {@code record} belongs to the state as of this point. */
    boolean includes(LogRecord record, ChangeEvent event);

    /** The last offset (exclusive) worth reading in a partition whose end offset is {@code end}. */
    long readLimit(long end);

    /** A short description for messages: {@code offset 120} or {@code 2024-05-01T10:00:00Z}. */
    String describe();

    /**
     * The records before an offset.
     *
     * @param next the first offset not included; 0 includes nothing
     */
    record Offset(long next) implements AsOf {
        public Offset {
            if (next < 0) {
                throw new IllegalArgumentException("an as-of offset cannot be negative: " + next);
            }
        }

        @Override
        public boolean includes(LogRecord record, ChangeEvent event) {
            return record.position().offset() < next;
        }

        @Override
        public long readLimit(long end) {
            return Math.min(end, next);
        }

        @Override
        public String describe() {
            return "offset " + next;
        }
    }

    /**
     * The changes committed at or before an instant: {@link ChangeEvent#committedAt()}, or the log
     * record's timestamp when the change carries none. A snapshot read counts as of the moment it was
     * read.
     */
    record Moment(Instant instant) implements AsOf {
        public Moment {
            Objects.requireNonNull(instant, "instant");
        }

        @Override
        public boolean includes(LogRecord record, ChangeEvent event) {
            Instant at = event.committedAt() != null ? event.committedAt() : record.timestamp();
            return at != null && !at.isAfter(instant);
        }

        /** Commit times need not grow with offsets, so the whole log is read. */
        @Override
        public long readLimit(long end) {
            return end;
        }

        @Override
        public String describe() {
            return instant.toString();
        }
    }
}
