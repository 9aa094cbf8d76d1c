package io.headwater.app.runtime.workbench;

import io.headwater.app.runtime.ChangeLogSource;
import io.headwater.app.runtime.LivePipeline;
import io.headwater.engine.HeadwaterException;
import io.headwater.engine.model.DatasetRef;
import io.headwater.engine.model.Row;
import io.headwater.engine.replay.AsOf;
import io.headwater.engine.replay.HistoryEntry;
import io.headwater.engine.replay.KeyLiteral;
import io.headwater.engine.replay.Materialized;
import io.headwater.engine.spi.Cancellation;
import io.headwater.engine.spi.ProgressListener;
import io.headwater.engine.workbench.TimeTravelReport;
import java.util.List;
import java.util.Objects;

/**
 * Reads the past from the running pipeline's event log, as {@code headwater history} and
 * {@code rebuild --as-of/--to-offset} do: a dataset materialised as of a point, one entity's
 * changes. Read-only; the live stores are untouched. Thread-safe: each call reads with its own reader.
 */
final class TimeTravelQueries {
    private final LivePipeline runtime;
    private final PipelineLookup lookup;

    TimeTravelQueries(LivePipeline runtime, PipelineLookup lookup) {
        this.runtime = runtime;
        this.lookup = lookup;
    }

    TimeTravelReport materialize(DatasetRef dataset, AsOf asOf, int maxRows, Cancellation cancellation, ProgressListener progress) {
        Objects.requireNonNull(asOf, "asOf");
        if (maxRows < 0) {
            throw new HeadwaterException("time travel of " + dataset + ": at most " + maxRows + " rows cannot be shown; ask for 0 or more");
        }
        ChangeLogSource source = lookup.changeLog(dataset);
        Materialized m = source.materialize(runtime.eventLogOf(source.log().ref()), runtime.decoder(), asOf, cancellation, progress);
        List<Row> shown = m.rows().size() > maxRows ? m.rows().subList(0, maxRows) : m.rows();
        return new TimeTravelReport(m.dataset(), asOf.describe(), m.eventsApplied(), m.rows().size(), shown);
    }

    List<HistoryEntry> entityHistory(DatasetRef dataset, String key, Cancellation cancellation, ProgressListener progress) {
        ChangeLogSource source = lookup.changeLog(dataset);
        Row keyRow;
        try {
            keyRow = KeyLiteral.parse(source.asked(), key);
        } catch (IllegalArgumentException e) {
            throw new HeadwaterException("history of " + dataset + ": " + e.getMessage(), e);
        }
        return source.history(runtime.eventLogOf(source.log().ref()), runtime.decoder(), keyRow, cancellation, progress);
    }
}
