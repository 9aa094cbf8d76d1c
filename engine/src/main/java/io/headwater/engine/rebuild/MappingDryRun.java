package io.headwater.engine.rebuild;

import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ChangeDecoder;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.EventLog;
import io.headwater.engine.spi.LogPosition;
import io.headwater.engine.spi.LogReader;
import io.headwater.engine.spi.LogRecord;
import io.headwater.engine.spi.PartitionRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema-evolution check of a rebuild: reads a whole log (to its end offsets at the start)
 * and lists, by position, every event that the current decoder and flow mapping cannot read —
 * before a rebuild trips over it. Writes nothing. Not thread-safe.
 */
public final class MappingDryRun {
    private static final Duration POLL = Duration.ofMillis(200);

    /** One event the mapping cannot read, and why. */
    public record UnreadableEvent(LogPosition position, String problem) {
    }

    /** What the dry run saw. */
    public record Report(long recordsRead, long changes, List<UnreadableEvent> unreadable) {
    }

    private final Flow flow;
    private final Dataset logDataset;
    private final EventLog log;
    private final ChangeDecoder decoder;

    public MappingDryRun(Flow flow, Dataset logDataset, EventLog log, ChangeDecoder decoder) {
        this.flow = flow;
        this.logDataset = logDataset;
        this.log = log;
        this.decoder = decoder;
    }

    public Report run(Cancellation cancellation) {
        String topic = logDataset.physicalName();
        Map<PartitionRef, Long> end = log.endOffsets(topic);
        Checkpoint at = Checkpoint.EMPTY;
        long read = 0;
        long changes = 0;
        List<UnreadableEvent> unreadable = new ArrayList<>();
        try (LogReader reader = log.openReader(topic, Checkpoint.EMPTY)) {
            while (!ShadowReplay.covers(at, end)) {
                cancellation.check("dry run of " + flow.id());
                for (LogRecord r : reader.poll(POLL)) {
                    if (r.position().offset() >= end.getOrDefault(r.position().partition(), 0L)) {
                        continue;
                    }
                    at = at.advancedPast(r.position());
                    read++;
                    try {
                        Optional<ChangeEvent> e = decoder.decode(r, logDataset);
                        if (e.isPresent()) {
                            changes++;
                            if (e.get().after() != null) {
                                requireReadFields(e.get().after());
                                if (!flow.isAggregate()) {
                                    flow.apply(e.get().after());
                                }
                            }
                        }
                    } catch (HeadwaterException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
                        unreadable.add(new UnreadableEvent(r.position(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                    }
                }
            }
        }
        return new Report(read, changes, unreadable);
    }

    /**
     * A field the mapping reads must be in the event (a null value is fine; a field that is not
     * there at all was renamed or dropped by a newer version of the producer).
     */
    private void requireReadFields(io.headwater.engine.model.Row after) {
        if (flow.mapping() == null) {
            return;
        }
        for (io.headwater.engine.model.MappedField m : flow.mapping()) {
            for (String field : m.expression().sourceFields()) {
                if (!after.has(field)) {
                    throw new IllegalArgumentException("the event has no '" + field + "', which the mapping of " + m.target() + " reads");
                }
            }
        }
    }
}
