package io.headwater.engine.status;

import io.headwater.engine.model.DatasetRef;

/**
 * The observed state of one dataset.
 *
 * @param size       records held, or -1 when unknown
 * @param lag        for a derived dataset, log records not yet applied; -1 when not applicable
 * @param checkpoint the committed checkpoint in text form, or empty
 */
public record DatasetStatus(DatasetRef ref, long size, long lag, String checkpoint) {
    public DatasetStatus {
        checkpoint = checkpoint == null ? "" : checkpoint;
    }

    public static DatasetStatus sizeOnly(DatasetRef ref, long size) {
        return new DatasetStatus(ref, size, -1, "");
    }
}
