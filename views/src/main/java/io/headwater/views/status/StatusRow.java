package io.headwater.views.status;

/**
 * One line of the pipeline status table: a system, or one dataset of it.
 *
 * @param lag records not yet applied, or -1 when not applicable
 */
public record StatusRow(String system, String kind, String role, String dataset, long size, long lag, String state) {
    public String sizeText() {
        return size < 0 ? "" : String.format("%,d", size);
    }

    public String lagText() {
        return lag < 0 ? "" : lag == 0 ? "caught up" : String.format("%,d behind", lag);
    }
}
