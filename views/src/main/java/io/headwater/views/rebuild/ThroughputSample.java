package io.headwater.views.rebuild;

/**
 * One point of the rebuild's throughput chart.
 *
 * @param seconds        since the rebuild started
 * @param eventsPerSecond log records replayed per second since the previous sample
 * @param rowsPerSecond   rows verified per second since the previous sample
 */
public record ThroughputSample(double seconds, double eventsPerSecond, double rowsPerSecond) {
}
