package io.headwater.views.lineage;

/**
 * One field reached from the picked field.
 *
 * @param direction {@code upstream} (it feeds the picked field) or {@code downstream} (the picked field feeds it)
 * @param field     the field reached, {@code search.customers.email}
 * @param tags      its {@code pii:} and {@code retention:} tags
 * @param path      the path from upstream to downstream, with each mapping that is not a plain copy
 * @param hops      the number of flows on the path
 */
public record LineageRow(String direction, String field, String tags, String path, int hops) {
    public static final String UPSTREAM = "upstream";
    public static final String DOWNSTREAM = "downstream";
}
