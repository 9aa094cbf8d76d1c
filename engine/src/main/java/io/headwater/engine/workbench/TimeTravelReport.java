package io.headwater.engine.workbench;

import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import java.util.List;

/**
 * A dataset as it was at a point of the log.
 *
 * @param asOf        the point, described ("offset 120", "2026-11-25T10:00:00Z")
 * @param eventsApplied log records applied to reach it
 * @param totalRows   rows the dataset had then
 * @param rows        the first of them, in key order
 */
public record TimeTravelReport(Dataset dataset, String asOf, long eventsApplied, long totalRows, List<Row> rows) {
    public TimeTravelReport {
        rows = List.copyOf(rows);
    }
}
